// DB post-processing on hand-made probability maps: regions above the threshold become boxes in
// image pixels (grown back by the unclip margin, clamped), faint or tiny regions are dropped.

import { describe, expect, it } from 'vitest';
import { detBoxes, detInput, detSize } from '../../../src/ocr/paddle/det.ts';

function map(w: number, h: number, rects: [number, number, number, number, number][]): Float32Array {
  const p = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, v] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p[y * w + x] = v;
  return p;
}

describe('PP-OCR detection post-processing', () => {
  it('sizes the input to multiples of 32, enlarging small frames and reducing large ones', () => {
    expect(detSize(512, 512)).toEqual({ width: 512, height: 512 });
    expect(detSize(320, 240)).toEqual({ width: 512, height: 384 });
    expect(detSize(2048, 1024)).toEqual({ width: 1024, height: 512 });
  });

  it('normalises grey into three identical ImageNet-normalised planes', () => {
    const inp = detInput({ width: 32, height: 32, data: new Uint8Array(32 * 32).fill(255) }, { width: 32, height: 32 });
    expect(inp.data[0]).toBeCloseTo((1 - 0.485) / 0.229, 4);
    expect(inp.data[32 * 32]).toBeCloseTo((1 - 0.456) / 0.224, 4);
    expect(inp.sx).toBe(1);
  });

  it('turns each confident region into an unclipped box in image pixels', () => {
    // Detector input 64 × 32 for a 128 × 64 image (sx = sy = 0.5).
    const prob = map(64, 32, [[10, 4, 30, 8, 0.9], [40, 20, 60, 26, 0.35], [2, 28, 3, 30, 0.99]]);
    const boxes = detBoxes(prob, { width: 64, height: 32, sx: 0.5, sy: 0.5 }, 128, 64, { unclip: 1.2 });
    // 20 × 4 region: d = 20·4·1.2 / (2·24) = 2; [8, 2)..(32, 10) in detector pixels, ×2 in the image.
    expect(boxes).toEqual([expect.objectContaining({ x: 16, y: 4, width: 48, height: 16 })]);
    expect(boxes[0].score).toBeCloseTo(0.9, 5);
    // The faint region passes a lower box threshold.
    expect(detBoxes(prob, { width: 64, height: 32, sx: 0.5, sy: 0.5 }, 128, 64, { boxThreshold: 0.3 })).toHaveLength(2);
  });

  it('clamps boxes to the image', () => {
    const prob = map(32, 32, [[0, 0, 10, 5, 0.95]]);
    const [b] = detBoxes(prob, { width: 32, height: 32, sx: 1, sy: 1 }, 32, 32);
    expect(b.x).toBe(0);
    expect(b.y).toBe(0);
  });
});
