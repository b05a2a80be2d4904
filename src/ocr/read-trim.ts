// Trimming a read box to where the recogniser placed characters, pure. The recogniser reads a box
// as a row of CTC steps, each a fixed slice of the box's width; a step where the blank is not sure
// sits on a character (or a glyph read with doubt). Box ends the fitting drew into textured
// ground (noise, anatomy, the steps of a test pattern) read as sure blanks, so the box is cut to
// the first and last character step, with a margin of 0.6 of the box's height each side (a
// character's step falls inside its glyph, not at its edge: half a 汉字 is half a line height; 0.45
// lost a value on the tuning seeds), and only in lines read surely (a line read poorly places
// blanks over glyphs it could not read). The cut only ever shrinks the box, and never to less
// than a line height wide.

import type { Rect } from './paddle/det.ts';

export interface ReadTrimOptions {
  /** Margin kept beyond the outer character steps, as a share of the box's height (default 0.6). */
  margin?: number;
  /** Least reading confidence, 0..1, for a box to be cut (default 0.9): a line read poorly places
   *  blanks over glyphs it could not read. */
  minConfidence?: number;
}

/** A CTC step whose blank (class 0) has this probability or more is sure ground; under it, a character (or a glyph read with doubt). */
export const SURE_BLANK = 0.8;

/**
 * First and last step (inclusive) where the blank (class 0) is not sure, or null: its probability
 * under `sureBlank` (default SURE_BLANK), so that glyphs read with doubt still count as characters.
 */
export function characterSteps(probs: ArrayLike<number>, steps: number, classes: number, sureBlank = SURE_BLANK): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (let t = 0; t < steps; t++) if (probs[t * classes] < sureBlank) (first = first < 0 ? t : first), (last = t);
  return first < 0 ? null : { first, last };
}

/** The box cut to its character steps (`steps` equal slices of its width) plus the margin. */
export function trimToSteps(r: Rect, span: { first: number; last: number }, steps: number, confidence: number, o: ReadTrimOptions = {}): Rect {
  if (steps <= 0 || r.width <= r.height || confidence < (o.minConfidence ?? 0.9)) return r;
  const slice = r.width / steps;
  const margin = (o.margin ?? 0.6) * r.height;
  let x0 = Math.max(r.x, Math.floor(r.x + span.first * slice - margin));
  let x1 = Math.min(r.x + r.width, Math.ceil(r.x + (span.last + 1) * slice + margin));
  if (x1 - x0 < r.height) {
    const mid = (x0 + x1) / 2;
    x0 = Math.max(r.x, Math.floor(mid - r.height / 2));
    x1 = Math.min(r.x + r.width, x0 + r.height);
  }
  return { x: x0, y: r.y, width: x1 - x0, height: r.height };
}
