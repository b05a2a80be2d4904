// Where the strokes of text are in a grey image, pure, shared by the box fitting (box-fit.ts) and
// the splitting of boxes at ink-free gaps (box-split.ts), which start alike (lineInk). A stroke's
// edge is a step to the right or downward neighbour, independent of the ground level; ink is a step
// of at least a share of the strongest steps inside a box (its 95th percentile), and a box whose
// steps are all weak shows no clear ink. The rows of a line are those holding a share of the
// busiest row's ink (texture around a line has a few steps per row, glyph rows many) plus a few
// rows of thin ink, the tops and bottoms of glyphs and descenders: a stroke has two sides, so such
// a row holds two ink pixels at least; the edge of the body running on under a line, one. A
// ground's level is the median grey of its pixels (read-extend.ts: where it changes).

import type { GreyImage } from './grey-image.ts';
import type { Rect } from './paddle/det.ts';

/** The larger step from (x, y) to its right and its lower neighbour, grey levels. */
export function edge(g: GreyImage, x: number, y: number): number {
  const { width: W, height: H, data } = g;
  const i = y * W + x;
  const v = data[i];
  return Math.max(x + 1 < W ? Math.abs(v - data[i + 1]) : 0, y + 1 < H ? Math.abs(v - data[i + W]) : 0);
}

/** The strong contrast inside a box: the 95th percentile of its steps. */
export function strongStep(g: GreyImage, r: Rect): number {
  const edges: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) edges.push(edge(g, x, y));
  if (!edges.length) return 0;
  edges.sort((a, b) => a - b);
  return edges[Math.floor(0.95 * (edges.length - 1))];
}

export interface RowOptions {
  /** Share of the busiest row's ink a row needs to count as part of the line (default 0.1). */
  rowShare?: number;
  /** Rows of thin ink kept beyond those, as a share of the line's height (default 0.15). */
  rowGrow?: number;
  /** Ink pixels a row of thin ink holds at least (default 2: the two sides of a stroke). */
  thinInk?: number;
}

/**
 * The rows of the line inside a box: first and last row (inclusive) holding enough ink at
 * threshold `t`, or null when no row has ink. Never leaves the box.
 */
export function lineRows(g: GreyImage, r: Rect, t: number, o: RowOptions = {}): { top: number; bottom: number } | null {
  const counts: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++) {
    let n = 0;
    for (let x = r.x; x < r.x + r.width; x++) if (edge(g, x, y) > t) n++;
    counts.push(n);
  }
  const least = Math.max(1, (o.rowShare ?? 0.1) * Math.max(0, ...counts));
  let top = -1;
  let bottom = -1;
  counts.forEach((n, k) => {
    if (n >= least) (top = top < 0 ? r.y + k : top), (bottom = r.y + k);
  });
  if (top < 0) return null;
  const edgeRows = Math.max(1, Math.round((o.rowGrow ?? 0.15) * (bottom - top + 1)));
  const thin = o.thinInk ?? 2;
  for (let k = 0; k < edgeRows && top > r.y && counts[top - 1 - r.y] >= thin; k++) top--;
  for (let k = 0; k < edgeRows && bottom < r.y + r.height - 1 && counts[bottom + 1 - r.y] >= thin; k++) bottom++;
  return { top, bottom };
}

export interface InkOptions extends RowOptions {
  /** Ink threshold as a share of the box's strong contrast (default 0.35). */
  share?: number;
  /** Least contrast, grey levels, for the pixels to count as showing ink (default 10). */
  minContrast?: number;
}

/** A box's strong contrast and its ink threshold `t`; null when its pixels show no clear ink. */
export function inkThreshold(g: GreyImage, r: Rect, o: Pick<InkOptions, 'share' | 'minContrast'> = {}): { strong: number; t: number } | null {
  const strong = strongStep(g, r);
  if (!(strong >= (o.minContrast ?? 10))) return null;
  return { strong, t: (o.share ?? 0.35) * strong };
}

/**
 * A box's line of glyphs: its strong contrast, the ink threshold `t` and the line's rows (as
 * lineRows); null when its pixels show no clear ink, or no row holds any.
 */
export function lineInk(g: GreyImage, r: Rect, o: InkOptions = {}): { strong: number; t: number; top: number; bottom: number } | null {
  const ink = inkThreshold(g, r, o);
  if (!ink) return null;
  const rows = lineRows(g, r, ink.t, o);
  return rows && { ...ink, ...rows };
}

/** The median grey of a rect's pixels (its ground, where glyphs are a minority); NaN when empty. */
export function medianGrey(g: GreyImage, r: Rect): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = Math.max(0, r.y); y < Math.min(g.height, r.y + r.height); y++) {
    for (let x = Math.max(0, r.x); x < Math.min(g.width, r.x + r.width); x++) hist[g.data[y * g.width + x]]++, n++;
  }
  if (!n) return NaN;
  for (let v = 0, acc = 0; v < 256; v++) if ((acc += hist[v]) * 2 >= n) return v;
  return 255;
}
