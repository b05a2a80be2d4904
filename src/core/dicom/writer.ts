// Writes a data set as DICOM Part 10 (PS3.10 §7.1) to a ByteSink: zero preamble, "DICM", the
// file meta with a recomputed (0002,0000) group length, then the data set in the given encoding.
// Untouched values go out byte for byte; bulk values and pixel fragments are copied from the
// source in large slices, so memory stays flat in file size. Data set group lengths (retired,
// PS3.5 §7.2) are dropped; odd-length values are padded to even length (PS3.5 §7.1.1).

import { deflateSync } from 'fflate';
import type { ByteSource } from '../io/byte-source.ts';
import { MemorySink, type ByteSink } from '../io/byte-sink.ts';
import type { Element, Encoding, FramesValue, Item } from './dataset.ts';
import { FLUSH_AT, Out } from './staged-out.ts';
import { ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER, elementOf, groupOf, isGroupLength, tag } from './tag.ts';
import { LONG_LENGTH_VRS, padByte } from './vr.ts';

const UNDEFINED = 0xffffffff;
const EXPLICIT_LE: Encoding = { explicitVR: true, littleEndian: true };

export interface WriteInput {
  source: ByteSource;
  meta: Item;
  dataset: Item;
  encoding: Encoding;
  deflate: boolean;
}

const headerSize = (vr: string, enc: Encoding) => (enc.explicitVR && LONG_LENGTH_VRS.has(vr) ? 12 : 8);

/** Value lengths (padded) of every element and item, computed once before writing. */
class Lengths {
  private readonly memo = new Map<object, number>();
  value(el: Element, enc: Encoding): number {
    const v = el.value;
    switch (v.kind) {
      case 'bytes':
        return v.bytes.length + (v.bytes.length & 1);
      case 'bulk':
        return v.range.length + (v.range.length & 1);
      case 'fragments':
        return v.fragments.reduce((n, f) => n + 8 + f.length + (f.length & 1), 0) + 8;
      case 'frames': {
        // Encapsulated frames are written with undefined length, so their size is never needed.
        if (v.encapsulated) return 0;
        const n = v.frameCount * (v.frameLength ?? 0);
        return n + (n & 1);
      }
      case 'sequence': {
        let n = 0;
        for (const it of v.items) n += 8 + this.item(it, it.encoding ?? enc) + (it.undefinedLength ? 8 : 0);
        return n + (el.undefinedLength ? 8 : 0);
      }
    }
  }
  item(it: Item, enc: Encoding): number {
    const hit = this.memo.get(it);
    if (hit !== undefined) return hit;
    let n = 0;
    for (const el of it.elements) if (!isGroupLength(el.tag)) n += this.element(el, enc);
    this.memo.set(it, n);
    return n;
  }
  element(el: Element, enc: Encoding): number {
    return headerSize(effectiveVr(el, enc), enc) + this.value(el, enc);
  }
}

/** A value too long for a 2-byte length in explicit VR is written as UN (PS3.5 §6.2.2). */
function effectiveVr(el: Element, enc: Encoding): string {
  if (!enc.explicitVR || LONG_LENGTH_VRS.has(el.vr)) return el.vr;
  const v = el.value;
  const n = v.kind === 'bytes' ? v.bytes.length : v.kind === 'bulk' ? v.range.length : v.kind === 'frames' && !v.encapsulated ? v.frameCount * (v.frameLength ?? 0) : 0;
  return n > 0xfffe ? 'UN' : el.vr;
}

