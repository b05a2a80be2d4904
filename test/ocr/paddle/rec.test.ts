// CTC decoding and the recogniser's input: best class per step, repeats collapsed unless a blank
// separates them, class i = dictionary entry i − 1, a space after the dictionary.

import { describe, expect, it } from 'vitest';
import { ctcDecode, parseDictionary, recInput, REC_HEIGHT } from '../../../src/ocr/paddle/rec.ts';

function steps(classes: number, best: number[], p = 0.9): Float32Array {
  const out = new Float32Array(best.length * classes).fill((1 - p) / (classes - 1));
  best.forEach((c, t) => (out[t * classes + c] = p));
  return out;
}

describe('PP-OCR recognition', () => {
  const dict = parseDictionary('张\n伟\n1\n');
  it('reads the dictionary with a trailing space class', () => {
    expect(dict).toEqual(['张', '伟', '1', ' ']);
  });

  it('collapses repeats and blanks', () => {
    // classes: 0 blank, 1 张, 2 伟, 3 "1", 4 space
    const d = ctcDecode(steps(5, [1, 1, 0, 2, 4, 3, 0, 3, 3]), 9, 5, dict);
    expect(d.text).toBe('张伟 11');
    expect(d.confidence).toBeCloseTo(0.9, 5);
    expect(ctcDecode(steps(5, [0, 0, 0]), 3, 5, dict)).toEqual({ text: '', confidence: 0 });
  });

  it('cuts the line 48 px high keeping its aspect, values in −1..1', () => {
    const g = { width: 100, height: 20, data: new Uint8Array(2000).fill(255) };
    const r = recInput(g, { x: 0, y: 0, width: 100, height: 20 });
    expect(r.width).toBe(240);
    expect(r.data.length).toBe(3 * REC_HEIGHT * 240);
    expect(r.data[0]).toBeCloseTo(1, 5);
  });
});
