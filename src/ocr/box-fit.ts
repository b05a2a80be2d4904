// Fitting a detected text box to the glyphs in the pixels, pure. The detector's boxes are grown
// by a share of their size ("unclip") and, on faint text, cover a line only in part; the pixels
// say where the strokes are. Ink is a step to a neighbouring pixel of at least a share of the
// strongest steps inside the box. The box is cut to the rows holding a share of the busiest
// row's ink (texture around a line has a few steps per row, glyph rows many) plus a few thin
// rows with any ink (glyph tops and bottoms); its ends along the line are cut only where columns
// show no step even of a small share; then it is grown along its line while columns hold ink
// inside the line's band and none 2-3 pixels above and below it (a line of glyphs, not anatomy),
// across gaps up to one line height (between a label and its value, between words). A box whose
// pixels show no clear ink is kept as the detector gave it. Tuned on the OCR bench's tuning seeds.

import type { GreyImage } from './grey-image.ts';
import type { Rect } from './paddle/det.ts';

export interface FitOptions {
  /** Pixels kept around the ink (default 2). */
  pad?: number;
  /** Ink threshold as a share of the box's strong contrast (default 0.35). */
  share?: number;
  /** Least contrast, grey levels, for the pixels to count as showing ink (default 10). */
  minContrast?: number;
  /** Share of the strong contrast below which a column at the box's ends is ground (default 0.15). */
  trimShare?: number;
  /** Share of the busiest row's ink a row needs to count as part of the line (default 0.1). */
  rowShare?: number;
  /** Rows with any ink kept beyond those, as a share of the line's height (default 0.15). */
  rowGrow?: number;
}

export function fitBox(g: GreyImage, r: Rect, o: FitOptions = {}): Rect {
  const pad = o.pad ?? 2;
  const { width: W, height: H, data } = g;
  // A stroke's edge: a step to the right or downward neighbour (independent of the ground level).
  const edge = (x: number, y: number): number => {
    const i = y * W + x;
    const v = data[i];
    return Math.max(x + 1 < W ? Math.abs(v - data[i + 1]) : 0, y + 1 < H ? Math.abs(v - data[i + W]) : 0);
  };
  const edges: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) edges.push(edge(x, y));
  edges.sort((a, b) => a - b);
  const strong = edges[Math.floor(0.95 * (edges.length - 1))];
  if (!(strong >= (o.minContrast ?? 10))) return r;
  const t = (o.share ?? 0.35) * strong;
  const ink = (x: number, y: number) => edge(x, y) > t;
  // Rows of the box with ink: at least a share of the busiest row's ink (texture around a line
  // has a few steps per row, glyph rows many).
  const counts: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++) {
    let n = 0;
    for (let x = r.x; x < r.x + r.width; x++) if (ink(x, y)) n++;
    counts.push(n);
  }
  const least = Math.max(1, (o.rowShare ?? 0.1) * Math.max(...counts));
  let top = -1;
  let bottom = -1;
  counts.forEach((n, k) => {
    if (n >= least) (top = top < 0 ? r.y + k : top), (bottom = r.y + k);
  });
  if (top < 0) return r;
  // Then out by rows with any ink (the thin tops and bottoms of glyphs), a few at most.
  const edgeRows = Math.max(1, Math.round((o.rowGrow ?? 0.15) * (bottom - top + 1)));
  for (let k = 0; k < edgeRows && top > r.y && counts[top - 1 - r.y] > 0; k++) top--;
  for (let k = 0; k < edgeRows && bottom < r.y + r.height - 1 && counts[bottom + 1 - r.y] > 0; k++) bottom++;
  const band = bottom - top + 1;
  // Columns with ink inside the band and a quiet ground 2-3 pixels above and below it.
  const column = (x: number): 'ink' | 'none' | 'wall' => {
    for (const y of [top - 3, top - 2, bottom + 2, bottom + 3]) if (y >= 0 && y < H && ink(x, y)) return 'wall';
    for (let y = top; y <= bottom; y++) if (ink(x, y)) return 'ink';
    return 'none';
  };
  // Along the line the detector's ends are cut only where a column shows no step of even a
  // small share of the strong ones (faint glyph edges fall under the ink threshold).
  const faint = (o.trimShare ?? 0.15) * strong;
  const quietColumn = (x: number) => {
    for (let y = top; y <= bottom; y++) if (edge(x, y) > faint) return false;
    return true;
  };
  let left = r.x;
  let right = r.x + r.width - 1;
  while (left < right && quietColumn(left)) left++;
  while (right > left && quietColumn(right)) right--;
  const cutLeft = left > r.x;
  const cutRight = right < r.x + r.width - 1;
  const gap = band;
  for (let x = left - 1, quiet = 0; x >= 0 && quiet <= gap; x--) {
    const c = column(x);
    if (c === 'wall') break;
    if (c === 'ink') (left = x), (quiet = 0);
    else quiet++;
  }
  for (let x = right + 1, quiet = 0; x < W && quiet <= gap; x++) {
    const c = column(x);
    if (c === 'wall') break;
    if (c === 'ink') (right = x), (quiet = 0);
    else quiet++;
  }
  const x0 = Math.max(0, left - (left < r.x || cutLeft ? pad : 0));
  const y0 = Math.max(0, top - pad);
  const x1 = Math.min(W, right + 1 + (right >= r.x + r.width || cutRight ? pad : 0));
  const y1 = Math.min(H, bottom + 1 + pad);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
