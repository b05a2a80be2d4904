// Splitting fitted boxes at ink-free gaps: a 汉字 label and its digits come apart, each piece cut
// to its own glyphs (no gap, no ground above the shorter digits); the fields of one Latin line
// (name, ID, date: the same rows) stay one box, and so do words of a value whose tops agree but
// not their bottoms (a descender); a value whose first glyphs are faint beside a strong label is
// not cut there; a box over pixels without contrast comes back whole.

import { describe, expect, it } from 'vitest';
import { splitBox } from '../../src/ocr/box-split.ts';
import type { Rect } from '../../src/ocr/paddle/det.ts';
import { CJK_FONT, drawText, textWidth, type Glyphs } from './glyph-image.ts';

const around = (bs: Glyphs[], pad: number): Rect => {
  const x0 = Math.min(...bs.map((b) => b.x0)) - pad;
  const y0 = Math.min(...bs.map((b) => b.y0)) - pad;
  return { x: x0, y: y0, width: Math.max(...bs.map((b) => b.x1)) + pad - x0, height: Math.max(...bs.map((b) => b.y1)) + pad - y0 };
};
const covers = (r: Rect, b: Glyphs) => r.x <= b.x0 && r.y <= b.y0 && r.x + r.width >= b.x1 && r.y + r.height >= b.y1;

describe('splitting boxes at ink-free gaps', () => {
  it.skipIf(!CJK_FONT)('parts a 汉字 label from its digits and cuts each to its glyphs', () => {
    const { g, boxes } = drawText(320, 60, 20, 30, [['住院号：', 10, 38, 220], ['0988713866', 120, 38, 220]]);
    const [label, value] = boxes;
    const pieces = splitBox(g, around(boxes, 2));
    expect(pieces, JSON.stringify({ pieces, boxes })).toHaveLength(2);
    const [a, b] = pieces.sort((p, q) => p.x - q.x);
    expect(covers(a, label)).toBe(true);
    expect(covers(b, value)).toBe(true);
    // Neither takes in the gap, nor the digits' piece the rows above them (where 汉字 reach), by more
    // than the OCR bench's 3 px margin.
    expect(a.x + a.width).toBeLessThanOrEqual(label.x1 + 3);
    expect(b.x).toBeGreaterThanOrEqual(value.x0 - 3);
    expect(b.y).toBeGreaterThanOrEqual(value.y0 - 3);
    expect(b.y + b.height).toBeLessThanOrEqual(value.y1 + 3);
  });

  it('keeps the fields of one Latin line together', () => {
    const { g, boxes } = drawText(420, 40, 14, 20, [['ZHANG WEI', 4, 24, 230], ['ID 11010519491231002X', 110, 24, 230], ['2024-03-06', 320, 24, 230]]);
    const r = around(boxes, 2);
    expect(splitBox(g, r)).toEqual([r]);
  });

  it('keeps words with and without descenders together across a wide space', () => {
    const { g, boxes } = drawText(260, 40, 16, 20, [['Peking', 6, 24, 230], ['Union', 6 + Math.round(textWidth('Peking', 16)) + 16, 24, 230]]);
    expect(boxes[0].y1).toBeGreaterThan(boxes[1].y1); // the g reaches lower
    const r = around(boxes, 2);
    expect(splitBox(g, r)).toEqual([r]);
  });

  it.skipIf(!CJK_FONT)('does not cut a value where its glyphs are faint beside a strong label', () => {
    // The value's first glyphs 10 grey levels over the ground, under a share of the label's steps.
    const x = 110 + Math.round(textWidth('11010', 16));
    const { g, boxes } = drawText(360, 50, 16, 150, [['身份证号：', 6, 32, 10], ['11010', 110, 32, 160], ['1196002085197', x, 32, 250]]);
    const value = { x0: boxes[1].x0, y0: Math.min(boxes[1].y0, boxes[2].y0), x1: boxes[2].x1, y1: Math.max(boxes[1].y1, boxes[2].y1) };
    const pieces = splitBox(g, around(boxes, 2));
    // One piece from the faint glyphs' first column (their anti-aliased rim within a pixel) to the end.
    expect(pieces.some((p) => p.x <= value.x0 + 1 && p.x + p.width >= value.x1), JSON.stringify({ pieces, value })).toBe(true);
  });

  it('gives back a box over pixels without contrast', () => {
    const { g } = drawText(80, 30, 12, 90, []);
    expect(splitBox(g, { x: 5, y: 5, width: 60, height: 14 })).toEqual([{ x: 5, y: 5, width: 60, height: 14 }]);
  });
});
