// A cheap fingerprint of a frame's pixels (FNV-1a over at most 65,536 samples, with the frame's
// size and sample count): the OCR assist reads identical frames once (src/state/ocr-suggestions.ts).
// Pure.

import type { FramePixels } from './grey-image.ts';

export function frameFingerprint(f: FramePixels): string {
  let h = 0x811c9dc5;
  const n = f.pixels.length;
  const step = Math.max(1, Math.floor(n / 65536));
  for (let i = 0; i < n; i += step) h = Math.imul(h ^ (Math.round(f.pixels[i] * 16) | 0), 0x01000193);
  return `${f.width}x${f.height}x${f.components}:${n}:${h >>> 0}`;
}
