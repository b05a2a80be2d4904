// A small native PALETTE COLOR image with caller-given palette elements, for palette-redaction.test.ts.
// Pixel values run from 1 to 24 so that no pixel outside the box holds the fill by chance.

import { makePart10, T, TS, type FxElement } from '../../fixtures/make.ts';
import { imageElements } from './image-fixtures.ts';

export const sampleValue = (r: number, c: number): number => ((r * 5 + c * 3) % 24) + 1;

export function makeNativeImage(rows: number, cols: number, bitsAllocated: 8 | 16, lut: FxElement[]): Uint8Array {
  const bps = bitsAllocated / 8;
  const px = new Uint8Array(rows * cols * bps);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) px[(r * cols + c) * bps] = sampleValue(r, c);
  const els = imageElements({ rows, cols, bitsAllocated, bitsStored: bitsAllocated, pi: 'PALETTE COLOR' }, { tag: T.PixelData, vr: bitsAllocated === 8 ? 'OB' : 'OW', value: px })
    .filter((e) => !(e.tag >= 0x00281100 && e.tag <= 0x00281300));
  return makePart10([...els, ...lut].sort((a, b) => a.tag - b.tag), { transferSyntax: TS.ExplicitLE });
}
