// The images OCR reads for one frame, made from its decoded stored values and never from the
// screen: the full stored range, an automatic window from the histogram (0.5th to 99.5th
// percentile), the window the operator sees (linear VOI, PS3.3 C.11.2.1.2), and the full range
// histogram-equalised. Text a device burned outside the header's window (16-bit data holding
// 0..255 under a CT window, or labels below the window's lower edge) is black on the display but
// shows in the first two; faint text (a few percent of the range over a flat ground) stands out
// in the last. Windows that map the values alike are read once; the equalised image, when it
// differs from the full range, replaces the automatic window. Colour frames are read once, as
// luma. Pure.

import { toGrey, type FramePixels, type GreyImage } from './grey-image.ts';

export interface Rendering {
  kind: 'full' | 'auto' | 'display' | 'colour' | 'equalized';
  image: GreyImage;
}

interface Win {
  lower: number;
  upper: number;
}

function rangeAndPercentiles(f: FramePixels): { min: number; max: number; p05: number; p995: number } {
  const n = f.width * f.height;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = f.pixels[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return { min, max: min + 1, p05: min, p995: min + 1 };
  const bins = 4096;
  const hist = new Uint32Array(bins);
  const k = (bins - 1) / (max - min);
  for (let i = 0; i < n; i++) hist[Math.round((f.pixels[i] - min) * k)]++;
  const at = (q: number): number => {
    let acc = 0;
    for (let b = 0; b < bins; b++) {
      acc += hist[b];
      if (acc >= q * n) return min + b / k;
    }
    return max;
  };
  return { min, max, p05: at(0.005), p995: at(0.995) };
}

const alike = (a: Win, b: Win, span: number): boolean => Math.abs(a.lower - b.lower) <= 0.1 * span && Math.abs(a.upper - b.upper) <= 0.1 * span;

export function renderings(f: FramePixels): Rendering[] {
  if (f.components >= 3) return [{ kind: 'colour', image: toGrey(f) }];
  const { min, max, p05, p995 } = rangeAndPercentiles(f);
  const span = max - min;
  const wins: { kind: Rendering['kind']; w: Win }[] = [{ kind: 'full', w: { lower: min, upper: max } }];
  if (p995 > p05) wins.push({ kind: 'auto', w: { lower: p05, upper: p995 } });
  if (f.window && f.window.upper > f.window.lower) wins.push({ kind: 'display', w: f.window });
  const kept: typeof wins = [];
  for (const c of wins) if (!kept.some((k) => alike(k.w, c.w, span))) kept.push(c);
  const out: Rendering[] = kept.map(({ kind, w }) => ({ kind, image: toGrey({ ...f, window: w }) }));
  const eq = equalized(out[0].image);
  // The equalised image stretches what the automatic window stretches, and more: it replaces it
  // (one detector pass less; on the benchmark's tuning seeds nothing was found only in 'auto').
  if (meanDifference(eq, out[0].image) >= 8) return [...out.filter((r) => r.kind !== 'auto'), { kind: 'equalized', image: eq }];
  return out;
}

const meanDifference = (a: GreyImage, b: GreyImage): number => {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
  return s / Math.max(1, a.data.length);
};

/** Histogram equalisation of an 8-bit image: faint text on a flat ground becomes strong. */
export function equalized(g: GreyImage): GreyImage {
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.data.length; i++) hist[g.data[i]]++;
  const map = new Uint8Array(256);
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v];
    map[v] = Math.round((255 * acc) / g.data.length);
  }
  return { ...g, data: g.data.map((v) => map[v]) };
}
