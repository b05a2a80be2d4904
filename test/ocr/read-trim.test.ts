// Cutting read boxes to the recogniser's character steps: the real PP-OCRv4 recogniser reads an
// ID line whose box runs on over noisy ground, and the box is cut back to the digits, keeping all
// of them; a line read without confidence, or a box no wider than its height, is left as it is;
// steps where the blank is unsure still count as characters. Glyphs come from Skia.

import { describe, expect, it } from 'vitest';
import type { GreyImage } from '../../src/ocr/grey-image.ts';
import { ctcDecode, recInput, REC_HEIGHT } from '../../src/ocr/paddle/rec.ts';
import { characterSteps, trimToSteps } from '../../src/ocr/read-trim.ts';
import { drawText } from './glyph-image.ts';
import { nodePaddle } from './node-paddle.ts';

/** An ID in 16 px sans-serif at (x, baseline 30), level 220 over a ground of 40; noise (±50, seeded) from x = noiseFrom on. */
function idOverNoise(w: number, h: number, x: number, noiseFrom: number): { g: GreyImage; x0: number; x1: number } {
  const { g, boxes } = drawText(w, h, 16, 40, [['110105194912310021', x, 30, 220]], 'sans-serif');
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < g.data.length; i++) if (i % w >= noiseFrom) g.data[i] += Math.round((rnd() - 0.5) * 100);
  return { g, x0: boxes[0].x0, x1: boxes[0].x1 };
}

describe('cutting read boxes to their characters', () => {
  it('cuts a box drawn into noisy ground back to the ID, keeping every digit', async () => {
    const { g, x0, x1 } = idOverNoise(320, 44, 8, 190);
    expect(x1).toBeLessThan(180);
    const box = { x: 4, y: 14, width: 300, height: 22 };
    const runner = await nodePaddle();
    const r = recInput(g, box);
    const res = await runner.rec({ data: r.data, dims: [1, 3, REC_HEIGHT, r.width] });
    const d = ctcDecode(res.data, res.dims[1], res.dims[2], runner.dictionary);
    expect(d.text).toContain('110105194912310021');
    const span = characterSteps(res.data, res.dims[1], res.dims[2]);
    expect(span).not.toBeNull();
    const cut = trimToSteps(box, span!, res.dims[1], d.confidence);
    expect(cut.x).toBeLessThanOrEqual(x0);
    expect(cut.x + cut.width).toBeGreaterThanOrEqual(x1);
    // Most of the 110 px of noise beyond the digits is cut off (0.6 of a line height of margin is kept).
    expect(cut.x + cut.width).toBeLessThan(x1 + 2 * box.height);
    expect(cut.y).toBe(box.y);
    expect(cut.height).toBe(box.height);
  }, 120_000);

  it('finds character steps where the blank is unsure, and none in a blank reading', () => {
    // 6 steps × 3 classes; blank probabilities 0.99, 0.7, 0.2, 0.99, 0.75, 0.99.
    const blank = [0.99, 0.7, 0.2, 0.99, 0.75, 0.99];
    const probs = blank.flatMap((b) => [b, 1 - b, 0]);
    expect(characterSteps(probs, 6, 3)).toEqual({ first: 1, last: 4 });
    expect(characterSteps(probs, 6, 3, 0.5)).toEqual({ first: 2, last: 2 });
    expect(characterSteps([0.9, 0.1, 0, 0.95, 0.05, 0], 2, 3)).toBeNull();
  });

  it('leaves a poorly read line and a box no wider than its height as they are', () => {
    const box = { x: 10, y: 5, width: 200, height: 20 };
    const span = { first: 2, last: 5 };
    expect(trimToSteps(box, span, 50, 0.6)).toEqual(box);
    const square = { x: 0, y: 0, width: 20, height: 20 };
    expect(trimToSteps(square, { first: 0, last: 0 }, 5, 0.99)).toEqual(square);
    // Read surely: steps 2..5 of 50 (4 px each) are x 18..34, and 12 px of margin each side (not before x 10).
    expect(trimToSteps(box, span, 50, 0.99)).toEqual({ x: 10, y: 5, width: 46 - 10, height: 20 });
  });
});
