// RLE Lossless (PS3.5 Annex G) in plain TypeScript: a frame is a 64-byte header (number of
// segments, then up to 15 segment offsets, little endian) followed by one PackBits segment per byte
// plane: for each sample in turn, its most significant byte first (G.2). Each row is packed
// separately (G.3.1) and every segment is padded to even length. Decoded frames come out as native
// little-endian pixel data, interleaved (planar configuration 0).

import type { DecodedFrame, EncodeTarget, FrameCodecs, FrameInfo } from './frame-codec.ts';
import { RLE_LOSSLESS } from './frame-codec.ts';
import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';

/** A frame RLE cannot hold or decode, as a Message; a programmer's misuse stays a plain Error. */
export class RleError extends MessageError {
  constructor(problem: Message) {
    super(problem);
    this.name = 'RleError';
  }
}

function check(info: FrameInfo): number {
  const { bitsAllocated, samplesPerPixel } = info;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32 && bitsAllocated !== 64) {
    throw new RleError(msg('rle-bits-unsupported', { bits: bitsAllocated }));
  }
  const segments = samplesPerPixel * (bitsAllocated / 8);
  if (segments < 1 || segments > 15) throw new RleError(msg('rle-too-many-segments', { samples: samplesPerPixel, bits: bitsAllocated, segments }));
  return segments;
}

/** Decode one PackBits segment into `out` (exactly out.length bytes); returns the number of bytes produced. */
function unpackBits(src: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let i = start;
  let o = 0;
  const n = out.length;
  while (i < end && o < n) {
    const h = src[i++];
    if (h < 128) {
      const count = Math.min(h + 1, n - o, end - i);
      out.set(src.subarray(i, i + count), o);
      o += count;
      i += h + 1;
    } else if (h > 128) {
      if (i >= end) break;
      const count = Math.min(257 - h, n - o);
      out.fill(src[i++], o, o + count);
      o += count;
    }
    // h === 128: no operation (G.3.2)
  }
  return o;
}

/** Decode one RLE frame to native LE interleaved pixels. */
export function rleDecodeFrame(data: Uint8Array, info: FrameInfo): Uint8Array {
  const segments = check(info);
  if (data.length < 64) throw new RleError(msg('rle-frame-too-short', { length: data.length }));
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = v.getUint32(0, true);
  if (count !== segments) {
    throw new RleError(msg('rle-segment-count', { declared: count, samples: info.samplesPerPixel, bits: info.bitsAllocated, segments }));
  }
  const offsets: number[] = [];
  for (let k = 0; k < count; k++) offsets.push(v.getUint32(4 + 4 * k, true));
  const pixels = info.rows * info.columns;
  const bps = info.bitsAllocated / 8;
  const spp = info.samplesPerPixel;
  const out = new Uint8Array(pixels * spp * bps);
  const plane = new Uint8Array(pixels);
  for (let k = 0; k < count; k++) {
    const start = offsets[k];
    const end = k + 1 < count ? offsets[k + 1] : data.length;
    if (start < 64 || start > data.length || end < start) throw new RleError(msg('rle-segment-offset', { segment: k + 1, offset: start }));
    plane.fill(0);
    const got = unpackBits(data, start, Math.min(end, data.length), plane);
    if (got < pixels) throw new RleError(msg('rle-segment-short', { segment: k + 1, length: got, expected: pixels }));
    const sample = Math.floor(k / bps);
    const byteInSample = bps - 1 - (k % bps); // segments go most significant byte first; output is LE
    const stride = spp * bps;
    let o = sample * bps + byteInSample;
    for (let p = 0; p < pixels; p++, o += stride) out[o] = plane[p];
  }
  return out;
}

/** PackBits of one row into `out` at `o`; returns the new output position. */
function packRow(src: Uint8Array, from: number, to: number, out: Uint8Array, o: number): number {
  let i = from;
  while (i < to) {
    // A replicate run of 3 or more bytes.
    let run = 1;
    while (i + run < to && run < 128 && src[i + run] === src[i]) run++;
    if (run >= 3) {
      out[o++] = 257 - run;
      out[o++] = src[i];
      i += run;
      continue;
    }
    // A literal run, up to the next replicate run of 3.
    let j = i;
    while (j < to && j - i < 128) {
      if (j + 2 < to && src[j] === src[j + 1] && src[j] === src[j + 2]) break;
      j++;
    }
    out[o++] = j - i - 1;
    out.set(src.subarray(i, j), o);
    o += j - i;
    i = j;
  }
  return o;
}

/** Encode one frame of native LE pixels (interleaved, or planar when info.planarConfiguration is 1). */
export function rleEncodeFrame(pixelsLE: Uint8Array, info: FrameInfo): Uint8Array {
  const segments = check(info);
  const { rows, columns, samplesPerPixel: spp } = info;
  const bps = info.bitsAllocated / 8;
  const n = rows * columns;
  if (pixelsLE.length < n * spp * bps) throw new RleError(msg('rle-encode-short', { rows, columns, samples: spp, needed: n * spp * bps, length: pixelsLE.length }));
  const plane = new Uint8Array(n);
  // Worst case per row: one header byte per 128 literal bytes.
  const worst = rows * (columns + Math.ceil(columns / 128)) + 1;
  const parts: Uint8Array[] = [];
  for (let k = 0; k < segments; k++) {
    const sample = Math.floor(k / bps);
    const byteInSample = bps - 1 - (k % bps);
    if (info.planarConfiguration === 1) {
      const base = sample * n * bps + byteInSample;
      for (let p = 0; p < n; p++) plane[p] = pixelsLE[base + p * bps];
    } else {
      const stride = spp * bps;
      let o = sample * bps + byteInSample;
      for (let p = 0; p < n; p++, o += stride) plane[p] = pixelsLE[o];
    }
    const seg = new Uint8Array(worst + 1);
    let o = 0;
    for (let r = 0; r < rows; r++) o = packRow(plane, r * columns, (r + 1) * columns, seg, o);
    if (o & 1) seg[o++] = 128; // pad to even length with a no-op header byte
    parts.push(seg.subarray(0, o));
  }
  const total = 64 + parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, segments, true);
  let at = 64;
  parts.forEach((p, k) => {
    v.setUint32(4 + 4 * k, at, true);
    out.set(p, at);
    at += p.length;
  });
  return out;
}

/**
 * RLE Lossless as a FrameCodecs. Encoded colour frames are labelled Planar Configuration 1, as the
 * segments hold one colour plane each (PS3.5 G.2, note); the photometric interpretation is kept.
 */
export const rleFrameCodecs: FrameCodecs = {
  canDecode: (ts) => ts === RLE_LOSSLESS,
  async decode(ts, frameBytes, info): Promise<DecodedFrame> {
    if (ts !== RLE_LOSSLESS) throw new Error(`not RLE Lossless: ${ts}`);
    return { pixels: rleDecodeFrame(frameBytes, info), photometricInterpretation: info.photometricInterpretation, planarConfiguration: 0 };
  },
  encodeTarget(ts, info): EncodeTarget | null {
    if (ts !== RLE_LOSSLESS) return null;
    try {
      check(info);
    } catch {
      return null;
    }
    return { photometricInterpretation: info.photometricInterpretation, planarConfiguration: info.samplesPerPixel > 1 ? 1 : 0 };
  },
  async encode(ts, pixels, info) {
    if (ts !== RLE_LOSSLESS) throw new Error(`not RLE Lossless: ${ts}`);
    return rleEncodeFrame(pixels, info);
  },
};
