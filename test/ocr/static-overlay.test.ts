// The detector without OCR on synthetic series: a label drawn identically on every frame over
// changing anatomy is proposed; the constant background, the changing anatomy, a field-of-view
// ring too large to be text, and a series whose frames are all the same propose nothing.

import { describe, expect, it } from 'vitest';
import type { FramePixels } from '../../src/ocr/grey-image.ts';
import { StaticOverlay } from '../../src/ocr/static-overlay.ts';

const W = 128;

function frame(t: number, label: boolean): FramePixels {
  const px = new Uint16Array(W * W);
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      const r = Math.hypot(x - 64, y - 70);
      // Anatomy inside a fixed ring: changes with t; outside the ring a constant 0.
      px[y * W + x] = r < 50 ? 300 + Math.round(200 * Math.sin((x + 3 * t) / 7) * Math.cos((y - 2 * t) / 5)) + 300 : r < 52 ? 1000 : 0;
    }
  }
  if (label) for (let x = 6; x < 40; x++) for (let y = 4; y < 11; y++) if ((x + y) % 3 === 0 || x % 5 === 0) px[y * W + x] = 4095; // "text" strokes
  return { width: W, height: W, components: 1, pixels: px };
}

describe('static overlays', () => {
  it('proposes the label that stays while the anatomy changes', () => {
    const s = new StaticOverlay(frame(0, true));
    for (let t = 1; t < 6; t++) s.add(frame(t, true));
    const boxes = s.boxes();
    expect(boxes).toHaveLength(1);
    const [b] = boxes;
    expect(b.x).toBeLessThanOrEqual(6);
    expect(b.y).toBeLessThanOrEqual(4);
    expect(b.x + b.width).toBeGreaterThanOrEqual(40);
    expect(b.y + b.height).toBeGreaterThanOrEqual(11);
    expect(b.height).toBeLessThan(14);
  });

  it('proposes nothing without a label, for identical frames, or for one frame', () => {
    const s = new StaticOverlay(frame(0, false));
    for (let t = 1; t < 6; t++) s.add(frame(t, false));
    expect(s.boxes()).toEqual([]);
    const same = new StaticOverlay(frame(0, true));
    same.add(frame(0, true));
    expect(same.boxes()).toEqual([]);
    expect(new StaticOverlay(frame(0, true)).boxes()).toEqual([]);
  });

  it('refuses a frame of another size', () => {
    const s = new StaticOverlay(frame(0, true));
    expect(s.fits({ width: 64, height: 64, components: 1, pixels: new Uint16Array(64 * 64) })).toBe(false);
    expect(() => s.add({ width: 64, height: 64, components: 1, pixels: new Uint16Array(64 * 64) })).toThrow(/size/);
  });
});
