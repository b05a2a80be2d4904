// The viewer's side of the OCR assist (src/ocr/frame-source.ts): the decoded pixels of the frame
// on screen with the viewport's VOI range and inversion, and the first frame of each instance of
// the shown series (loaded through Cornerstone's cache, windowed with the image's own VOI or its
// full range).

import { getRenderingEngine, imageLoader, type Types } from '@cornerstonejs/core';
import type { CapturedFrame, FrameSource } from '../ocr/frame-source.ts';
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
  return { width: image.columns, height: image.rows, components, pixels, window: w, invert: invert ?? image.invert };
}

/** `engineId` is read at each capture: the viewer may adopt the warmed-up engine after mounting. */
export function ocrFrameSource(engineId: () => string, stack: () => StackRef): FrameSource {
  const viewport = () => getRenderingEngine(engineId())?.getViewport('main') as Types.IStackViewport | undefined;
  return {
    async current(): Promise<CapturedFrame | null> {
      const vp = viewport();
      const imageId = vp?.getCurrentImageId();
      if (!vp || !imageId) return null;
      const idx = vp.getCurrentImageIdIndex();
      const s = stack();
      const fileId = s.fileOf[idx];
      if (fileId === undefined) return null;
      const image = await imageLoader.loadAndCacheImage(imageId);
      const props = vp.getProperties();
      return { fileId, frame: s.frameOf[idx] ?? 0, pixels: framePixels(image, props.voiRange, props.invert) };
    },
    async *series(): AsyncGenerator<CapturedFrame> {
      const s = stack();
      for (let i = 0; i < s.imageIds.length; i++) {
        if (s.frameOf[i] !== 0) continue;
        const image = await imageLoader.loadAndCacheImage(s.imageIds[i]);
        yield { fileId: s.fileOf[i], frame: 0, pixels: framePixels(image) };
      }
    },
  };
}
