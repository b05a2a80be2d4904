// Splitting a fitted text box at ink-free column gaps, pure. A box fitted to a line of glyphs
// (box-fit.ts) spans a label and its value, or two blocks printed side by side; the gap between
// them holds no ink, and the ground above the shorter glyphs (digits beside 汉字) none either.
// Columns without even a faint step (ink.ts; under a share of the box's strong contrast and under
// a few grey levels, since faint glyphs beside a strong label fall under the share) at least half
// a line height wide part the box into pieces; neighbouring pieces whose own line rows agree at
// the top or at the bottom stay joined (fields of one line in one font: name, ID, date; words with
// and without descenders, whose value box spans both), the others are cut to their own ink
// columns and rows, plus a pad (a value's box spans its words: cutting between them would leave
// the space and the corners beside descenders out). A box without clear ink, or without such a
// gap, comes back whole. Tuned on the OCR bench's tuning seeds.

import type { GreyImage } from './grey-image.ts';
import type { Rect } from './paddle/det.ts';
import { edge, lineInk, lineRows, type InkOptions } from './ink.ts';

export interface SplitOptions extends InkOptions {
  /** Least width of an ink-free gap that cuts, as a share of the line's height (default 0.5). */
  gap?: number;
  /** Share of the strong contrast under which a column counts as a gap (default 0.15, as box-fit trims). */
  gapShare?: number;
  /** And under these grey levels (default 8). */
  gapLevel?: number;
  /** Pieces whose top or bottom rows agree within this share of the line's height, and 1 px, stay joined (default 0). */
  rowTolerance?: number;
  /** Pixels kept around each piece's ink (default 1). */
  pad?: number;
}

export function splitBox(g: GreyImage, r: Rect, o: SplitOptions = {}): Rect[] {
  const pad = o.pad ?? 1;
  const rows = lineInk(g, r, o);
  if (!rows) return [r];
  const { strong, t } = rows;
  const height = rows.bottom - rows.top + 1;
  const faint = Math.min((o.gapShare ?? 0.15) * strong, o.gapLevel ?? 8);
  const minGap = Math.max(2, Math.round((o.gap ?? 0.5) * height));
  const inkColumn: boolean[] = [];
  for (let x = r.x; x < r.x + r.width; x++) {
    let any = false;
    for (let y = rows.top; y <= rows.bottom && !any; y++) any = edge(g, x, y) > faint;
    inkColumn.push(any);
  }
  // Runs of ink columns separated by gaps of at least minGap.
  const spans: [number, number][] = [];
  let start = -1;
  let last = -1;
  inkColumn.forEach((ink, k) => {
    if (!ink) return;
    if (start < 0) start = k;
    else if (k - last - 1 >= minGap) (spans.push([start, last]), (start = k));
    last = k;
  });
  if (start < 0) return [r];
  spans.push([start, last]);
  if (spans.length === 1) return [r];
  // Each span's own line rows; neighbours whose tops or bottoms agree are one run of glyphs (the
  // fields of one line in one font), joined again.
  const pieces = spans.map(([a, b]) => {
    const piece = { x: r.x + a, y: r.y, width: b - a + 1, height: r.height };
    return { a, b, ...(lineRows(g, piece, t, o) ?? rows) };
  });
  const tol = Math.max(1, Math.round((o.rowTolerance ?? 0) * height));
  const groups = [pieces[0]];
  for (const p of pieces.slice(1)) {
    const q = groups[groups.length - 1];
    if (Math.abs(p.top - q.top) <= tol || Math.abs(p.bottom - q.bottom) <= tol) groups[groups.length - 1] = { a: q.a, b: p.b, top: Math.min(p.top, q.top), bottom: Math.max(p.bottom, q.bottom) };
    else groups.push(p);
  }
  if (groups.length === 1) return [r];
  const out: Rect[] = [];
  for (const p of groups) {
    const x0 = Math.max(r.x, r.x + p.a - pad);
    const x1 = Math.min(r.x + r.width, r.x + p.b + 1 + pad);
    const y0 = Math.max(r.y, p.top - pad);
    const y1 = Math.min(r.y + r.height, p.bottom + 1 + pad);
    out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  }
  return out;
}
