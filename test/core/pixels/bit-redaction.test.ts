// Redaction of native 1-bit pixel data (PS3.5 §8.1.1, Annex D): pixels packed eight to a byte,
// first pixel in the least significant bit, frames back to back without padding (so a frame may
// start inside a byte), the bytes of each 16-bit word swapped in Big Endian OW. The model here
// unpacks bit by bit, independently of src/core/pixels: only bits of boxed pixels change.

import { describe, expect, it } from 'vitest';
import { makePart10, T, TS } from '../../fixtures/make.ts';
import { spanPatcher } from '../../../src/core/pixels/native-redactor.ts';
import { imageElements, type Box } from './image-fixtures.ts';
import { methodCodes, pixelDataOf, redact } from './redact-helpers.ts';

const ROWS = 5, COLS = 7, FRAMES = 3; // 35 bits a frame: frames 2 and 3 start inside a byte
const BOXES: Box[] = [{ x: 1, y: 1, width: 4, height: 3 }, { x: 5.5, y: 0, width: 9, height: 1, frames: [2] }];
const covered = (f: number, r: number, c: number) => BOXES.some((b) => (!b.frames || b.frames.includes(f)) && c >= Math.floor(b.x) && c < Math.ceil(b.x + b.width) && r >= b.y && r < b.y + b.height);
const original = (f: number, r: number, c: number) => ((f * 3 + r * 5 + c * 7) % 3 === 0 ? 0 : 1);

/** Byte holding bit `i` of the value: LSB first; in Big Endian OW the two bytes of each word swap. */
const byteOf = (i: number, swap: boolean) => (swap ? (i >> 3) ^ 1 : i >> 3);

function image(ts: string, vr: 'OB' | 'OW', pi: 'MONOCHROME2' | 'MONOCHROME1', frames = FRAMES): Uint8Array {
  const swap = ts === TS.ExplicitBE && vr === 'OW';
  let n = Math.ceil((ROWS * COLS * frames) / 8);
  n += n & 1;
  if (swap && n % 2) n++;
  const px = new Uint8Array(n);
  for (let f = 0; f < frames; f++) for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
    const i = (f * ROWS + r) * COLS + c;
    if (original(f, r, c)) px[byteOf(i, swap)] |= 1 << (i & 7);
  }
  const els = imageElements({ rows: ROWS, cols: COLS, frames, bitsAllocated: 8, pi }, { tag: T.PixelData, vr, value: px })
    .map((e) => (e.tag === T.BitsAllocated || e.tag === T.BitsStored ? { ...e, value: [1] } : e.tag === T.HighBit ? { ...e, value: [0] } : e));
  return makePart10(els, { transferSyntax: ts });
}

describe('native 1-bit pixel data', () => {
  for (const [ts, vr] of [[TS.ExplicitLE, 'OB'], [TS.ImplicitLE, 'OW'], [TS.ExplicitBE, 'OB'], [TS.ExplicitBE, 'OW']] as const) {
    for (const pi of ['MONOCHROME2', 'MONOCHROME1'] as const) {
      it(`${ts}, ${vr}, ${pi}: boxed pixels become ${pi === 'MONOCHROME1' ? 1 : 0}, every other bit stays`, async () => {
        const { file, problems } = await redact(image(ts, vr, pi), { redactionBoxes: BOXES });
        expect(problems).toEqual([]);
        const px = await pixelDataOf(file);
        const swap = ts === TS.ExplicitBE && vr === 'OW';
        for (let f = 0; f < FRAMES; f++) for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
          const i = (f * ROWS + r) * COLS + c;
          const bit = (px[byteOf(i, swap)] >> (i & 7)) & 1;
          expect(bit, `frame ${f} row ${r} column ${c}`).toBe(covered(f, r, c) ? (pi === 'MONOCHROME1' ? 1 : 0) : original(f, r, c));
        }
        expect(methodCodes(file.dataset)).toContain('113101');
      });
    }
  }

  it('refuses pixel data shorter than the frames need', async () => {
    const els = imageElements({ rows: ROWS, cols: COLS, frames: 4, bitsAllocated: 8, pi: 'MONOCHROME2' }, { tag: T.PixelData, vr: 'OB', value: new Uint8Array(4) })
      .map((e) => (e.tag === T.BitsAllocated || e.tag === T.BitsStored ? { ...e, value: [1] } : e.tag === T.HighBit ? { ...e, value: [0] } : e));
    await expect(redact(makePart10(els, { transferSyntax: TS.ExplicitLE }), { redactionBoxes: BOXES })).rejects.toThrow(/holds 4 bytes/);
  });
});

describe('spanPatcher', () => {
  it('patches a span that a shorter, later-starting span would hide from the search (overlapping boxes)', () => {
    const patch = spanPatcher([
      { start: 0, end: 100, pattern: new Uint8Array([1]) },
      { start: 10, end: 20, pattern: new Uint8Array([2]) },
      { start: 30, end: 40, pattern: new Uint8Array([3]) },
    ]);
    const chunk = new Uint8Array(10).fill(9);
    patch(chunk, 50); // bytes 50..59: only the first span reaches them
    expect([...chunk]).toEqual(new Array(10).fill(1));
  });
});
