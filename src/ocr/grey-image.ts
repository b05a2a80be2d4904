// The image OCR reads: one frame as 8-bit greyscale with the window the operator sees
// (VOI lower..upper, PS3.3 C.11.2.1.2 linear), RGB as luma (Rec. 601), turned dark text on a light
// background when the image is mostly dark (ultrasound and secondary captures print light text on
// black), upscaled for small text (tesseract reads glyphs of ~20-30 px best), written as a binary
// PGM (which tesseract's Leptonica reads in the browser and in Node alike). Pure.

export interface GreyImage {
  width: number;
  height: number;
  /** width × height samples, 0 = black. */
  data: Uint8Array;
}

export interface FramePixels {
  width: number;
  height: number;
  /** Samples per pixel in `pixels` (1 grey; 3 RGB; 4 RGBA). */
  components: number;
  pixels: ArrayLike<number>;
  /** The display window for greyscale images (ignored for colour). */
  window?: { lower: number; upper: number };
  /** MONOCHROME1: low values display white. */
  invert?: boolean;
}

/** Greyscale 0..255 as the frame displays. */
export function toGrey(f: FramePixels): GreyImage {
  const n = f.width * f.height;
  const out = new Uint8Array(n);
  const c = f.components;
  if (c >= 3) {
    for (let i = 0; i < n; i++) {
      const k = i * c;
      out[i] = Math.round(0.299 * f.pixels[k] + 0.587 * f.pixels[k + 1] + 0.114 * f.pixels[k + 2]);
    }
  } else {
    let lo = f.window?.lower;
    let hi = f.window?.upper;
    if (lo === undefined || hi === undefined || !(hi > lo)) {
      lo = Infinity;
      hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = f.pixels[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) hi = lo + 1;
    }
    const scale = 255 / (hi - lo);
    for (let i = 0; i < n; i++) {
      const v = Math.round((f.pixels[i] - lo) * scale);
      out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  if (f.invert) for (let i = 0; i < n; i++) out[i] = 255 - out[i];
  return { width: f.width, height: f.height, data: out };
}

/** Dark text on a light ground: invert a mostly dark image. */
export function lightBackground(g: GreyImage): GreyImage {
  let sum = 0;
  for (let i = 0; i < g.data.length; i++) sum += g.data[i];
  if (sum / Math.max(1, g.data.length) >= 128) return g;
  const data = new Uint8Array(g.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - g.data[i];
  return { ...g, data };
}

/** How much to enlarge a frame before OCR: small images ×3 or ×2, never past ~3000 px. */
export function ocrScale(width: number, height: number): number {
  const m = Math.max(width, height);
  if (m <= 700) return 3;
  if (m <= 1500) return 2;
  return 1;
}

/** Bilinear enlargement by an integer factor. */
export function upscale(g: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return g;
  const w = g.width * factor;
  const h = g.height * factor;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(g.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(g.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const fx = sx - x0;
      const a = g.data[y0 * g.width + x0] * (1 - fx) + g.data[y0 * g.width + x1] * fx;
      const b = g.data[y1 * g.width + x0] * (1 - fx) + g.data[y1 * g.width + x1] * fx;
      out[y * w + x] = Math.round(a * (1 - fy) + b * fy);
    }
  }
  return { width: w, height: h, data: out };
}

/** A binary PGM (P5) file of the image. */
export function toPgm(g: GreyImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(head.length + g.data.length);
  out.set(head);
  out.set(g.data, head.length);
  return out;
}

/** The PGM OCR reads for a frame, and the factor its coordinates are enlarged by. */
export function ocrInput(f: FramePixels): { pgm: Uint8Array; scale: number } {
  const scale = ocrScale(f.width, f.height);
  return { pgm: toPgm(upscale(lightBackground(toGrey(f)), scale)), scale };
}
