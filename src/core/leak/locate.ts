// Where a byte offset of a written file lies: which element (by tag path, PS3.5 §7.5 nesting),
// or none (preamble, headers, delimiters). Also the byte ranges the leak scan covers: the whole
// file except the top-level pixel data (PS3.5 §8: image pixels are not text; burned-in text is a
// matter for pixel redaction), and, for the deflated transfer syntax (PS3.5 A.5), the file meta
// as written plus the data set as inflated.

import type { Element, Encoding, Item } from '../dicom/dataset.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { LONG_LENGTH_VRS } from '../dicom/vr.ts';
import type { ByteSource } from '../io/byte-source.ts';
import { attributeLabel, pathKey, readablePath } from './candidates.ts';

export interface OutputLeaf {
  start: number;
  end: number;
  element: Element;
  key: string;
  /** Readable path of the enclosing items, e.g. ["ContentSequence[2]"]. */
  parents: string[];
}

export class Locator {
  private readonly leaves: OutputLeaf[] = [];

  add(leaf: OutputLeaf): void {
    this.leaves.push(leaf);
  }

  /** Call once all leaves are added. */
  seal(): this {
    this.leaves.sort((a, b) => a.start - b.start);
    return this;
  }

  at(offset: number): OutputLeaf | undefined {
    const l = this.leaves;
    let lo = 0;
    let hi = l.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (l[mid].start <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best >= 0 && offset < l[best].end ? l[best] : undefined;
  }
}

export const describeLeaf = (leaf: OutputLeaf): string => `element ${readablePath(leaf.parents, leaf.element.tag)}`;

const PIXEL_TAGS = new Set([0x7fe00010, 0x7fe00008, 0x7fe00009]);

function addItem(loc: Locator, item: Item, enc: Encoding, key: string, parents: string[]): void {
  const e = item.encoding ?? enc;
  for (const el of item.elements) {
    if (el.value.kind === 'sequence') {
      el.value.items.forEach((it, i) => addItem(loc, it, e, pathKey(key, el.tag, i), [...parents, `${attributeLabel(el.tag)}[${i}]`]));
      continue;
    }
    const header = e.explicitVR && LONG_LENGTH_VRS.has(el.vr) ? 12 : 8;
    const length = el.value.kind === 'bytes' ? el.value.bytes.length : el.value.kind === 'bulk' ? el.value.range.length : 0;
    if (el.offset < 0) continue;
    loc.add({ start: el.offset, end: el.offset + header + length, element: el, key: pathKey(key, el.tag), parents });
  }
}

export interface Segment {
  source: ByteSource;
  start: number;
  end: number;
  locator: Locator;
  /** How a byte offset outside every element is reported ("byte offset" or "inflated data set offset"). */
  offsetLabel: string;
}

/** The ranges to scan in a parsed output, each with the locator for its offsets. */
export function scanSegments(file: DicomFile, raw: ByteSource): Segment[] {
  const metaLoc = new Locator();
  addItem(metaLoc, file.meta, { explicitVR: true, littleEndian: true }, '', []);
  const deflated = file.source !== raw;
  const dataLoc = deflated ? new Locator() : metaLoc;
  addItem(dataLoc, file.dataset, file.encoding, '', []);
  metaLoc.seal();
  if (deflated) dataLoc.seal();

  const top = file.dataset.elements;
  const data = file.source;
  const ranges: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < top.length; i++) {
    const el = top[i];
    if (!PIXEL_TAGS.has(el.tag) || el.offset < 0) continue;
    ranges.push([from, el.offset]);
    from = i + 1 < top.length ? top[i + 1].offset : data.size;
  }
  ranges.push([from, data.size]);
  const segments: Segment[] = [];
  if (deflated) {
    const metaEnd = metaEndOf(file.meta);
    segments.push({ source: raw, start: 0, end: Math.min(raw.size, metaEnd), locator: metaLoc, offsetLabel: 'byte offset' });
  }
  for (const [a, b] of ranges) {
    if (b > a) segments.push({ source: data, start: a, end: b, locator: dataLoc, offsetLabel: deflated ? 'inflated data set offset' : 'byte offset' });
  }
  return segments;
}

function metaEndOf(meta: Item): number {
  let end = 132;
  for (const el of meta.elements) {
    const header = LONG_LENGTH_VRS.has(el.vr) ? 12 : 8;
    const length = el.value.kind === 'bytes' ? el.value.bytes.length : 0;
    end = Math.max(end, el.offset + header + length);
  }
  return end;
}
