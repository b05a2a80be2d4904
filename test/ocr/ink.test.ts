// Where the strokes are: the strong contrast of a box is that of its glyphs, not its ground; a
// line's rows are its glyph rows and their anti-aliased rim, with a row more at most, descenders
// included, and not the rows above and below where only the edge of the body runs on; a box
// without ink has none.

import { describe, expect, it } from 'vitest';
import { lineRows, strongStep } from '../../src/ocr/ink.ts';
import { drawText } from './glyph-image.ts';

describe('ink', () => {
  it('finds the glyph rows of a line, not the body edge running on under it', () => {
    const { g, boxes } = drawText(240, 70, 16, 40, [['110101196002085197', 10, 30, 200]]);
    const [glyphs] = boxes;
    // The body: bright right of an edge that runs down through the box, past the line's end.
    for (let y = 0; y < 70; y++) for (let x = 220; x < 240; x++) g.data[y * 240 + x] = 150;
    const box = { x: 5, y: glyphs.y0 - 8, width: 230, height: glyphs.y1 - glyphs.y0 + 16 };
    const t = 0.35 * strongStep(g, box);
    const rows = lineRows(g, box, t);
    expect(rows).not.toBeNull();
    expect(rows!.top).toBeGreaterThanOrEqual(glyphs.y0 - 2);
    expect(rows!.top).toBeLessThanOrEqual(glyphs.y0);
    expect(rows!.bottom).toBeGreaterThanOrEqual(glyphs.y1 - 1);
    expect(rows!.bottom).toBeLessThanOrEqual(glyphs.y1 + 1);
  });

  it('keeps the descenders of a line, rows with a few strokes', () => {
    const { g, boxes } = drawText(300, 60, 16, 40, [['Peking Union Medical College', 10, 30, 200]]);
    const [glyphs] = boxes;
    const box = { x: 5, y: glyphs.y0 - 6, width: 290, height: glyphs.y1 - glyphs.y0 + 12 };
    const rows = lineRows(g, box, 0.35 * strongStep(g, box));
    expect(rows!.top).toBeLessThanOrEqual(glyphs.y0);
    expect(rows!.bottom).toBeGreaterThanOrEqual(glyphs.y1 - 1);
  });

  it('sees no ink in a flat box', () => {
    const { g } = drawText(60, 30, 12, 90, []);
    const box = { x: 2, y: 2, width: 50, height: 20 };
    expect(strongStep(g, box)).toBe(0);
    expect(lineRows(g, box, 1)).toBeNull();
  });
});
