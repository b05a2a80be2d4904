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
