// The parsed data set: a tree of elements whose small values are raw bytes and whose
// bulk values (pixel data, anything over 64 KiB) stay byte ranges of the source.
// Values keep the byte order and character set of the encoding they were read in,
// so an untouched element is written back byte for byte (PS3.5 §7).

import type { Tag } from './tag.ts';

/** A byte range of the file's (possibly inflated) source. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** How a data set (or a nested item) is encoded. UN with undefined length is implicit VR LE inside (PS3.5 §6.2.2). */
export interface Encoding {
  explicitVR: boolean;
  littleEndian: boolean;
}

export type ElementValue =
  /** Raw value bytes as stored (byte order of the enclosing encoding). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /**
   * A value left in the source: pixel data and values over the bulk threshold. `patch`, when set,
   * rewrites bytes of each slice as it is copied (pixel redaction); the source is never modified.
   */
  | { kind: 'bulk'; range: ByteRange; patch?: (chunk: Uint8Array, valueOffset: number) => void }
  | { kind: 'sequence'; items: Item[] }
  /** Encapsulated pixel data (PS3.5 A.4): every item (offset table first) kept as a byte range. */
  | { kind: 'fragments'; fragments: ByteRange[] }
  /**
   * Pixel data produced frame by frame while it is written (decoded, redacted, re-encoded pixel
   * data), so that only one frame is in memory at a time. `encapsulated: false`: native pixel data,
   * every frame exactly `frameLength` bytes, written back to back (padded to even length at the end).
   * `encapsulated: true`: one fragment per frame after an empty Basic Offset Table (PS3.5 A.4).
   */
  | FramesValue;

export interface FramesValue {
  kind: 'frames';
  frameCount: number;
  encapsulated: boolean;
  /** Bytes per frame; required for native (encapsulated: false) output. */
  frameLength?: number;
  /** The bytes of frame `index` (0-based); called once per frame, in order, by the writer. */
  produce(index: number): Promise<Uint8Array>;
}

export interface Element {
  tag: Tag;
  /** Two-letter VR: as read for explicit VR, from the dictionary for implicit VR. */
  vr: string;
  value: ElementValue;
  /** Value length was 0xFFFFFFFF in the source. */
  undefinedLength: boolean;
  /** Offset of the element's tag in the source, for error messages. */
  offset: number;
}

export interface Item {
  elements: Element[];
  undefinedLength: boolean;
  /** Set when the item's content is encoded differently from the enclosing data set (UN → implicit LE). */
  encoding?: Encoding;
  offset: number;
}

export type Dataset = Item;

export const findElement = (ds: Item, t: Tag): Element | undefined => {
  // Elements are kept in ascending tag order; data sets are small enough for a linear scan
  // to beat a binary search, but stop early once past the tag.
  for (const el of ds.elements) {
    if (el.tag === t) return el;
    if (el.tag > t) return undefined;
  }
  return undefined;
};

/** Length of a value in bytes as it would be written (sequences excluded). */
export const valueByteLength = (v: ElementValue): number =>
  v.kind === 'bytes' ? v.bytes.length : v.kind === 'bulk' ? v.range.length : v.kind === 'frames' && !v.encapsulated ? v.frameCount * (v.frameLength ?? 0) : 0;

/** A copy of the item with `el` inserted in tag order, replacing an element with the same tag. */
export function withElement(ds: Item, el: Element): Item {
  const elements = ds.elements.filter((e) => e.tag !== el.tag);
  let i = elements.findIndex((e) => e.tag > el.tag);
  if (i < 0) i = elements.length;
  elements.splice(i, 0, el);
  return { ...ds, elements };
}

export const bytesElement = (t: Tag, vr: string, bytes: Uint8Array): Element => ({
  tag: t, vr, value: { kind: 'bytes', bytes }, undefinedLength: false, offset: -1,
});
