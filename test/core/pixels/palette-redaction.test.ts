// PALETTE COLOR redaction fills the box with the stored value whose palette entry is darkest
// (PS3.3 C.7.6.3.1.5/6): 8-bit entries stored one per byte (as highdicom writes label maps),
// 16-bit entries in words, and segmented tables (C.7.9.2) expanded first. The darkest entry
// here is never entry 0, so a fill of 0 or of a misread table shows.

import { describe, expect, it } from 'vitest';
import { expandSegmented } from '../../../src/core/pixels/palette-lut.ts';
import type { FxElement } from '../../fixtures/make.ts';
import { makeNativeImage, sampleValue } from './palette-fixtures.ts';
import { methodCodes, pixelDataOf, redact } from './redact-helpers.ts';

const ROWS = 6, COLS = 6;
const BOX = { x: 1, y: 1, width: 3, height: 2 };
const inBox = (r: number, c: number) => r >= 1 && r < 3 && c >= 1 && c < 4;

async function filled(lut: FxElement[], bitsAllocated: 8 | 16 = 8) {
  const { file, problems } = await redact(makeNativeImage(ROWS, COLS, bitsAllocated, lut), { redactionBoxes: [BOX] });
  expect(problems).toEqual([]);
  const px = await pixelDataOf(file);
  const at = (r: number, c: number) => (bitsAllocated === 8 ? px[r * COLS + c] : px[(r * COLS + c) * 2] | (px[(r * COLS + c) * 2 + 1] << 8));
  const inside = new Set<number>();
  for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLS; c++) {
    if (inBox(r, c)) inside.add(at(r, c));
    else expect(at(r, c)).toBe(sampleValue(r, c));
  }
  expect(methodCodes(file.dataset)).toContain('113101');
  expect(inside.size).toBe(1);
  return [...inside][0];
}

const descriptor = (n: number, first: number, bits: number): FxElement[] =>
  [1, 2, 3].map((k) => ({ tag: 0x00281100 + k, vr: 'US', value: [n, first, bits] }));

describe('PALETTE COLOR: the box takes the darkest palette entry', () => {
  it('8-bit entries packed one per byte (22 entries in 22 bytes), darkest at entry 5', async () => {
    const red = new Uint8Array(22).fill(200), green = new Uint8Array(22).fill(180), blue = new Uint8Array(22).fill(160);
    red[5] = 3; green[5] = 0; blue[5] = 1;
    const lut = [...descriptor(22, 0, 8), ...[red, green, blue].map((d, i) => ({ tag: 0x00281201 + i, vr: 'OW', value: d }))];
    expect(await filled(lut)).toBe(5);
  });

  it('16-bit entries with a first mapped value of 10: the fill is 10 + the darkest index', async () => {
    const ch = (dark: number) => Array.from({ length: 16 }, (_, i) => (i === 7 ? dark : 40000 + i));
    const lut = [...descriptor(16, 10, 16), ...[ch(0), ch(100), ch(50)].map((d, i) => ({ tag: 0x00281201 + i, vr: 'OW', value: d }))];
    expect(await filled(lut, 16)).toBe(17);
  });

  it('65536 16-bit entries (descriptor 0 = 65536): tables past the in-memory threshold are read from the source', async () => {
    const ch = (dark: number) => Array.from({ length: 65536 }, (_, i) => (i === 40000 ? dark : 30000 + (i % 7)));
    const lut = [...descriptor(0, 0, 16), ...[ch(5), ch(0), ch(9)].map((d, i) => ({ tag: 0x00281201 + i, vr: 'OW', value: d }))];
    expect(await filled(lut, 16)).toBe(40000);
  });

  it('segmented tables: an indirect segment finds its segments by byte offset and never copies another indirect one (C.7.9.2.3)', () => {
    // Segment 0 at word 0: discrete [1, 2]; segment 1 at word 4 (byte 8): discrete [7, 8];
    // then an indirect copy of one segment from byte offset 8.
    expect(expandSegmented([0, 2, 1, 2, 0, 2, 7, 8, 2, 1, 8, 0])).toEqual([1, 2, 7, 8, 7, 8]);
    expect(() => expandSegmented([0, 1, 5, 2, 1, 0, 0, 2, 1, 6, 0])).toThrow('palette-segments-too-deep');
    expect(() => expandSegmented([0, 1, 5, 2, 1, 3, 0])).toThrow('palette-indirect-offset');
    expect(() => expandSegmented([0, 4, 1, 2])).toThrow('palette-segment-truncated');
  });

  it('segmented tables: discrete, linear and indirect segments are expanded before the search', async () => {
    // Red: 10 bright values, then a linear ramp down to 0 over 6 entries (entry 15 is 0), then a copy of the first segment.
    const red = [0, 10, ...new Array(10).fill(60000), 1, 6, 0, 2, 1, 0, 0];
    expect(expandSegmented(red)).toEqual([...new Array(10).fill(60000), 50000, 40000, 30000, 20000, 10000, 0, ...new Array(10).fill(60000)]);
    const flat = [0, 26, ...new Array(15).fill(30000), 0, ...new Array(10).fill(30000)];
    const lut = [...descriptor(26, 0, 16),
      { tag: 0x00281221, vr: 'OW', value: red }, { tag: 0x00281222, vr: 'OW', value: flat }, { tag: 0x00281223, vr: 'OW', value: flat }];
    // Green and blue are 0 at entry 15 too, so entry 15 is black.
    expect(await filled(lut)).toBe(15);
  });

  it('refuses a PALETTE COLOR image whose palette is missing rather than guessing a fill', async () => {
    await expect(redact(makeNativeImage(ROWS, COLS, 8, []), { redactionBoxes: [BOX] })).rejects.toThrow(/complete palette/);
  });
});
