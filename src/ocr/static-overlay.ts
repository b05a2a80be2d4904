// A text detector without OCR: what a device burns in (labels, scales, logos) stays pixel for
// pixel the same on every frame and instance of a series while the anatomy under it changes.
// Frames are added one at a time (first frame kept, one "changed" bit per sample, so memory does
// not grow with the series); the proposals are the unchanged pixels that have contrast with a
// neighbour (strokes, not a constant background), grouped into lines by joining what lies within
// a few pixels, each group's box kept when it is text-sized. Nothing is proposed unless enough
// of the image changed (an identical or near-identical series says nothing). Pure.

import type { FramePixels } from './grey-image.ts';

export interface StaticBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StaticOptions {
  /** Share of samples that must change across the frames (default 0.05). */
  minChanged?: number;
  /** Difference to a neighbour that makes an edge, as a share of the frame's range (default 0.08). */
  edge?: number;
  /** Pixels joining strokes into one group (default 3). */
  join?: number;
  /** Largest box kept, as a share of the image side (default 0.5 wide, 0.2 high). */
  maxWidth?: number;
  maxHeight?: number;
}

export class StaticOverlay {
  readonly width: number;
  readonly height: number;
  private readonly components: number;
  private readonly first: Float32Array;
  private readonly changed: Uint8Array;
  private frames = 1;

  constructor(f: FramePixels) {
    this.width = f.width;
    this.height = f.height;
    this.components = f.components;
    this.first = Float32Array.from(f.pixels as ArrayLike<number>);
    this.changed = new Uint8Array(f.width * f.height);
  }

  /** Whether a frame has this overlay's geometry (only such frames can be added). */
  fits(f: FramePixels): boolean {
    return f.width === this.width && f.height === this.height && f.components === this.components;
  }

  add(f: FramePixels): void {
    if (!this.fits(f)) throw new Error('static overlay: the frame differs in size from the series');
    const c = this.components;
    for (let i = 0; i < this.changed.length; i++) {
      if (this.changed[i]) continue;
      for (let k = 0; k < c; k++) {
        if (f.pixels[i * c + k] !== this.first[i * c + k]) {
          this.changed[i] = 1;
          break;
        }
      }
    }
    this.frames++;
  }

  boxes(o: StaticOptions = {}): StaticBox[] {
    const { width: w, height: h, components: c } = this;
    const n = w * h;
    if (this.frames < 2) return [];
    let changed = 0;
    for (let i = 0; i < n; i++) changed += this.changed[i];
    if (changed < (o.minChanged ?? 0.05) * n) return [];
    const v = (i: number) => {
      let s = 0;
      for (let k = 0; k < c; k++) s += this.first[i * c + k];
      return s / c;
    };
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = v(i);
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const thr = (o.edge ?? 0.08) * Math.max(1e-9, hi - lo);
    // Unchanged pixels with an unchanged neighbour of clearly different value: strokes.
    const stroke = new Uint8Array(n);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        if (this.changed[i]) continue;
        const a = v(i);
        const diff = (j: number) => !this.changed[j] && Math.abs(v(j) - a) > thr;
        if ((x + 1 < w && diff(i + 1)) || (y + 1 < h && diff(i + w)) || (x > 0 && diff(i - 1)) || (y > 0 && diff(i - w))) stroke[i] = 1;
      }
    }
    const pad = 1; // the stroke at a label's rim may border changing pixels, and anti-aliasing
    return groups(stroke, w, h, o.join ?? 3)
      .filter((b) => b.width <= (o.maxWidth ?? 0.5) * w && b.height <= (o.maxHeight ?? 0.2) * h && b.width >= 3 && b.height >= 3)
      .map((b) => {
        const x = Math.max(0, b.x - pad);
        const y = Math.max(0, b.y - pad);
        return { x, y, width: Math.min(w, b.x + b.width + pad) - x, height: Math.min(h, b.y + b.height + pad) - y };
      });
  }
}

/** Boxes of the connected groups of set pixels, pixels within `join` of each other joined. */
function groups(mask: Uint8Array, w: number, h: number, join: number): StaticBox[] {
  const seen = new Uint8Array(w * h);
  const out: StaticBox[] = [];
  const stack: number[] = [];
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || seen[s]) continue;
    seen[s] = 1;
    stack.push(s);
    let x0 = w;
    let y0 = h;
    let x1 = -1;
    let y1 = -1;
    while (stack.length) {
      const p = stack.pop()!;
      const px = p % w;
      const py = (p - px) / w;
      x0 = Math.min(x0, px);
      x1 = Math.max(x1, px);
      y0 = Math.min(y0, py);
      y1 = Math.max(y1, py);
      for (let dy = -join; dy <= join; dy++) {
        const qy = py + dy;
        if (qy < 0 || qy >= h) continue;
        for (let dx = -join; dx <= join; dx++) {
          const qx = px + dx;
          if (qx < 0 || qx >= w) continue;
          const q = qy * w + qx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    out.push({ x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 });
  }
  return out;
}
