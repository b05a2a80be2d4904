// Where teaching slides come from: the stack the viewer shows (registered by StackViewer), the
// window/level and inversion it currently uses, and each image's pixels from Cornerstone's
// image cache (loaded through the same loader when not cached yet). No canvas screenshot: the
// slide is rendered at the image's own size, without zoom, pan or overlays.

import { getRenderingEngines, imageLoader, type Types } from '@cornerstonejs/core';
import type { SlideSource, SlideView } from '../app/slide-pixels.ts';

interface ShownStack {
  element: HTMLElement;
  imageIds: string[];
  fileOf: number[];
  frameOf: number[];
}

let shown: ShownStack | null = null;

/** Called by StackViewer whenever it shows a new stack. */
export function registerShownStack(s: ShownStack | null): void {
  shown = s;
}

export interface SlideImage extends SlideSource {
  fileId: number;
  frame: number;
}

function mainViewport(): Types.IStackViewport | null {
  if (!shown) return null;
  for (const engine of getRenderingEngines() ?? []) {
    const vp = engine.getViewports().find((v) => v.element === shown!.element);
    if (vp) return vp as Types.IStackViewport;
  }
  return null;
}

function sourceOf(image: Types.IImage): SlideSource {
  const components = image.color ? (image.rgba ? 4 : 3) : 1;
  return {
    width: image.columns,
    height: image.rows,
    data: image.getPixelData(),
    components,
    slope: image.slope,
    intercept: image.intercept,
    scaled: Boolean(image.preScale?.scaled),
  };
}

/** The window/level and inversion the viewer uses now. */
export function currentView(): SlideView | null {
  const vp = mainViewport();
  const p = vp?.getProperties();
  if (!vp || !p?.voiRange) return null;
  return { lower: p.voiRange.lower, upper: p.voiRange.upper, invert: Boolean(p.invert) };
}

/** The shown image, or every image of the shown stack (`all`), in stack order. */
export async function slideImages(all: boolean): Promise<SlideImage[]> {
  const vp = mainViewport();
  if (!vp || !shown) return [];
  const current = vp.getCurrentImageIdIndex();
  const indices = all ? shown.imageIds.map((_, i) => i) : [current];
  const out: SlideImage[] = [];
  for (const i of indices) {
    const id = shown.imageIds[i]!;
    const image = i === current ? vp.getCornerstoneImage() : await imageLoader.loadAndCacheImage(id);
    out.push({ ...sourceOf(image), fileId: shown.fileOf[i]!, frame: shown.frameOf[i] ?? 0 });
  }
  return out;
}
