// Test helper: text drawn by Skia (@napi-rs/canvas) into a grey image, each piece with its own
// grey level over a ground, and the tight box of each piece's glyph pixels (coverage over 0.2, as
// the OCR bench's truth boxes).

import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { GreyImage } from '../../src/ocr/grey-image.ts';

export const CJK_FONT = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'].find(existsSync);
if (CJK_FONT) GlobalFonts.registerFromPath(CJK_FONT, 'TestCJK');

export interface Glyphs {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The family drawText uses unless told: the CJK test font when there is one. */
const DEFAULT_FAMILY = CJK_FONT ? 'TestCJK' : 'sans-serif';

/** `parts` ([text, x, baseline y, grey level]) in `px`-pixel `family` type over `ground` on a w × h image. */
export function drawText(w: number, h: number, px: number, ground: number, parts: [string, number, number, number][], family = DEFAULT_FAMILY): { g: GreyImage; boxes: Glyphs[] } {
  const data = new Uint8Array(w * h).fill(ground);
  const boxes: Glyphs[] = [];
  for (const [text, x, y, level] of parts) {
    const c = createCanvas(w, h);
    const k = c.getContext('2d');
    k.fillStyle = '#000';
    k.fillRect(0, 0, w, h);
    k.fillStyle = '#fff';
    k.font = `${px}px ${family}`;
    k.fillText(text, x, y);
    const rgba = k.getImageData(0, 0, w, h).data;
    const b = { x0: w, y0: h, x1: -1, y1: -1 };
    for (let i = 0; i < data.length; i++) {
      const a = rgba[i * 4] / 255;
      if (a <= 0) continue;
      data[i] = Math.round(data[i] * (1 - a) + level * a);
      if (a > 0.2) {
        const px0 = i % w;
        const py = (i - px0) / w;
        b.x0 = Math.min(b.x0, px0);
        b.x1 = Math.max(b.x1, px0 + 1);
        b.y0 = Math.min(b.y0, py);
        b.y1 = Math.max(b.y1, py + 1);
      }
    }
    boxes.push(b);
  }
  return { g: { width: w, height: h, data }, boxes };
}

/** The advance width of `text` in `px`-pixel type, as drawText sets it. */
export function textWidth(text: string, px: number): number {
  const k = createCanvas(8, 8).getContext('2d');
  k.font = `${px}px ${DEFAULT_FAMILY}`;
  return k.measureText(text).width;
}
