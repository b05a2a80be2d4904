// The viewer's side of the OCR assist (src/ocr/frame-source.ts): the decoded pixels of every frame
// of the image on screen (the shown frame with the viewport's VOI range and inversion, the others
// with the image's own VOI) or of every frame of the shown series, loaded through Cornerstone's
// cache; never an image whose decoding was refused (a pixel bomb). OCR renders its own windows from these pixels (src/ocr/renderings.ts).

import { getRenderingEngine, imageLoader, type Types } from '@cornerstonejs/core';
import type { CapturedFrame, FrameSource, OcrScope } from '../ocr/frame-source.ts';
import type { FramePixels } from '../ocr/grey-image.ts';

export interface StackRef {
  imageIds: string[];
  fileOf: number[];
  frameOf: number[];
}

function framePixels(image: Types.IImage, window?: { lower: number; upper: number }, invert?: boolean): FramePixels {
  const pixels = image.getPixelData();
  const n = image.columns * image.rows;
  const components = image.color ? Math.max(3, Math.round(pixels.length / n)) : 1;
  let w = window;
  if (!w && !image.color) {
    const wc = Array.isArray(image.windowCenter) ? image.windowCenter[0] : image.windowCenter;
    const ww = Array.isArray(image.windowWidth) ? image.windowWidth[0] : image.windowWidth;
    if (typeof wc === 'number' && typeof ww === 'number' && ww > 0) w = { lower: wc - ww / 2, upper: wc + ww / 2 };
  }
  // The window is in modality values (PS3.3 C.11.1); pixels not pre-scaled by the loader are stored values.
  const slope = image.slope || 1;
  const intercept = image.intercept || 0;
  if (w && !image.preScale?.scaled && (slope !== 1 || intercept !== 0)) {
    const a = (w.lower - intercept) / slope;
    const b = (w.upper - intercept) / slope;
    w = { lower: Math.min(a, b), upper: Math.max(a, b) };
  }
  return { width: image.columns, height: image.rows, components, pixels, window: w, invert: invert ?? image.invert };
}

/**
 * `engineId` is read at each capture: the viewer may adopt the warmed-up engine after mounting.
 * `refused(fileId)`: the image's decoding was refused (InstanceInfo.decodeRefusal, a frame over the
 * memory budget or a pixel bomb, src/core/pixels/frame-bounds.ts); its frames are never decoded for OCR.
 */
export function ocrFrameSource(engineId: () => string, stack: () => StackRef, refused: (fileId: number) => boolean): FrameSource {
  const viewport = () => getRenderingEngine(engineId())?.getViewport('main') as Types.IStackViewport | undefined;
  /** Stack indexes of the scope: every frame of the shown image (shown frame first), or of the series. */
  const indexes = (scope: OcrScope): number[] => {
    const s = stack();
    const all = s.imageIds.map((_, i) => i).filter((i) => s.fileOf[i] !== undefined && !refused(s.fileOf[i]));
    if (scope === 'series') return all;
    const vp = viewport();
    const shown = vp?.getCurrentImageId() ? vp.getCurrentImageIdIndex() : -1;
    const fileId = s.fileOf[shown];
    if (fileId === undefined || refused(fileId)) return [];
    return [shown, ...all.filter((i) => i !== shown && s.fileOf[i] === fileId)];
  };
  return {
    count: (scope) => indexes(scope).length,
    files: (scope) => {
      const s = stack();
      return [...new Set(indexes(scope).map((i) => s.fileOf[i]))];
    },
    async *frames(scope: OcrScope): AsyncGenerator<CapturedFrame> {
      const s = stack();
      const vp = viewport();
      const shown = vp?.getCurrentImageId() ? vp.getCurrentImageIdIndex() : -1;
      for (const i of indexes(scope)) {
        const fileId = s.fileOf[i];
        if (fileId === undefined || refused(fileId)) continue;
        const image = await imageLoader.loadAndCacheImage(s.imageIds[i]);
        const props = i === shown && vp ? vp.getProperties() : undefined;
        yield { fileId, frame: s.frameOf[i] ?? 0, pixels: framePixels(image, props?.voiRange, props?.invert) };
      }
    },
  };
}
