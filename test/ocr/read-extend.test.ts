// Growing read boxes to characters the recogniser reads beyond their ends: the real PP-OCRv4
// recogniser reads probes past a box that stops halfway along an ID drawn over noisy ground (as a
// detector does where the ground is as busy as the glyphs), and the box grows to the whole ID, on
// either side, and no further than the text; a box on a clean ground is not probed at all; the
// rules on the recogniser's steps (two characters at least, a gap of at most 1.5 line heights, a
// probe read with confidence) on hand-made readings. Where the ID runs on over bright ground in
// glyphs of the ground's grey, the box's own rendering shows nothing beyond it and another
// rendering is probed, and probed again as the box grows over the new ground; a probe that reads
// only the box's own end grows nothing. Glyphs come from
// Skia.

import { describe, expect, it } from 'vitest';
import type { GreyImage } from '../../src/ocr/grey-image.ts';
import type { Rect } from '../../src/ocr/paddle/det.ts';
import { recInput, REC_HEIGHT, ctcDecode } from '../../src/ocr/paddle/rec.ts';
import { extendByReading, extendToCharacters, groundChanges, inkBeyond, probeRect, type ProbeReading } from '../../src/ocr/read-extend.ts';
import { drawText } from './glyph-image.ts';
import { nodePaddle } from './node-paddle.ts';

/** An ID in 16 px sans-serif at (x, baseline 30), level 220 over a ground of 40 with noise (±50, seeded) everywhere. */
function idOverNoise(w: number, h: number, x: number, noise = 100): { g: GreyImage; x0: number; x1: number } {
  const { g, boxes } = drawText(w, h, 16, 40, [['110105194912310021', x, 30, 220]], 'sans-serif');
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < g.data.length; i++) g.data[i] = Math.max(0, Math.min(255, g.data[i] + Math.round((rnd() - 0.5) * noise)));
  return { g, x0: boxes[0].x0, x1: boxes[0].x1 };
}

/** The real recogniser reading probes on `views` (a rendering by its index). */
async function readWith(...views: GreyImage[]): Promise<(probe: Rect, view: number) => Promise<ProbeReading>> {
  const runner = await nodePaddle();
  return async (probe, view) => {
    const r = recInput(views[view], probe);
    const res = await runner.rec({ data: r.data, dims: [1, 3, REC_HEIGHT, r.width] });
    const d = ctcDecode(res.data, res.dims[1], res.dims[2], runner.dictionary);
    return { probs: res.data, steps: res.dims[1], classes: res.dims[2], confidence: d.confidence, text: d.text };
  };
}

/**
 * An ID at level 150 from x = 20 over a ground of 40 that turns at x = `turn` to 150 in the first
 * rendering (the glyphs beyond vanish, as text of the anatomy's grey over it) and to 230 in the
 * second (they show dark on bright, as in an equalised rendering).
 */
function idOverTurningGround(turn: number): { views: GreyImage[]; x0: number; x1: number } {
  const parts: [string, number, number, number][] = [['110105194912310021', 20, 30, 150]];
  const dark = drawText(360, 44, 16, 40, parts, 'sans-serif');
  const views = [150, 230].map((level) => {
    const bright = drawText(360, 44, 16, level, parts, 'sans-serif').g;
    const data = dark.g.data.map((v, i) => (i % 360 >= turn ? bright.data[i] : v));
    return { ...dark.g, data };
  });
  return { views, x0: dark.boxes[0].x0, x1: dark.boxes[0].x1 };
}

