// The pixels of a teaching slide: the image the viewer shows, mapped through the current
// window/level (PS3.3 C.11.2.1.2: linear VOI from the viewer's lower/upper bounds, in modality
// units) to 8-bit RGBA, inverted when the viewer inverts (MONOCHROME1), with the redaction boxes
// burned in opaque black. Pure: typed arrays in, typed arrays out.

export interface SlideSource {
  width: number;
  height: number;
  /** Stored values (grey) or interleaved RGB/RGBA samples, as the image loader returns them. */
  data: ArrayLike<number>;
  components: 1 | 3 | 4;
  /** Rescale to modality units, unless the loader already applied it (scaled). */
  slope: number;
  intercept: number;
  scaled: boolean;
}

export interface SlideView {
  lower: number;
  upper: number;
  invert: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** 8-bit RGBA (alpha 255) of the source under the given window/level. */
export function toRgba(src: SlideSource, view: SlideView): Uint8ClampedArray<ArrayBuffer> {
  const n = src.width * src.height;
  if (src.data.length < n * src.components) throw new Error(`pixel data too short: ${src.data.length} values for ${n} pixels × ${src.components}`);
  const out = new Uint8ClampedArray(n * 4);
  const span = view.upper - view.lower || 1;
  const slope = src.scaled ? 1 : src.slope || 1;
  const intercept = src.scaled ? 0 : src.intercept || 0;
  const map = (v: number) => {
    const g = ((v * slope + intercept - view.lower) / span) * 255;
    const c = g < 0 ? 0 : g > 255 ? 255 : Math.round(g);
    return view.invert ? 255 - c : c;
  };
  for (let i = 0; i < n; i++) {
    if (src.components === 1) {
      const g = map(src.data[i]!);
      out[i * 4] = g;
      out[i * 4 + 1] = g;
      out[i * 4 + 2] = g;
    } else {
      const k = i * src.components;
      out[i * 4] = map(src.data[k]!);
      out[i * 4 + 1] = map(src.data[k + 1]!);
      out[i * 4 + 2] = map(src.data[k + 2]!);
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Paint each box (image pixels, clipped to the image) opaque black. */
export function burnBoxes(rgba: Uint8ClampedArray, width: number, height: number, boxes: readonly Rect[]): void {
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x));
    const y0 = Math.max(0, Math.floor(b.y));
    const x1 = Math.min(width, Math.ceil(b.x + b.width));
    const y1 = Math.min(height, Math.ceil(b.y + b.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * width + x) * 4;
        rgba[i] = 0;
        rgba[i + 1] = 0;
        rgba[i + 2] = 0;
        rgba[i + 3] = 255;
      }
    }
  }
}

/** Whole-number enlargement so the longer side reaches at least `target` pixels (slides are shown large). */
export function slideScale(width: number, height: number, target = 512): number {
  return Math.max(1, Math.floor(target / Math.max(1, width, height)));
}

/** What an image itself says about how to show it (the loader's values). */
export interface DefaultViewInput {
  windowCenter: number | number[] | undefined;
  windowWidth: number | number[] | undefined;
  /** Smallest and largest pixel value, stored units unless `scaled`. */
  min: number;
  max: number;
  slope: number;
  intercept: number;
  scaled: boolean;
  color: boolean;
  /** Photometric Interpretation MONOCHROME1: the lowest value is white (PS3.3 C.7.6.3.1.2). */
  monochrome1: boolean;
}

/**
 * The window/level a viewer opens an image with, for a slide of an image that is not the one
 * shown: colour images as stored; grey images through their first Window Center / Width
 * (PS3.3 C.11.2.1.2.1, linear: lower = c − 0.5 − (w − 1)/2, upper = c − 0.5 + (w − 1)/2, the
 * same bounds Cornerstone uses), else the full range of their values in modality units.
 */
export function defaultView(i: DefaultViewInput): SlideView {
  if (i.color) return { lower: 0, upper: 255, invert: false };
  const first = (v: number | number[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const c = first(i.windowCenter);
  const w = first(i.windowWidth);
  if (typeof c === 'number' && typeof w === 'number' && Number.isFinite(c) && Number.isFinite(w) && w >= 1) {
    return { lower: c - 0.5 - (w - 1) / 2, upper: c - 0.5 + (w - 1) / 2, invert: i.monochrome1 };
  }
  const slope = i.scaled ? 1 : i.slope || 1;
  const intercept = i.scaled ? 0 : i.intercept || 0;
  const a = i.min * slope + intercept;
  const b = i.max * slope + intercept;
  return { lower: Math.min(a, b), upper: Math.max(a, b), invert: i.monochrome1 };
}
