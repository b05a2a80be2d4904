// The viewer's window on a Cornerstone image: reads the stored values (after the Modality LUT,
// PS3.3 C.11.1) and the header window (PS3.3 C.11.2.1.2) of the shown image and picks the VOI
// range for the chosen mode with the pure arithmetic of window-level.ts. Colour images have no
// window.

import type { Types } from '@cornerstonejs/core';
import type { ViewerText } from './load-failure.ts';
import { autoWindow, chooseWindow, CT_PRESETS, fullRange, isNearlyUniform, rangeFromWindow, sampleValues, windowFromRange, type VoiRange, type WindowPreset } from './window-level.ts';

/** 'default': the header window unless it shows a nearly uniform picture (then 'auto'); 'user': dragged. */
export type WindowMode = 'default' | 'auto' | 'full' | WindowPreset | 'user';

export const WINDOW_MODES: readonly WindowMode[] = ['default', 'auto', 'full', 'brain', 'lung', 'bone', 'abdomen'];

export interface AppliedWindow {
  range: VoiRange;
  /** What decided the range: the header, the histogram, the full range, a preset, or the user. */
  source: 'header' | 'auto' | 'full' | WindowPreset | 'user';
  /** The picture is (almost) one grey under this range. */
  flat: boolean;
  /** The image itself is (almost) one grey over its full range. */
  uniform: boolean;
}

const first = (v: number | number[] | undefined): number | undefined => (Array.isArray(v) ? v[0] : v);

/** The stored values after the Modality LUT (Cornerstone may have rescaled them already); null for colour. */
export function imageValues(image: Types.IImage): Float64Array | null {
  if (image.color || image.rgba || image.numberOfComponents > 1) return null;
  const scaled = image.preScale?.scaled === true;
  return sampleValues(image.getPixelData(), scaled ? 1 : (image.slope ?? 1), scaled ? 0 : (image.intercept ?? 0));
}

export function headerRange(image: Types.IImage): VoiRange | undefined {
  const center = first(image.windowCenter);
  const width = first(image.windowWidth);
  return center !== undefined && width !== undefined && Number.isFinite(center) && width > 0 ? rangeFromWindow(width, center) : undefined;
}

/** The range `mode` gives this image; `current` is the viewport's range (kept for 'user'). */
export function windowFor(image: Types.IImage, mode: WindowMode, current: VoiRange | undefined): AppliedWindow | null {
  const values = imageValues(image);
  if (!values) return null;
  const uniform = isNearlyUniform(values, fullRange(values));
  const keep = (range: VoiRange, source: AppliedWindow['source']): AppliedWindow => ({ range, source, uniform, flat: isNearlyUniform(values, range) });
  switch (mode) {
    case 'default': {
      const c = chooseWindow(values, headerRange(image));
      return keep(c.range, c.source);
    }
    case 'auto':
      return keep(autoWindow(values), 'auto');
    case 'full':
      return keep(fullRange(values), 'full');
    case 'user':
      return current ? keep(current, 'user') : keep(autoWindow(values), 'auto');
    default: {
      const p = CT_PRESETS[mode];
      return keep(rangeFromWindow(p.width, p.center), mode);
    }
  }
}

/** The image is not (almost) one colour: every sample of every component, over its full range. */
export function imageHasContent(image: Types.IImage): boolean {
  const values = sampleValues(image.getPixelData());
  return !isNearlyUniform(values, fullRange(values));
}

export interface WindowOutcome {
  /** Width, centre and what decided them; null for colour. */
  readout: { width: number; center: number; source: AppliedWindow['source'] } | null;
  /** Said over the image when it shows (almost) one grey. */
  notice: ViewerText | null;
  /** The image has content, so a blank drawing means the renderer failed. */
  notBlank: boolean;
}

/** Give the viewport's image the window of `mode` (through `set`, so the caller can tell its own VOI changes apart). */
export function applyWindowTo(vp: Types.IStackViewport, mode: WindowMode, set: (range: VoiRange) => void): WindowOutcome {
  let image: Types.IImage | undefined;
  try {
    image = vp.getCornerstoneImage();
  } catch {
    image = undefined;
  }
  const w = image ? windowFor(image, mode, vp.getProperties().voiRange) : null;
  if (!w) return { readout: null, notice: null, notBlank: image ? imageHasContent(image) : false };
  set(w.range);
  return {
    readout: { ...windowFromRange(w.range), source: w.source },
    notice: w.uniform ? { key: 'viewer.notice.uniform' } : w.flat ? { key: 'viewer.notice.flat' } : null,
    notBlank: !w.uniform && !w.flat,
  };
}
