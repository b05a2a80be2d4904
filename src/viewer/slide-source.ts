// Where teaching slides come from: the stack the viewer shows (registered by StackViewer), the
// window/level and inversion it currently uses, and each image's pixels from Cornerstone's
// image cache (loaded through the same loader when not cached yet). No canvas screenshot: the
// slide is rendered at the image's own size, without zoom, pan or overlays. Ticked images
// (slidesOf) that the viewer does not show are loaded from their viewing copy and rendered at
// the window/level the viewer would open them with (defaultView); the shown series keeps the
// viewer's current window/level.

import { getRenderingEngines, imageLoader, type Types } from '@cornerstonejs/core';
import { defaultView, type SlideSource, type SlideView } from '../slides/slide-pixels.ts';
import { baseImageId } from './cornerstone.ts';

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

/** A slide's pixels with the window/level to render them through. */
export interface ViewedSlideImage extends SlideImage {
  view: SlideView;
}

/** A ticked image: its file id and how to get its viewing copy when the viewer does not show it. */
export interface WantedImage {
  fileId: number;
  blob: () => Promise<Blob>;
}

function ownView(image: Types.IImage): SlideView {
  return defaultView({
    windowCenter: image.windowCenter, windowWidth: image.windowWidth, min: image.minPixelValue, max: image.maxPixelValue,
    slope: image.slope, intercept: image.intercept, scaled: Boolean(image.preScale?.scaled), color: image.color,
    monochrome1: (image.photometricInterpretation ?? '').trim().toUpperCase() === 'MONOCHROME1',
  });
}

/**
 * One slide per wanted image, in the given order. An image of the shown stack uses the viewer's
 * current window/level (and, for the shown image, the shown frame; else its first frame); any
 * other image is loaded through the same loader and shown at its own default window/level.
 */
export async function slidesOf(wanted: readonly WantedImage[]): Promise<ViewedSlideImage[]> {
  const vp = mainViewport();
  const view = currentView();
  const current = vp ? vp.getCurrentImageIdIndex() : -1;
  const out: ViewedSlideImage[] = [];
  for (const w of wanted) {
    const inStack = vp && shown && view ? (shown.fileOf[current] === w.fileId ? current : shown.fileOf.indexOf(w.fileId)) : -1;
    if (inStack >= 0 && vp && shown && view) {
      const image = inStack === current ? vp.getCornerstoneImage() : await imageLoader.loadAndCacheImage(shown.imageIds[inStack]!);
      out.push({ ...sourceOf(image), fileId: w.fileId, frame: shown.frameOf[inStack] ?? 0, view });
      continue;
    }
    const image = await imageLoader.loadAndCacheImage(baseImageId(await w.blob()));
    out.push({ ...sourceOf(image), fileId: w.fileId, frame: 0, view: ownView(image) });
  }
  return out;
}
