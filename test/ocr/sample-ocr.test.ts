// OCR on real bytes: the sample ultrasound's burned-in name and ID line are found by the app's
// OCR input + tesseract + box proposals, and the proposals cover that text.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { readFrame, stopNodeOcr } from './node-ocr.ts';

const US = fileURLToPath(new URL('../../public/samples/us-1.dcm', import.meta.url));

describe('OCR on the sample ultrasound', () => {
  afterAll(stopNodeOcr);

  it('proposes a box over the burned-in name line', async () => {
    const { pixels } = await nativePixels(new Uint8Array(readFileSync(US)));
    const { words, boxes } = await readFrame({ width: 320, height: 240, components: 3, pixels });
    expect(words.map((w) => w.text).join(' ')).toMatch(/ZHANG|WEI/);
    // The name, ID and date line is drawn at (4, 4), 7 px high and ~230 px long: one proposal covers it all.
    expect(boxes.some((b) => b.x <= 4 && b.y <= 4 && b.y + b.height >= 11 && b.x + b.width >= 230), JSON.stringify(boxes)).toBe(true);
  }, 60_000);
});
