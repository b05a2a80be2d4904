// Merging detector regions into lines: one line found in several renderings, or in pieces, is one
// box; a region over twice as tall as another does not join its line. The chain case is the
// detector's real output on a 256 × 256 brain MR with two corner blocks of faint 8 px lines whose
// rows interleave (the OCR bench's seed 14), where one tall region over the anatomy between the
// blocks once merged all six lines into one box that read as nothing. And the rule that drops a
// region a fifth of the frame tall read with low confidence.

import { describe, expect, it } from 'vitest';
import { implausiblyTall } from '../../src/ocr/frame-ocr.ts';
import { mergeRegions } from '../../src/ocr/region-merge.ts';

type R = { x: number; y: number; width: number; height: number; score: number; from: number };
const region = ([x, y, width, height, from, score]: number[]): R => ({ x, y, width, height, from, score });

describe('merging detector regions into lines', () => {
  it('joins one line found in two renderings, and the pieces of a line side by side', () => {
    const out = mergeRegions([region([10, 10, 100, 14, 0, 0.99]), region([12, 11, 98, 13, 1, 0.97]), region([118, 10, 60, 14, 0, 0.95]), region([10, 40, 80, 14, 0, 0.98])]);
    expect(out.map(({ x, y, width, height }) => [x, y, width, height])).toEqual([[10, 10, 168, 14], [10, 40, 80, 14]]);
    // The highest-scoring region's rendering is kept.
    expect(out[0].from).toBe(0);
  });

  it('keeps interleaved lines of two blocks apart when a tall region lies between them', () => {
    // [x, y, width, height, rendering, score] as PP-OCRv4 found them; [137, 9, 37, 55] is the tall one.
    const found = [[16, 31, 49, 11, 1, 0.99], [16, 18, 31, 9, 0, 0.99], [185, 12, 60, 10, 0, 0.98], [16, 31, 69, 11, 0, 0.98], [16, 45, 34, 11, 0, 0.98], [54, 17, 41, 11, 0, 0.98], [210, 11, 35, 11, 1, 0.97], [173, 25, 70, 13, 0, 0.97], [16, 17, 31, 11, 1, 0.97], [54, 18, 17, 9, 1, 0.97], [183, 39, 38, 12, 0, 0.96], [159, 14, 31, 9, 0, 0.95], [201, 41, 17, 9, 1, 0.94], [195, 24, 48, 12, 1, 0.94], [16, 45, 32, 11, 1, 0.94], [48, 46, 38, 9, 0, 0.93], [109, 18, 13, 10, 0, 0.92], [137, 9, 37, 55, 0, 0.9], [49, 48, 6, 5, 1, 0.71], [103, 35, 6, 4, 0, 0.65]].map(region);
    const out = mergeRegions(found);
    const lines = out.filter((b) => b.height < 30);
    // Left block: name (y 17), ID (y 31), MRN (y 45); right block: exam (y 12), date (y 25), hospital (y 39).
    for (const [x, y] of [[16, 18], [16, 32], [16, 46], [186, 13], [196, 26], [184, 40]]) {
      expect(lines.some((b) => b.x <= x && b.y <= y && b.x + b.width > x && b.y + b.height > y), `line at ${x},${y}: ${JSON.stringify(out)}`).toBe(true);
    }
    for (const b of lines) expect(b.height).toBeLessThanOrEqual(16);
    // The tall region stays a box of its own (read and judged on its own later).
    expect(out.some((b) => b.height === 55 && b.width === 37)).toBe(true);
  });
});

describe('regions too tall to be a burned-in line', () => {
  it('drops a region a fifth of the frame tall read with low confidence, and keeps a sure or a line-sized one', () => {
    expect(implausiblyTall({ x: 132, y: 204, width: 294, height: 204 }, 512, 52)).toBe(true);
    expect(implausiblyTall({ x: 132, y: 204, width: 294, height: 204 }, 512, 95)).toBe(false);
    expect(implausiblyTall({ x: 10, y: 10, width: 300, height: 40 }, 512, 52)).toBe(false);
  });
});
