// "Keep only the ultrasound regions": boxes covering everything outside the regions of the
// Sequence of Ultrasound Regions (bounds inclusive), checked pixel by pixel, and the mask
// arithmetic (rect-mask.ts) they rest on, checked against a brute-force painter.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { maskToBoxes, type MaskOp } from '../../../src/core/redaction/rect-mask.ts';
import { keepOnlyUltrasoundRegions, ultrasoundRegions } from '../../../src/core/redaction/ultrasound-regions.ts';
import { makePart10, T, TS, type FxElement } from '../../fixtures/make.ts';
import { makeNativeImage, pixelBytes, type ImageSpec } from '../pixels/image-fixtures.ts';
import { pixelDataOf, redact } from '../pixels/redact-helpers.ts';

const region = (x0: number, y0: number, x1: number, y1: number): FxElement[] => [
  { tag: 0x00186018, vr: 'UL', value: [x0] },
  { tag: 0x0018601a, vr: 'UL', value: [y0] },
  { tag: 0x0018601c, vr: 'UL', value: [x1] },
  { tag: 0x0018601e, vr: 'UL', value: [y1] },
];

function usImage(regions: number[][], ts: string = TS.ExplicitLE, rows = 40, cols = 60): Uint8Array {
  const seq: FxElement = { tag: 0x00186011, vr: 'SQ', value: regions.map((r) => ({ elements: region(r[0], r[1], r[2], r[3]) })) };
  return makePart10([
    { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.6.1' },
    { tag: T.Modality, vr: 'CS', value: 'US' },
    seq,
    { tag: T.Rows, vr: 'US', value: [rows] },
    { tag: T.Columns, vr: 'US', value: [cols] },
  ], { transferSyntax: ts });
}

const covers = (boxes: { x: number; y: number; width: number; height: number }[], x: number, y: number) =>
  boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);

describe('keepOnlyUltrasoundRegions', () => {
  for (const ts of [TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE]) {
    it(`covers exactly the pixels outside the regions (${ts})`, async () => {
      const regions = [[5, 4, 29, 30], [20, 10, 50, 35]]; // overlapping; bounds included
      const file = await readPart10(new MemorySource(usImage(regions, ts)));
      const le = file.encoding.littleEndian;
      expect(ultrasoundRegions(file.dataset, le)).toEqual([{ x0: 5, y0: 4, x1: 30, y1: 31 }, { x0: 20, y0: 10, x1: 51, y1: 36 }]);
      const boxes = keepOnlyUltrasoundRegions(file.dataset, le);
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 60; x++) {
          const inside = regions.some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
          expect(covers(boxes, x, y)).toBe(!inside);
        }
      }
      // Boxes never reach outside the image.
      expect(boxes.every((b) => b.x >= 0 && b.y >= 0 && b.x + b.width <= 60 && b.y + b.height <= 40)).toBe(true);
    });
  }

  it('returns no boxes when there is no usable region', async () => {
    expect(keepOnlyUltrasoundRegions((await readPart10(new MemorySource(usImage([])))).dataset)).toEqual([]);
    expect(keepOnlyUltrasoundRegions((await readPart10(new MemorySource(usImage([[30, 30, 10, 10]])))).dataset)).toEqual([]);
  });

  it('redacts a real image around its region', async () => {
    const s: ImageSpec = {
      rows: 16, cols: 20, bitsAllocated: 8, spp: 3, pi: 'RGB',
      extra: [{ tag: 0x00186011, vr: 'SQ', value: [{ elements: region(3, 2, 14, 11) }] }],
    };
    const bytes = makeNativeImage(s);
    const boxes = keepOnlyUltrasoundRegions((await readPart10(new MemorySource(bytes))).dataset);
    const { file } = await redact(bytes, { redactionBoxes: boxes });
    expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(s, true, boxes)))).toBe(true);
    const px = await pixelDataOf(file);
    const at = (x: number, y: number) => px[(y * 20 + x) * 3];
    expect(at(2, 5)).toBe(0);
    expect(at(3, 2)).toBe(pixelBytes(s, true)[(2 * 20 + 3) * 3]);
    expect(at(15, 11)).toBe(0);
  });
});

describe('rect-mask: painting redact/keep rectangles in order', () => {
  it('agrees with a brute-force painter', () => {
    const op = fc.record({ x0: fc.integer({ min: 0, max: 20 }), y0: fc.integer({ min: 0, max: 20 }), w: fc.integer({ min: 0, max: 12 }), h: fc.integer({ min: 0, max: 12 }), redact: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (raw) => {
        const ops: MaskOp[] = raw.map((o) => ({ rect: { x0: o.x0, y0: o.y0, x1: o.x0 + o.w, y1: o.y0 + o.h }, redact: o.redact }));
        const boxes = maskToBoxes(ops);
        const grid = new Uint8Array(40 * 40);
        for (const o of ops) for (let y = o.rect.y0; y < o.rect.y1; y++) for (let x = o.rect.x0; x < o.rect.x1; x++) grid[y * 40 + x] = o.redact ? 1 : 0;
        let area = 0;
        const painted = new Uint8Array(40 * 40);
        for (const b of boxes) for (let y = b.y; y < b.y + b.height; y++) for (let x = b.x; x < b.x + b.width; x++) painted[y * 40 + x]++;
        expect(Buffer.from(painted).equals(Buffer.from(grid))).toBe(true); // same pixels, each covered once
        for (const b of boxes) area += b.width * b.height;
        expect(area).toBe(grid.reduce((s, v) => s + v, 0)); // disjoint boxes
      }),
      { numRuns: 200 },
    );
  });
});
