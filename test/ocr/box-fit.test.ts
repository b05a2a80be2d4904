// Fitting detector boxes to the glyphs: a box that covers a faint line in part and reaches well
// above and below it becomes the line's own box (glyph rows, every glyph along the line); growth
// stops where the pixels above and below the line are busy too (anatomy, not a text line); a box
// over pixels without contrast stays as the detector gave it. Glyphs come from Skia.

import { describe, expect, it } from 'vitest';
import { fitBox } from '../../src/ocr/box-fit.ts';
import type { GreyImage } from '../../src/ocr/grey-image.ts';
import { drawText, type Glyphs } from './glyph-image.ts';

/** `text` in 16 px sans-serif at (x, baseline y), `ink` levels over a ground of 40, on a w × h image. */
function line(w: number, h: number, text: string, x: number, y: number, ink: number): { g: GreyImage; glyphs: Glyphs } {
  const { g, boxes } = drawText(w, h, 16, 40, [[text, x, y, 40 + ink]], 'sans-serif');
  return { g, glyphs: boxes[0] };
}

describe('fitting boxes to glyphs', () => {
  it('grows a partial box along its faint line and cuts it to the glyph rows', () => {
    const { g, glyphs } = line(240, 60, '110101196002085197', 10, 35, 30);
    // The detector saw the right half only, 6 px too high and too low.
    const mid = Math.round((glyphs.x0 + glyphs.x1) / 2);
    const r = fitBox(g, { x: mid, y: glyphs.y0 - 6, width: glyphs.x1 - mid, height: glyphs.y1 - glyphs.y0 + 12 }, { pad: 1 });
    expect(r.x).toBeLessThanOrEqual(glyphs.x0);
    expect(r.x).toBeGreaterThanOrEqual(glyphs.x0 - 2);
    expect(r.x + r.width).toBeGreaterThanOrEqual(glyphs.x1);
    expect(r.y).toBeLessThanOrEqual(glyphs.y0);
    expect(r.y).toBeGreaterThanOrEqual(glyphs.y0 - 2);
    expect(r.y + r.height).toBeGreaterThanOrEqual(glyphs.y1);
    expect(r.y + r.height).toBeLessThanOrEqual(glyphs.y1 + 2);
  });

  it('does not grow into busy pixels above and below the line', () => {
    const { g, glyphs } = line(240, 60, 'ID 1101011960', 120, 35, 120);
    for (let y = 0; y < 60; y++) for (let x = 0; x < 116; x++) g.data[y * 240 + x] = (x * 37 + y * 91) % 2 ? 200 : 20; // texture left of the text
    const r = fitBox(g, { x: glyphs.x0, y: glyphs.y0 - 3, width: glyphs.x1 - glyphs.x0, height: glyphs.y1 - glyphs.y0 + 6 }, { pad: 1 });
    expect(r.x).toBeGreaterThanOrEqual(115);
  });

  it('keeps a box over pixels without contrast', () => {
    const g: GreyImage = { width: 50, height: 30, data: new Uint8Array(1500).fill(90) };
    expect(fitBox(g, { x: 5, y: 5, width: 30, height: 12 })).toEqual({ x: 5, y: 5, width: 30, height: 12 });
  });
});