describe('growing read boxes to the characters beyond them', () => {
  it('grows a box that stops halfway along an ID to its end, and no further', async () => {
    const { g, x0, x1 } = idOverNoise(360, 44, 20);
    const half = { x: x0 - 1, y: 14, width: Math.round((x1 - x0) / 2), height: 22 };
    const grown = await extendByReading(half, [g], {}, await readWith(g));
    expect(grown.x).toBe(half.x);
    expect(grown.x + grown.width).toBeGreaterThanOrEqual(x1);
    // The ground beyond the ID is noise: the box stops within a line height of the digits.
    expect(grown.x + grown.width).toBeLessThanOrEqual(x1 + half.height);
    expect({ y: grown.y, height: grown.height }).toEqual({ y: half.y, height: half.height });
  }, 120_000);

  it('grows leftwards to the ID start when the box holds its second half', async () => {
    const { g, x0, x1 } = idOverNoise(360, 44, 60);
    const mid = Math.round((x0 + x1) / 2);
    const second = { x: mid, y: 14, width: x1 + 1 - mid, height: 22 };
    const grown = await extendByReading(second, [g], {}, await readWith(g));
    expect(grown.x).toBeLessThanOrEqual(x0);
    expect(grown.x).toBeGreaterThanOrEqual(x0 - second.height);
    expect(grown.x + grown.width).toBe(second.x + second.width);
  }, 120_000);

  it('does not probe a box whose line ends on a clean ground', async () => {
    const { g, boxes } = drawText(300, 44, 16, 40, [['110105194912310021', 20, 30, 220]], 'sans-serif');
    const box = { x: boxes[0].x0 - 1, y: 14, width: boxes[0].x1 - boxes[0].x0 + 2, height: 22 };
    expect(inkBeyond(g, box, 'right')).toBe(false);
    expect(inkBeyond(g, box, 'left')).toBe(false);
    let probes = 0;
    const grown = await extendByReading(box, [g, g], {}, async () => {
      probes++;
      throw new Error('no probe should be read');
    });
    expect(probes).toBe(0);
    expect(grown).toBe(box);
    // Half of it: the digits beyond are ink.
    expect(inkBeyond(g, { ...box, width: Math.round(box.width / 2) }, 'right')).toBe(true);
  });

  it('reads on another rendering where the line runs on over a ground of its glyphs’ grey', async () => {
    const { views, x0, x1 } = idOverTurningGround(110);
    const first = { x: x0 - 1, y: 14, width: 110 - x0, height: 22 };
    expect(groundChanges(views[0], first, 'right')).toBe(true);
    const read = await readWith(...views);
    // Its own rendering alone shows nothing beyond the box.
    expect(await extendByReading(first, [views[0]], {}, read)).toBe(first);
    const grown = await extendByReading(first, views, {}, read);
    expect(grown.x + grown.width).toBeGreaterThanOrEqual(x1);
    expect(grown.x + grown.width).toBeLessThanOrEqual(x1 + first.height);
    // Where the ground does not change, other renderings (here one that shows the ground's noise
    // as ink everywhere) are not probed.
    const { g, boxes } = drawText(300, 44, 16, 40, [['110105194912310021', 20, 30, 220]], 'sans-serif');
    const noisy = { ...g, data: g.data.map((v, i) => (v + (i * 7919) % 97) & 255) };
    const box = { x: boxes[0].x0 - 1, y: 14, width: boxes[0].x1 - boxes[0].x0 + 2, height: 22 };
    expect(groundChanges(g, box, 'right')).toBe(false);
    expect(inkBeyond(noisy, box, 'right')).toBe(true);
    const probed: number[] = [];
    await extendByReading(box, [g, noisy], {}, async (_p, v) => (probed.push(v), { probs: [], steps: 0, classes: 1, confidence: 0, text: '' }));
    expect(probed).toEqual([]);
  }, 120_000);

  it('goes on reading on the rendering that grew the box once the box is over the new ground', async () => {
    // After the first probes the box is mostly over the bright ground: its own rendering's ground
    // no longer changes beyond it, and the line goes on only in the second rendering.
    const { views, x0, x1 } = idOverTurningGround(70);
    const first = { x: x0 - 1, y: 14, width: 70 - x0, height: 22 };
    const grown = await extendByReading(first, views, {}, await readWith(...views));
    expect(grown.x + grown.width).toBeGreaterThanOrEqual(x1);
    expect(grown.x + grown.width).toBeLessThanOrEqual(x1 + first.height);
  }, 120_000);

  it('grows nothing from another rendering’s probe that reads only the box’s own end', async () => {
    const { views, x0, x1 } = idOverTurningGround(110);
    const first = { x: x0 - 1, y: 14, width: 110 - x0, height: 22 };
    const real = await readWith(...views);
    // The second rendering's probe reads as the box's last digits only: nothing new.
    const tailOnly: typeof real = async (p, v) => ({ ...(await real(p, v)), ...(v > 0 ? { text: '1949' } : {}) });
    expect(await extendByReading(first, views, {}, tailOnly, '1101051949')).toBe(first);
    // The same readings with another text grow the box.
    expect((await extendByReading(first, views, {}, tailOnly, '110105')).width).toBeGreaterThan(first.width);
    // On the box's own rendering a reading of its end still counts (its last glyph may be cut).
    const { g, x0: a, x1: z } = idOverNoise(360, 44, 20);
    const half = { x: a - 1, y: 14, width: Math.round((z - a) / 2), height: 22 };
    const own = await readWith(g);
    const ownTail: typeof own = async (p, v) => ({ ...(await own(p, v)), text: '0021' });
    expect((await extendByReading(half, [g], {}, ownTail, '1101051949120021')).width).toBeGreaterThan(half.width);
  }, 120_000);

  it('probes from the box’s last glyphs to a reach beyond its end, within the image', () => {
    const r = { x: 100, y: 10, width: 200, height: 20 };
    expect(probeRect(r, 'right', 1000)).toEqual({ x: 270, y: 10, width: 70, height: 20 });
    expect(probeRect(r, 'left', 1000)).toEqual({ x: 60, y: 10, width: 70, height: 20 });
    expect(probeRect(r, 'right', 320)).toEqual({ x: 270, y: 10, width: 50, height: 20 });
    expect(probeRect({ ...r, x: 10 }, 'left', 1000)).toEqual({ x: 0, y: 10, width: 40, height: 20 });
  });

  it('takes two characters or more beyond the end, near enough, from a probe read with confidence', () => {
    // A probe 100 px wide read as 20 steps (5 px each) over a box ending at x = 50 (step 10), height 10.
    const box = { x: 0, y: 0, width: 50, height: 10 };
    const probe = { x: 0, y: 0, width: 100, height: 10 };
    const reading = (chars: Record<number, number>) => Array.from({ length: 20 }, (_, t) => (chars[t] ? [0.1, chars[t] === 1 ? 0.9 : 0, chars[t] === 2 ? 0.9 : 0] : [0.99, 0.01, 0])).flat();
    // Characters at steps 8 (inside), 12 and 14 (beyond): the box grows to step 14's end plus 0.4 × 10.
    expect(extendToCharacters(box, probe, reading({ 8: 1, 12: 2, 14: 1 }), 20, 3, 0.9, 'right')).toEqual({ x: 0, y: 0, width: 75 + 4, height: 10 });
    // One character beyond: not enough.
    expect(extendToCharacters(box, probe, reading({ 8: 1, 12: 2 }), 20, 3, 0.9, 'right')).toBeNull();
    // Two steps of one class in a row are one character.
    expect(extendToCharacters(box, probe, reading({ 8: 1, 12: 2, 13: 2 }), 20, 3, 0.9, 'right')).toBeNull();
    // Beyond a blank run of more than 1.5 line heights (steps 9..12 and more: 20 px): other text.
    expect(extendToCharacters(box, probe, reading({ 8: 1, 13: 2, 15: 1 }), 20, 3, 0.9, 'right')).toBeNull();
    // Read poorly: texture.
    expect(extendToCharacters(box, probe, reading({ 8: 1, 12: 2, 14: 1 }), 20, 3, 0.5, 'right')).toBeNull();
    // Leftwards: a box from x = 50, characters at steps 11 (inside), 7 and 5.
    const right = { x: 50, y: 0, width: 50, height: 10 };
    expect(extendToCharacters(right, probe, reading({ 11: 1, 7: 2, 5: 1 }), 20, 3, 0.9, 'left')).toEqual({ x: 21, y: 0, width: 79, height: 10 });
  });
});
