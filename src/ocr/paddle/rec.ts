// PP-OCR text recognition (CRNN/SVTR with CTC), the pure parts: the recogniser's input tensor for
// one detected line (the region cut from the greyscale image, resized to 48 px high keeping its
// aspect, (v/255 − 0.5)/0.5, grey copied to three channels) and greedy CTC decoding of its output
// (best class per step, repeats collapsed, blank = class 0, class i = dictionary line i − 1, a
// space after the dictionary) with the mean probability of the kept steps as confidence.

import type { GreyImage } from '../grey-image.ts';
import { sample, type Rect } from './det.ts';

export const REC_HEIGHT = 48;
const MAX_WIDTH = 1600;

export interface RecInput {
  data: Float32Array;
  width: number;
}

export function recInput(g: GreyImage, r: Rect): RecInput {
  const width = Math.min(MAX_WIDTH, Math.max(16, Math.ceil((REC_HEIGHT * r.width) / Math.max(1, r.height))));
  const plane = width * REC_HEIGHT;
  const data = new Float32Array(3 * plane);
  const kx = r.width / width;
  const ky = r.height / REC_HEIGHT;
  for (let y = 0; y < REC_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      const v = (sample(g, r.x + (x + 0.5) * kx, r.y + (y + 0.5) * ky) / 255 - 0.5) / 0.5;
      const i = y * width + x;
      data[i] = v;
      data[plane + i] = v;
      data[2 * plane + i] = v;
    }
  }
  return { data, width };
}

export interface Decoded {
  text: string;
  /** 0..1 */
  confidence: number;
}

/** The dictionary file's lines (one character each), as PP-OCR's rec model was trained with. */
export function parseDictionary(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return [...lines, ' '];
}

/** Greedy CTC over `steps` × `classes` probabilities. */
export function ctcDecode(probs: ArrayLike<number>, steps: number, classes: number, dict: readonly string[]): Decoded {
  let text = '';
  let sum = 0;
  let n = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    let best = 0;
    let bestP = probs[base];
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      text += dict[best - 1] ?? '';
      sum += bestP;
      n++;
    }
    prev = best;
  }
  return { text: text.trim(), confidence: n ? sum / n : 0 };
}
