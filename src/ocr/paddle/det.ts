// PP-OCR text detection (DB, "Real-time Scene Text Detection with Differentiable Binarization"),
// the pure parts: the detector's input tensor from an 8-bit greyscale image (resized so both
// sides are multiples of 32, ImageNet mean/std normalisation, grey copied to R, G and B) and the
// boxes from its probability map (threshold, connected regions, mean-probability score, then
// the region grown back by area × ratio / perimeter as DB's "unclip" does). Burned-in text is
// horizontal, so regions become axis-aligned rectangles in image pixels.

import type { GreyImage } from '../grey-image.ts';

export interface DetInput {
  data: Float32Array;
  width: number;
  height: number;
  /** Detector pixels per image pixel, horizontally and vertically. */
  sx: number;
  sy: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Area two rectangles share (0 when they do not overlap). */
export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export interface DetBox extends Rect {
  /** Mean text probability inside the region, 0..1. */
  score: number;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** How large the detector sees an image: small images enlarged (small glyphs), large ones reduced. */
export function detSize(width: number, height: number, minSide = 512, maxSide = 1024): { width: number; height: number } {
  const m = Math.max(width, height);
  const f = m < minSide ? minSide / m : m > maxSide ? maxSide / m : 1;
  const r32 = (v: number) => Math.max(32, Math.round((v * f) / 32) * 32);
  return { width: r32(width), height: r32(height) };
}

/** Bilinear sample of a grey image at (x, y) in its pixel coordinates (centres at .5). */
export function sample(g: GreyImage, x: number, y: number): number {
  const sx = Math.min(g.width - 1, Math.max(0, x - 0.5));
  const sy = Math.min(g.height - 1, Math.max(0, y - 0.5));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const x1 = Math.min(g.width - 1, x0 + 1);
  const y1 = Math.min(g.height - 1, y0 + 1);
  const fx = sx - x0;
  const fy = sy - y0;
  const d = g.data;
  const a = d[y0 * g.width + x0] * (1 - fx) + d[y0 * g.width + x1] * fx;
  const b = d[y1 * g.width + x0] * (1 - fx) + d[y1 * g.width + x1] * fx;
  return a * (1 - fy) + b * fy;
}

export function detInput(g: GreyImage, size = detSize(g.width, g.height)): DetInput {
  const { width, height } = size;
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  const kx = g.width / width;
  const ky = g.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = sample(g, (x + 0.5) * kx, (y + 0.5) * ky) / 255;
      const i = y * width + x;
      for (let c = 0; c < 3; c++) data[c * plane + i] = (v - MEAN[c]) / STD[c];
    }
  }
  return { data, width, height, sx: width / g.width, sy: height / g.height };
}

export interface DetOptions {
  /** Probability above which a pixel is text (DB's thresh, default 0.3). */
  threshold?: number;
  /** Lowest mean probability of a kept region (DB's box_thresh, default 0.5). */
  boxThreshold?: number;
  /** How far a region grows back (DB's unclip_ratio, default 1.2). */
  unclip?: number;
}

/** Text regions of a probability map (width × height of the detector input), in image pixels. */
export function detBoxes(prob: ArrayLike<number>, input: Pick<DetInput, 'width' | 'height' | 'sx' | 'sy'>, columns: number, rows: number, o: DetOptions = {}): DetBox[] {
  const { width: w, height: h } = input;
  const thr = o.threshold ?? 0.3;
  const boxThr = o.boxThreshold ?? 0.5;
  const unclip = o.unclip ?? 1.2;
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const out: DetBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || !(prob[start] > thr)) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    let sum = 0;
    let n = 0;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      sum += prob[p];
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const visit = (q: number) => {
        if (label[q] === 0 && prob[q] > thr) {
          label[q] = next;
          stack.push(q);
        }
      };
      if (x > 0) visit(p - 1);
      if (x < w - 1) visit(p + 1);
      if (y > 0) visit(p - w);
      if (y < h - 1) visit(p + w);
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    const score = sum / n;
    if (score < boxThr || Math.min(bw, bh) < 3) continue;
    const d = (bw * bh * unclip) / (2 * (bw + bh));
    const ix0 = Math.max(0, Math.floor((x0 - d) / input.sx));
    const iy0 = Math.max(0, Math.floor((y0 - d) / input.sy));
    const ix1 = Math.min(columns, Math.ceil((x1 + 1 + d) / input.sx));
    const iy1 = Math.min(rows, Math.ceil((y1 + 1 + d) / input.sy));
    if (ix1 - ix0 < 2 || iy1 - iy0 < 2) continue;
    out.push({ x: ix0, y: iy0, width: ix1 - ix0, height: iy1 - iy0, score });
  }
  return out;
}
