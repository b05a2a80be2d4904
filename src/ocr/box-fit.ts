// Fitting a detected text box to the glyphs in the pixels, pure. The detector's boxes are grown
// by a share of their size ("unclip") and, on faint text, cover a line only in part; the pixels
// say where the strokes are (src/ocr/ink.ts: steps of a share of the box's strongest). The box is
// cut to the line's rows (ink.ts: rows holding a share of the busiest row's ink, plus a row or two
// of thin glyph ink); its ends along the line are cut only where columns show no step even of a
// small share; then it is grown along its line while columns hold ink inside the line's band and
// none 3-4 pixels above and below it (a line of glyphs, not anatomy), across gaps up to one line
// height (between a label and its value, between words). A box whose pixels show no clear ink is
// kept as the detector gave it. Tuned on the OCR bench's tuning seeds.

import type { GreyImage } from './grey-image.ts';
import type { Rect } from './paddle/det.ts';
import { edge, lineInk, type InkOptions } from './ink.ts';

export interface FitOptions extends InkOptions {
  /** Pixels kept around the ink (default 2). */
  pad?: number;
  /** Share of the strong contrast below which a column at the box's ends is ground (default 0.15). */
  trimShare?: number;
}

export function fitBox(g: GreyImage, r: Rect, o: FitOptions = {}): Rect {
  const pad = o.pad ?? 2;
  const { width: W, height: H } = g;
  const line = lineInk(g, r, o);
  if (!line) return r;
  const { strong, t, top, bottom } = line;
  const ink = (x: number, y: number) => edge(g, x, y) > t;
  const band = bottom - top + 1;
  // Columns with ink inside the band and a quiet ground 3-4 pixels above and below it (the band
  // keeps a row or two of thin glyph ink at most; 2 pixels out still met glyph tops and bottoms).
  const column = (x: number): 'ink' | 'none' | 'wall' => {
    for (const y of [top - 4, top - 3, bottom + 3, bottom + 4]) if (y >= 0 && y < H && ink(x, y)) return 'wall';
    for (let y = top; y <= bottom; y++) if (ink(x, y)) return 'ink';
    return 'none';
  };
  // Along the line the detector's ends are cut only where a column shows no step of even a
  // small share of the strong ones (faint glyph edges fall under the ink threshold).
  const faint = (o.trimShare ?? 0.15) * strong;
  const quietColumn = (x: number) => {
    for (let y = top; y <= bottom; y++) if (edge(g, x, y) > faint) return false;
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
