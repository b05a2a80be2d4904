// Redaction of encapsulated 1-bit pixel data: RLE Lossless (PS3.5 G) and Deflated Image Frame
// Compression (8.2.16) frames each hold one bit-packed frame starting on a byte boundary; the
// output is native Explicit VR Little Endian with the frames packed back to back (§8.1.1), so
// with 5 × 7 pixels frames 2 and 3 start inside a byte. The model packs bits independently.

import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { coreFrameCodecs } from '../../../src/core/pixels/core-codecs.ts';
import { T, TS } from '../../fixtures/make.ts';
import { makeEncapsulatedImage, type Box, type ImageSpec } from './image-fixtures.ts';
import { methodCodes, pixelDataOf, redact } from './redact-helpers.ts';

const ROWS = 5, COLS = 7, FRAMES = 3;
const BOXES: Box[] = [{ x: 1, y: 1, width: 4, height: 3 }, { x: 6, y: 0, width: 1, height: 5, frames: [1] }];
const covered = (f: number, r: number, c: number) => BOXES.some((b) => (!b.frames || b.frames.includes(f)) && c >= b.x && c < b.x + b.width && r >= b.y && r < b.y + b.height);
const original = (f: number, r: number, c: number) => ((f + r * 2 + c) % 3 === 0 ? 0 : 1);

/** One frame's bits, packed LSB first from a byte boundary. */
function frameBits(f: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((ROWS * COLS) / 8));
  for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) if (original(f, r, c)) out[(r * COLS + c) >> 3] |= 1 << ((r * COLS + c) & 7);
  return out;
}

/** RLE Lossless with one segment of literal runs (PS3.5 G.3.1). */
function rle(bytes: Uint8Array): Uint8Array {
  const seg: number[] = [];
  for (let i = 0; i < bytes.length; i += 128) {
    const run = bytes.subarray(i, i + 128);
    seg.push(run.length - 1, ...run);
  }
  if (seg.length & 1) seg.push(0x80); // no-op padding to even length
  const out = new Uint8Array(64 + seg.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, 1, true);
  v.setUint32(4, 64, true);
  out.set(seg, 64);
  return out;
}

const spec: ImageSpec = {
  rows: ROWS, cols: COLS, frames: FRAMES, bitsAllocated: 8, pi: 'MONOCHROME2',
  extra: [{ tag: T.BitsAllocated, vr: 'US', value: [1] }, { tag: T.BitsStored, vr: 'US', value: [1] }, { tag: T.HighBit, vr: 'US', value: [0] }],
};

describe('encapsulated 1-bit pixel data', () => {
  for (const [name, ts, encode] of [
    ['RLE Lossless', TS.RLELossless, rle],
    ['Deflated Image Frame Compression', '1.2.840.10008.1.2.8.1', (b: Uint8Array) => deflateSync(b)],
  ] as const) {
    it(`${name}: decoded, boxed bits cleared, written as native 1-bit Explicit VR Little Endian`, async () => {
      const frames = Array.from({ length: FRAMES }, (_, f) => encode(frameBits(f)));
      const { file, result, problems } = await redact(makeEncapsulatedImage(spec, frames, ts), { redactionBoxes: BOXES, codecs: coreFrameCodecs });
      expect(problems).toEqual([]);
      expect(result.transferSyntaxUID).toBe(TS.ExplicitLE);
      const px = await pixelDataOf(file);
      expect(px.length).toBe(Math.ceil((ROWS * COLS * FRAMES) / 8) + (Math.ceil((ROWS * COLS * FRAMES) / 8) & 1));
      for (let f = 0; f < FRAMES; f++) for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
        const i = (f * ROWS + r) * COLS + c;
        expect((px[i >> 3] >> (i & 7)) & 1, `frame ${f} row ${r} column ${c}`).toBe(covered(f, r, c) ? 0 : original(f, r, c));
      }
      expect(methodCodes(file.dataset)).toContain('113101');
    });
  }

  it('refuses 1-bit data whose frames do not decode, rather than writing it', async () => {
    const frames = Array.from({ length: FRAMES }, () => new Uint8Array([1, 2, 3, 4]));
    await expect(redact(makeEncapsulatedImage(spec, frames, TS.RLELossless), { redactionBoxes: BOXES, codecs: coreFrameCodecs })).rejects.toThrow(/refused/);
  });
});
