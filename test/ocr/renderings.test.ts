// The images OCR reads are made from the stored values, not the display: 16-bit data holding
// 0..255 under a CT window (black on screen) still gives a rendering where text stands out;
// windows that map the values alike are rendered once; colour is read once as luma.

import { describe, expect, it } from 'vitest';
import { renderings } from '../../src/ocr/renderings.ts';

describe('OCR renderings', () => {
  it('shows text a header window hides', () => {
    const w = 64;
    const px = new Uint16Array(w * w);
    for (let i = 0; i < px.length; i++) px[i] = (i * 7) % 120; // anatomy 0..119
    for (let x = 10; x < 30; x++) px[5 * w + x] = 255; // a text stroke at 255
    const r = renderings({ width: w, height: w, components: 1, pixels: px, window: { lower: 864, upper: 1264 } });
    expect(r.map((x) => x.kind)).toEqual(['full', 'display', 'equalized']);
    const display = r.find((x) => x.kind === 'display')!.image;
    expect(display.data[5 * w + 12]).toBe(0);
    expect(display.data[6 * w + 12]).toBe(0);
    const full = r.find((x) => x.kind === 'full')!.image;
    expect(full.data[5 * w + 12]).toBe(255);
    expect(full.data[6 * w + 12]).toBeLessThan(120);
  });

  it('renders alike windows once, colour once', () => {
    const px = new Uint8Array(100).map((_, i) => i * 2);
    expect(renderings({ width: 10, height: 10, components: 1, pixels: px, window: { lower: 0, upper: 198 } }).map((x) => x.kind)).toEqual(['full']);
    expect(renderings({ width: 2, height: 1, components: 3, pixels: [255, 0, 0, 0, 255, 0] }).map((x) => [x.kind, [...x.image.data]])).toEqual([['colour', [76, 150]]]);
  });
});
