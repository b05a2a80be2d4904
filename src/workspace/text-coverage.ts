// How much of a piece of text OCR found on an image the redaction boxes cover, so review does not
// accept "Redacted" for a box over a third of a name (issue 11). Areas in image pixels, as the
// boxes are (src/core/pixels/redaction-box.ts: a box covers every pixel it touches); the covered
// part is the union of the boxes inside the text's rectangle, counted exactly on the grid of
// their edges. Pure.

import { appliesToFrame, type RedactionBox } from '../core/pixels/redaction-box.ts';

/** Text that must be covered: a rectangle on one 0-based frame. */
export interface TextRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  frame: number;
}

/** The share of the text rectangle a review needs covered before it accepts "Redacted". */
export const MIN_TEXT_COVERAGE = 0.9;

/** Fraction (0 … 1) of the text's rectangle covered by the boxes that apply to its frame. */
export function coveredFraction(text: TextRegion, boxes: readonly RedactionBox[]): number {
  const area = text.width * text.height;
  if (!(area > 0)) return 1;
  const tx1 = text.x + text.width, ty1 = text.y + text.height;
  // Each box as touched whole pixels, clipped to the text.
  const parts = boxes.filter((b) => appliesToFrame(b, text.frame) && b.width > 0 && b.height > 0).map((b) => ({
    x0: Math.max(text.x, Math.floor(b.x)), y0: Math.max(text.y, Math.floor(b.y)),
    x1: Math.min(tx1, Math.ceil(b.x + b.width)), y1: Math.min(ty1, Math.ceil(b.y + b.height)),
  })).filter((p) => p.x1 > p.x0 && p.y1 > p.y0);
  if (!parts.length) return 0;
  const xs = [...new Set(parts.flatMap((p) => [p.x0, p.x1]))].sort((a, b) => a - b);
  const ys = [...new Set(parts.flatMap((p) => [p.y0, p.y1]))].sort((a, b) => a - b);
  let covered = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      const cx = (xs[i] + xs[i + 1]) / 2, cy = (ys[j] + ys[j + 1]) / 2;
      if (parts.some((p) => cx > p.x0 && cx < p.x1 && cy > p.y0 && cy < p.y1)) covered += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
    }
  }
  return Math.min(1, covered / area);
}

/** The texts the boxes cover less than MIN_TEXT_COVERAGE. */
export function uncoveredTexts<T extends TextRegion>(texts: readonly T[], boxes: readonly RedactionBox[]): T[] {
  return texts.filter((t) => coveredFraction(t, boxes) < MIN_TEXT_COVERAGE);
}