async function writeElement(out: Out, el: Element, enc: Encoding, lengths: Lengths): Promise<void> {
  const le = enc.littleEndian;
  const vr = effectiveVr(el, enc);
  const undefinedLength = el.value.kind === 'fragments' || (el.value.kind === 'frames' && el.value.encapsulated) || (el.value.kind === 'sequence' && el.undefinedLength);
  const len = undefinedLength ? UNDEFINED : lengths.value(el, enc);
  if (!out.fits(12)) await out.room(12);
  out.put16(groupOf(el.tag), le);
  out.put16(elementOf(el.tag), le);
  if (enc.explicitVR) {
    out.putByte(vr.charCodeAt(0));
    out.putByte(vr.charCodeAt(1));
    if (LONG_LENGTH_VRS.has(vr)) {
      out.put16(0, le);
      out.put32(len, le);
    } else out.put16(len, le);
  } else out.put32(len, le);

  const v = el.value;
  switch (v.kind) {
    case 'bytes': {
      const n = v.bytes.length;
      if (n >= FLUSH_AT) {
        await out.bytes(v.bytes);
        if (n & 1) await out.bytes(new Uint8Array([padByte(vr)]));
        return;
      }
      if (!out.fits(n + 1)) await out.room(n + 1);
      out.putBytes(v.bytes);
      if (n & 1) out.putByte(padByte(vr));
      return;
    }
    case 'bulk':
      await out.copy(v.range.offset, v.range.length, v.patch);
      if (v.range.length & 1) await out.bytes(new Uint8Array([0]));
      return;
    case 'fragments':
      for (const f of v.fragments) {
        await out.itemTag(0xe000, f.length + (f.length & 1), le);
        await out.copy(f.offset, f.length);
        if (f.length & 1) await out.bytes(new Uint8Array([0]));
      }
      await writeDelimiter(out, SEQUENCE_DELIMITER, le);
      return;
    case 'frames':
      await writeFrames(out, v, le);
      return;
    case 'sequence': {
      // The value of a UN (items and delimiters included) is implicit VR LE (PS3.5 §6.2.2), as the reader reads it.
      const seqLe = enc.explicitVR && vr === 'UN' ? true : le;
      for (const it of v.items) {
        const itemEnc = it.encoding ?? enc;
        await out.itemTag(0xe000, it.undefinedLength ? UNDEFINED : lengths.item(it, itemEnc), seqLe);
        await writeItemBody(out, it, itemEnc, lengths);
        if (it.undefinedLength) await writeDelimiter(out, ITEM_DELIMITER, seqLe);
      }
      if (el.undefinedLength) await writeDelimiter(out, SEQUENCE_DELIMITER, seqLe);
      return;
    }
  }
}

/** Pixel data produced frame by frame (decoded, redacted, re-encoded): one frame in memory at a time. */
async function writeFrames(out: Out, v: FramesValue, le: boolean): Promise<void> {
  if (v.encapsulated) {
    // An empty Basic Offset Table: frame offsets are not known before the frames are encoded (PS3.5 A.4).
    await out.itemTag(0xe000, 0, le);
  }
  let total = 0;
  for (let i = 0; i < v.frameCount; i++) {
    const frame = await v.produce(i);
    if (v.encapsulated) {
      await out.itemTag(0xe000, frame.length + (frame.length & 1), le);
      await out.bytes(frame);
      if (frame.length & 1) await out.bytes(new Uint8Array([0]));
    } else {
      if (frame.length !== v.frameLength) throw new Error(`frame ${i + 1} of the pixel data holds ${frame.length} bytes, expected ${v.frameLength}`);
      await out.bytes(frame);
      total += frame.length;
    }
  }
  if (v.encapsulated) await writeDelimiter(out, SEQUENCE_DELIMITER, le);
  else if (total & 1) await out.bytes(new Uint8Array([0]));
}

async function writeDelimiter(out: Out, t: number, le: boolean) {
  await out.itemTag(elementOf(t), 0, le);
}

async function writeItemBody(out: Out, it: Item, enc: Encoding, lengths: Lengths): Promise<void> {
  for (const el of it.elements) if (!isGroupLength(el.tag)) await writeElement(out, el, enc, lengths);
}

/** Writes the whole Part 10 file; returns the number of bytes written. */
export async function writePart10(input: WriteInput, sink: ByteSink): Promise<number> {
  const out = new Out(sink, input.source);
  await out.bytes(new Uint8Array(128));
  await out.bytes(new Uint8Array([0x44, 0x49, 0x43, 0x4d]));
  const metaLengths = new Lengths();
  const metaElements = input.meta.elements.filter((e) => groupOf(e.tag) === 2 && !isGroupLength(e.tag));
  const metaItem: Item = { elements: metaElements, undefinedLength: false, offset: 0 };
  const groupLength = metaLengths.item(metaItem, EXPLICIT_LE);
  const gl = new Uint8Array(4);
  new DataView(gl.buffer).setUint32(0, groupLength, true);
  await writeElement(out, { tag: tag(2, 0), vr: 'UL', value: { kind: 'bytes', bytes: gl }, undefinedLength: false, offset: 0 }, EXPLICIT_LE, metaLengths);
  await writeItemBody(out, metaItem, EXPLICIT_LE, metaLengths);

  const lengths = new Lengths();
  if (input.deflate) {
    // PS3.5 A.5: the data set is deflated as a whole (raw deflate, no zlib header).
    const inner = new MemorySink();
    const innerOut = new Out(inner, input.source);
    await writeItemBody(innerOut, input.dataset, input.encoding, lengths);
    await innerOut.flush();
    const deflated = deflateSync(inner.bytes());
    await out.bytes(deflated);
    if (deflated.length & 1) await out.bytes(new Uint8Array([0]));
  } else {
    await writeItemBody(out, input.dataset, input.encoding, lengths);
  }
  await out.flush();
  return out.written;
}
