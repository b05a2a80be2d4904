// Which fragments of encapsulated pixel data make up each frame (PS3.5 A.4): from the Extended
// Offset Table (7FE0,0001) when present, else the Basic Offset Table (the first item), else one
// frame per fragment when the counts agree, all fragments for a single frame, and otherwise by the
// start-of-codestream marker that opens each frame (JPEG / JPEG-LS SOI FFD8, JPEG 2000 SOC FF4F,
// the JP2 signature box, an RLE header). Offsets point at the item tag of a frame's first fragment,
// counted from the first item after the Basic Offset Table. Frames are read one at a time.

import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { ByteSource } from '../io/byte-source.ts';
import { findElement, type ByteRange, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { RLE_LOSSLESS } from './frame-codec.ts';

export const EXTENDED_OFFSET_TABLE = tag(0x7fe0, 0x0001);
export const EXTENDED_OFFSET_TABLE_LENGTHS = tag(0x7fe0, 0x0002);

export interface FrameFragments {
  /** Fragment byte ranges (values, without item headers) of each frame, in order. */
  frames: ByteRange[][];
  /** How the frames were found, for messages. */
  method: 'extended-offset-table' | 'basic-offset-table' | 'fragment-per-frame' | 'single-frame' | 'markers';
  /** Total bytes of the compressed frames (fragment values, the offset table excluded). */
  compressedBytes: number;
}

export class FrameSplitError extends MessageError {
  constructor(problem: Message) {
    super(problem);
    this.name = 'FrameSplitError';
  }
}

async function valueBytes(source: ByteSource, ds: Item, t: number): Promise<Uint8Array | undefined> {
  const el = findElement(ds, t);
  if (!el) return undefined;
  if (el.value.kind === 'bytes') return el.value.bytes;
  if (el.value.kind === 'bulk') return source.read(el.value.range.offset, el.value.range.length);
  return undefined;
}

/** Group items into frames given the offset of each frame's first item; undefined when an offset misses. */
function byOffsets(items: ByteRange[], positions: number[], offsets: number[]): ByteRange[][] | undefined {
  const index = new Map<number, number>();
  positions.forEach((p, k) => index.set(p, k));
  const starts: number[] = [];
  for (const off of offsets) {
    const k = index.get(off);
    if (k === undefined) return undefined;
    if (starts.length && k <= starts[starts.length - 1]) return undefined;
    starts.push(k);
  }
  if (starts[0] !== 0 && starts.length) {
    // Fragments before the first frame would be lost: refuse rather than drop pixels.
    return undefined;
  }
  return starts.map((s, i) => items.slice(s, i + 1 < starts.length ? starts[i + 1] : items.length));
}

function isFrameStart(head: Uint8Array, transferSyntaxUID: string): boolean {
  if (head.length < 4) return false;
  if (transferSyntaxUID === RLE_LOSSLESS) {
    const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const n = v.getUint32(0, true);
    return head.length >= 8 && n >= 1 && n <= 15 && v.getUint32(4, true) === 64;
  }
  if (head[0] === 0xff && head[1] === 0xd8) return true; // JPEG, JPEG-LS: SOI
  if (head[0] === 0xff && head[1] === 0x4f && head[2] === 0xff && head[3] === 0x51) return true; // J2K: SOC, SIZ
  if (head.length >= 8 && head[0] === 0 && head[1] === 0 && head[2] === 0 && head[3] === 0x0c && head[4] === 0x6a && head[5] === 0x50) return true; // JP2 box
  if (head[0] === 0xff && head[1] === 0x0a) return true; // JPEG XL codestream
  return false;
}

/** The fragments of every frame; throws FrameSplitError when they cannot be told apart. */
export async function splitFrames(
  source: ByteSource, ds: Item, fragments: ByteRange[], numberOfFrames: number, transferSyntaxUID: string,
): Promise<FrameFragments> {
  if (fragments.length === 0) throw new FrameSplitError(msg('frames-no-offset-table-item'));
  const items = fragments.slice(1);
  if (items.length === 0) throw new FrameSplitError(msg('frames-no-fragments'));
  const compressedBytes = items.reduce((n, f) => n + f.length, 0);
  const positions: number[] = [];
  let pos = 0;
  for (const f of items) {
    positions.push(pos);
    pos += 8 + f.length;
  }
  const done = (frames: ByteRange[][], method: FrameFragments['method']): FrameFragments => ({ frames, method, compressedBytes });

  const eot = await valueBytes(source, ds, EXTENDED_OFFSET_TABLE);
  if (eot && eot.length >= 8 && eot.length % 8 === 0) {
    const v = new DataView(eot.buffer, eot.byteOffset, eot.byteLength);
    const offsets: number[] = [];
    for (let i = 0; i < eot.length; i += 8) offsets.push(Number(v.getBigUint64(i, true)));
    const frames = offsets.length === numberOfFrames ? byOffsets(items, positions, offsets) : undefined;
    if (frames) return done(frames, 'extended-offset-table');
  }

  const bot = fragments[0];
  if (bot.length >= 4 && bot.length % 4 === 0) {
    const b = await source.read(bot.offset, bot.length);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const offsets: number[] = [];
    for (let i = 0; i + 4 <= b.length; i += 4) offsets.push(v.getUint32(i, true));
    const frames = offsets.length === numberOfFrames ? byOffsets(items, positions, offsets) : undefined;
    if (frames) return done(frames, 'basic-offset-table');
  }

  if (items.length === numberOfFrames) return done(items.map((f) => [f]), 'fragment-per-frame');
  if (numberOfFrames === 1) return done([items], 'single-frame');

  const frames: ByteRange[][] = [];
  for (const f of items) {
    const head = await source.read(f.offset, Math.min(8, f.length));
    if (frames.length === 0 || isFrameStart(head, transferSyntaxUID)) frames.push([f]);
    else frames[frames.length - 1].push(f);
  }
  if (frames.length !== numberOfFrames) {
    throw new FrameSplitError(msg('frames-not-told-apart', { frames: numberOfFrames, fragments: items.length, starts: frames.length }));
  }
  return done(frames, 'markers');
}

/** The compressed bytes of one frame (its fragments joined). */
export async function readFrame(source: ByteSource, ranges: ByteRange[]): Promise<Uint8Array> {
  if (ranges.length === 1) return source.read(ranges[0].offset, ranges[0].length);
  const total = ranges.reduce((n, r) => n + r.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const r of ranges) {
    const chunk = await source.read(r.offset, r.length);
    if (chunk.length !== r.length) throw new FrameSplitError(msg('fragment-cut-short', { offset: r.offset }));
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
