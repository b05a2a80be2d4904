import { describe, expect, it } from 'vitest';
import { proposeBoxes, type OcrWord } from '../../src/ocr/text-proposals.ts';
import { lightBackground, ocrInput, ocrScale, toGrey, toPgm, upscale } from '../../src/ocr/grey-image.ts';

const w = (text: string, confidence: number, x0: number, y0: number, x1: number, y1: number): OcrWord => ({ text, confidence, bbox: { x0, y0, x1, y1 } });

describe('proposeBoxes', () => {
  it('maps back from the enlarged image, pads and clamps to the image', () => {
    // ×3 image: (30, 30)-(90, 51) → image (10, 10)-(30, 17), padded 3 → (7, 7, 26, 13).
    expect(proposeBoxes([w('ZHANG', 90, 30, 30, 90, 51)], { scale: 3, columns: 100, rows: 50 })).toEqual([{ x: 7, y: 7, width: 26, height: 13, text: 'ZHANG', confidence: 90 }]);
    // Near the corner: clamped at 0 and at the image size.
    expect(proposeBoxes([w('ID', 90, 0, 0, 12, 21)], { scale: 3, columns: 5, rows: 6 })[0]).toMatchObject({ x: 0, y: 0, width: 5, height: 6 });
  });

  it('covers every touched pixel (floor/ceil) of fractional word boxes', () => {
    const [b] = proposeBoxes([w('WORD', 90, 31, 32, 62, 53)], { scale: 3, columns: 100, rows: 100, pad: 0 });
    expect(b).toMatchObject({ x: 10, y: 10, width: 11, height: 8 });
  });

  it('joins words of one line that sit close, keeps far or other lines apart', () => {
    const boxes = proposeBoxes([
      w('ZHANG', 93, 11, 11, 100, 34), w('WEI', 90, 119, 11, 169, 34), w('11010519491231002X', 38, 190, 11, 500, 34),
      w('FAR', 90, 600, 11, 660, 34), w('DEMO', 88, 11, 677, 82, 700),
    ], { scale: 3, columns: 320, rows: 240 });
    expect(boxes.map((b) => b.text)).toEqual(['ZHANG WEI 11010519491231002X', 'FAR', 'DEMO']);
    expect(boxes[0].confidence).toBe(38);
  });

  it('drops what does not look like text: no letter or digit, short low-confidence reads', () => {
    const boxes = proposeBoxes([
      w('---', 95, 0, 0, 30, 30), w('Pi', 34, 50, 50, 80, 80), w('x', 60, 100, 100, 120, 130), w('Tg', 16, 200, 200, 230, 230),
      w('2024-03-06', 30, 300, 0, 480, 23),
    ], { scale: 1, columns: 600, rows: 400 });
    expect(boxes.map((b) => b.text)).toEqual(['2024-03-06']);
  });
});

describe('OCR input image', () => {
  it('windows greyscale, takes RGB luma and inverts MONOCHROME1', () => {
    expect([...toGrey({ width: 3, height: 1, components: 1, pixels: [0, 25, 200], window: { lower: 0, upper: 100 } }).data]).toEqual([0, 64, 255]);
    expect([...toGrey({ width: 2, height: 1, components: 3, pixels: [255, 255, 255, 255, 0, 0] }).data]).toEqual([255, 76]);
    expect([...toGrey({ width: 2, height: 1, components: 1, pixels: [0, 10], invert: true }).data]).toEqual([255, 0]);
    // No window: the full range.
    expect([...toGrey({ width: 2, height: 1, components: 1, pixels: [-100, 300] }).data]).toEqual([0, 255]);
  });

  it('turns light-on-dark into dark-on-light, enlarges, and writes a PGM', () => {
    const dark = { width: 2, height: 1, data: new Uint8Array([0, 250]) };
    expect([...lightBackground(dark).data]).toEqual([255, 5]);
    expect([...lightBackground({ ...dark, data: new Uint8Array([255, 10]) }).data]).toEqual([255, 10]);
    const up = upscale({ width: 2, height: 1, data: new Uint8Array([0, 90]) }, 3);
    expect(up.width).toBe(6);
    expect(up.height).toBe(3);
    expect(up.data[0]).toBe(0);
    expect(up.data[5]).toBe(90);
    const pgm = toPgm({ width: 2, height: 1, data: new Uint8Array([7, 9]) });
    expect(new TextDecoder().decode(pgm.subarray(0, 11))).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([7, 9]);
    expect(ocrScale(320, 240)).toBe(3);
    expect(ocrScale(1024, 768)).toBe(2);
    expect(ocrScale(3000, 2000)).toBe(1);
    expect(ocrInput({ width: 320, height: 240, components: 1, pixels: new Uint8Array(320 * 240) }).scale).toBe(3);
  });
});
