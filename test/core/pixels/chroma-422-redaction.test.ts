// Redaction of native 4:2:2 YBR pixel data (PS3.3 C.7.6.3.1.2: two pixels stored as Y1 Y2 Cb Cr):
// every 2-pixel block a box touches becomes black (Y at the black level, Cb = Cr = mid-range), so
// no chroma shared with a boxed pixel survives; every other byte is unchanged. The expected bytes
// come from an independent model of the layout below, checked byte by byte.

import { describe, expect, it } from 'vitest';
import { makePart10, T, TS } from '../../fixtures/make.ts';
import { imageElements, type Box, type ImageSpec } from './image-fixtures.ts';
import { methodCodes, pixelDataOf, redact, str } from './redact-helpers.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { makeTestSession } from '../helpers.ts';
import { reasonText } from '../../helpers/messages.ts';
import { msg } from '../../../src/core/messages/message.ts';

interface Spec422 {
  rows: number;
  cols: number;
  frames: number;
  pi: 'YBR_FULL_422' | 'YBR_PARTIAL_422' | 'YBR_PARTIAL_420';
}

/** Sample k (0 Y1, 1 Y2, 2 Cb, 3 Cr) of block b in row r of frame f: never the black values. */
const sample = (f: number, r: number, b: number, k: number) => 20 + ((f * 37 + r * 11 + b * 7 + k * 53) % 200);

/** The frames of a 4:2:2 image, optionally with the blocks the boxes touch set to black. */
function pixels422(s: Spec422, boxes: Box[] = []): Uint8Array {
  const blocks = s.cols / 2;
  const out = new Uint8Array(s.frames * s.rows * blocks * 4);
  const yBlack = s.pi === 'YBR_FULL_422' ? 0 : 16;
  let i = 0;
  for (let f = 0; f < s.frames; f++) {
    for (let r = 0; r < s.rows; r++) {
      for (let b = 0; b < blocks; b++) {
        const hit = boxes.some((box) => (!box.frames || box.frames.includes(f))
          && r >= Math.floor(box.y) && r < Math.ceil(box.y + box.height)
          && [2 * b, 2 * b + 1].some((c) => c >= Math.floor(box.x) && c < Math.ceil(box.x + box.width)));
        for (let k = 0; k < 4; k++) out[i++] = hit ? [yBlack, yBlack, 128, 128][k] : sample(f, r, b, k);
      }
    }
  }
  return out;
}

function make422(s: Spec422): Uint8Array {
  const spec = { rows: s.rows, cols: s.cols, frames: s.frames, spp: 3, bitsAllocated: 8, planar: 0, pi: s.pi } as unknown as ImageSpec;
  return makePart10(imageElements(spec, { tag: T.PixelData, vr: 'OB', value: pixels422(s) }), { transferSyntax: TS.ExplicitLE });
}

const BOXES: Box[] = [
  { x: 3, y: 1, width: 2, height: 2 }, // odd start and end: widened to columns 2..5
  { x: 7.5, y: 4.2, width: 0.2, height: 1 }, // inside column 7: its whole block (rows 4 and 5)
  { x: 10, y: 6, width: 40, height: 40, frames: [1] }, // runs off the image, second frame only
];

describe('native YBR 4:2:2 redaction on whole chroma blocks', () => {
  for (const pi of ['YBR_FULL_422', 'YBR_PARTIAL_422'] as const) {
    it(`${pi}: boxed blocks are black (Y ${pi === 'YBR_FULL_422' ? 0 : 16}, Cb = Cr = 128), every other byte unchanged`, async () => {
      const s: Spec422 = { rows: 9, cols: 14, frames: 2, pi };
      const { file, problems } = await redact(make422(s), { redactionBoxes: BOXES });
      expect(problems).toEqual([]);
      const got = await pixelDataOf(file);
      const want = pixels422(s, BOXES);
      expect(got.length).toBe(want.length);
      const original = pixels422(s);
      const diff: number[] = [];
      for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) diff.push(i);
      expect(diff).toEqual([]);
      // Whole blocks changed: box 1 two blocks × 2 rows, box 2 one block × 2 rows (both frames), box 3
      // two blocks × 3 rows (frame 1).
      let changedBlocks = 0;
      for (let i = 0; i < want.length; i += 4) if (want.subarray(i, i + 4).some((v, k) => v !== original[i + k])) changedBlocks++;
      expect(changedBlocks).toBe(2 * (2 * 2 + 1 * 2) + 2 * 3);
      expect(str(file.dataset, T.PhotometricInterpretation)).toBe(pi);
      expect(str(file.dataset, T.BurnedInAnnotation)).toBe('NO');
      expect(methodCodes(file.dataset)).toContain('113101');
    });
  }

  it('refuses an odd number of columns and 4:2:0, which PS3.3 defines only for compressed video', async () => {
    for (const [s, message] of [
      [{ rows: 4, cols: 6, frames: 1, pi: 'YBR_PARTIAL_420' }, /4:2:0 chroma subsampling is defined only for compressed video/],
    ] as const) {
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(make422(s)), sink, makeTestSession(), { redactionBoxes: BOXES });
      expect(r.status).toBe('refused');
      expect(reasonText(r)).toMatch(message);
      expect(sink.size).toBe(0);
    }
    const odd = makePart10(imageElements({ rows: 2, cols: 3, spp: 3, bitsAllocated: 8, planar: 0, pi: 'YBR_FULL_422' } as unknown as ImageSpec,
      { tag: T.PixelData, vr: 'OB', value: new Uint8Array(2 * 3 * 2) }), { transferSyntax: TS.ExplicitLE });
    const r = await deidentifyFile(new MemorySource(odd), new MemorySink(), makeTestSession(), { redactionBoxes: BOXES });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/needs an even number of columns/);
    // A code with its parameters, so the app words it in the user's language.
    expect(r.reason).toEqual(msg('redaction-failed', { detail: msg('redaction-chroma-422-layout', { photometric: 'YBR_FULL_422', columns: 3, planar: 0 }) }));
  });

  it('a 4:2:2 value shorter than Rows × Columns × 2 is refused as truncated', async () => {
    const full = make422({ rows: 4, cols: 4, frames: 1, pi: 'YBR_FULL_422' });
    const spec = { rows: 4, cols: 4, spp: 3, bitsAllocated: 8, planar: 0, pi: 'YBR_FULL_422' } as unknown as ImageSpec;
    const short = makePart10(imageElements(spec, { tag: T.PixelData, vr: 'OB', value: new Uint8Array(4 * 4 * 2 - 2) }), { transferSyntax: TS.ExplicitLE });
    expect(full.length).toBeGreaterThan(short.length);
    const r = await deidentifyFile(new MemorySource(short), new MemorySink(), makeTestSession(), { redactionBoxes: BOXES });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/holds 30 bytes but 1 frame\(s\) of 4×4×3 need 32/);
  });
});
