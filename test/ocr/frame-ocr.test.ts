// The shipped engine on real pixels: the sample ultrasound's name line; a Chinese name and a
// resident ID burned into 16-bit data under a CT window that shows them black (found through
// the full-range and equalised renderings, not the display); and a faint label the display
// window hides. Glyphs come from Skia (@napi-rs/canvas) with a CJK system font.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { ocrFrame } from '../../src/ocr/frame-ocr.ts';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { nodePaddle } from './node-paddle.ts';

const US = fileURLToPath(new URL('../../public/samples/us-1.dcm', import.meta.url));
const CJK = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'].find(existsSync);

/** Coverage 0..1 of `lines` drawn at (x, y) with `px` pixels per em on a w × h canvas. */
function glyphs(w: number, h: number, px: number, lines: [string, number, number][]): Float32Array {
  GlobalFonts.registerFromPath(CJK!, 'TestCJK');
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#fff';
  g.font = `${px}px TestCJK`;
  for (const [t, x, y] of lines) g.fillText(t, x, y);
  const rgba = g.getImageData(0, 0, w, h).data;
  return Float32Array.from({ length: w * h }, (_, i) => rgba[i * 4] / 255);
}

const covers = (b: { x: number; y: number; width: number; height: number }, x0: number, y0: number, x1: number, y1: number) =>
  b.x <= x0 && b.y <= y0 && b.x + b.width >= x1 && b.y + b.height >= y1;

describe('OCR of a frame from its own pixels', () => {
  it('proposes the sample ultrasound name line with its text', async () => {
    const { pixels } = await nativePixels(new Uint8Array(readFileSync(US)));
    const props = await ocrFrame(await nodePaddle(), { width: 320, height: 240, components: 3, pixels });
    // The name, ID and date line at (4, 4), 7 px high, ~230 px long: one proposal, read.
    const line = props.find((p) => covers(p, 4, 4, 230, 11));
    expect(line, JSON.stringify(props)).toBeDefined();
    expect(line!.text).toMatch(/ZHANG/);
  }, 120_000);

  it.skipIf(!CJK)('finds a Chinese name and an ID burned into 16-bit data under a CT window that hides them', async () => {
    const w = 256;
    const cover = glyphs(w, w, 14, [['张伟', 8, 20], ['110105194912310021', 8, 44]]);
    const px = new Uint16Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) px[y * w + x] = Math.round(60 + 40 * Math.sin(x / 9) * Math.cos(y / 13) ** 2 + Math.max(0, 80 - Math.hypot(x - 150, y - 150)));
    for (let i = 0; i < px.length; i++) px[i] = Math.round(px[i] * (1 - cover[i]) + 255 * cover[i]);
    // Stored 0..255, window centre 1064 width 400 (a CT window in stored values): all black.
    const props = await ocrFrame(await nodePaddle(), { width: w, height: w, components: 1, pixels: px, window: { lower: 864, upper: 1264 } });
    const name = props.find((p) => p.text.includes('张伟'));
    expect(name, JSON.stringify(props)).toBeDefined();
    expect(covers(name!, 8, 8, 36, 22)).toBe(true);
    expect(props.some((p) => p.text.includes('110105194912310021') && covers(p, 8, 32, 130, 46)), JSON.stringify(props)).toBe(true);
  }, 120_000);
});
