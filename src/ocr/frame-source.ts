// What the OCR assist asks of the viewer: the pixels of the frame on screen (with the window
// the operator set), or of the first frame of every instance in the series on screen. The viewer
// (src/viewer/ocr-capture.ts) provides it; the state (src/state/ocr-suggestions.ts) uses it.

import type { FramePixels } from './grey-image.ts';

export interface CapturedFrame {
  fileId: number;
  /** 0-based. */
  frame: number;
  pixels: FramePixels;
}

export interface FrameSource {
  current(): Promise<CapturedFrame | null>;
  series(): AsyncGenerator<CapturedFrame>;
}
