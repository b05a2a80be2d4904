// Window/level arithmetic for the viewer, pure (no Cornerstone): the VOI range a window centre and
// width give (PS3.3 C.11.2.1.2.1, linear function), an automatic window from the histogram of the
// stored values after the Modality LUT (PS3.3 C.11.1), and whether a window shows a nearly uniform
// picture. The viewer uses it so an image is never shown black (or white) without a word: when the
// header window makes the picture nearly uniform — a CT window over 16-bit data holding 0–255, a
// window outside the pixel range — or squeezes it into a sliver of the greys (a 2228-wide window
// over values spanning 90, all near black), the automatic window replaces it.

export interface VoiRange {
  lower: number;
  upper: number;
}

export type WindowPreset = 'brain' | 'lung' | 'bone' | 'abdomen';

/** CT presets in Hounsfield units (window width, centre), as radiology workstations ship them. */
export const CT_PRESETS: Record<WindowPreset, { width: number; center: number }> = {
  brain: { width: 80, center: 40 },
  lung: { width: 1500, center: -600 },
  bone: { width: 2000, center: 300 },
  abdomen: { width: 400, center: 40 },
};

/** PS3.3 C.11.2.1.2.1: a window of width W at centre C shows the values from C − W/2 to C + W/2. */
export function rangeFromWindow(width: number, center: number): VoiRange {
  return { lower: center - width / 2, upper: center + width / 2 };
}

export function windowFromRange(r: VoiRange): { width: number; center: number } {
  return { width: r.upper - r.lower, center: (r.upper + r.lower) / 2 };
}

/** At most `max` values spread evenly over the image, after the Modality LUT (slope, intercept). */
export function sampleValues(pixels: ArrayLike<number>, slope = 1, intercept = 0, max = 65536): Float64Array {
  const step = Math.max(1, Math.ceil(pixels.length / max));
  const out = new Float64Array(Math.ceil(pixels.length / step));
  for (let i = 0, j = 0; i < pixels.length; i += step, j++) out[j] = pixels[i] * slope + intercept;
  return out;
}

function sorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** The smallest and largest value: the full stored range. */
export function fullRange(values: Float64Array): VoiRange {
  let lower = Infinity;
  let upper = -Infinity;
  for (const v of values) {
    if (v < lower) lower = v;
    if (v > upper) upper = v;
  }
  if (!Number.isFinite(lower)) return { lower: 0, upper: 1 };
  return lower === upper ? { lower: lower - 0.5, upper: upper + 0.5 } : { lower, upper };
}

/** The 1st to 99th percentile of the values; the full range when that span is empty. */
export function autoWindow(values: Float64Array): VoiRange {
  if (values.length === 0) return { lower: 0, upper: 1 };
  const s = sorted(values);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  const lower = at(0.01);
  const upper = at(0.99);
  return upper > lower ? { lower, upper } : fullRange(values);
}

/** Share of the values that fall in the most common of 32 equal display bands under `range`. */
export function modalShare(values: Float64Array, range: VoiRange): number {
  if (values.length === 0) return 1;
  const bins = new Uint32Array(32);
  const span = range.upper - range.lower;
  for (const v of values) {
    const t = span > 0 ? (v - range.lower) / span : v < range.lower ? 0 : 1;
    bins[Math.min(31, Math.max(0, Math.floor(t * 32)))]++;
  }
  return Math.max(...bins) / values.length;
}

/** Nearly uniform: 98 % or more of the image shows as one grey (1/32 of the display range). */
export function isNearlyUniform(values: Float64Array, range: VoiRange): boolean {
  return modalShare(values, range) >= 0.98;
}

/** Share of the display range that the 1st to 99th percentile of the values cover under `range`. */
export function coveredShare(values: Float64Array, range: VoiRange): number {
  const span = range.upper - range.lower;
  if (values.length === 0 || !(span > 0)) return 0;
  const s = sorted(values);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  const clamp = (v: number) => Math.min(range.upper, Math.max(range.lower, v));
  return (clamp(at(0.99)) - clamp(at(0.01))) / span;
}

/** Below this share of the greys, a window shows the picture as a near-uniform smudge. */
export const MIN_COVERED_SHARE = 0.1;

/** The window shows a picture: not nearly one grey, and the bulk of the values spread over a tenth of the greys or more. */
export function showsPicture(values: Float64Array, range: VoiRange): boolean {
  return !isNearlyUniform(values, range) && coveredShare(values, range) >= MIN_COVERED_SHARE;
}

export interface WindowChoice {
  range: VoiRange;
  /** 'header': the header's window (or Cornerstone's default) shows the image; 'auto': the histogram's. */
  source: 'header' | 'auto';
  /** Nearly uniform even over its own full range: the picture is (almost) one grey, whatever the window. */
  uniform: boolean;
}

/** The header window when it shows a picture; otherwise the automatic window. */
export function chooseWindow(values: Float64Array, header: VoiRange | undefined): WindowChoice {
  const uniform = isNearlyUniform(values, fullRange(values));
  if (header && header.upper > header.lower && (uniform || showsPicture(values, header))) return { range: header, source: 'header', uniform };
  return { range: autoWindow(values), source: 'auto', uniform };
}
