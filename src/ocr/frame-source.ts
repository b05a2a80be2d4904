// What the OCR assist asks of the viewer: the decoded pixels of the frames of the image on
// screen (the shown one with the window the operator set), or of every frame of every instance in
// the series on screen. The viewer (src/viewer/ocr-capture.ts) provides it; the state
// (src/state/ocr-suggestions.ts) uses it. OCR renders its own images from these pixels.

import type { FramePixels } from './grey-image.ts';

export interface CapturedFrame {
  fileId: number;
  /** 0-based. */
  frame: number;
  pixels: FramePixels;
}

export type OcrScope = 'image' | 'series';

export interface FrameSource {
  /** The frames of the scope, the shown frame first for 'image'. */
  frames(scope: OcrScope): AsyncGenerator<CapturedFrame>;
  /** How many frames `frames(scope)` gives. */
  count(scope: OcrScope): number;
  /** The files whose frames `frames(scope)` gives, known without decoding any. */
  files(scope: OcrScope): number[];
}
