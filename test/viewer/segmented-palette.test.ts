// Segmented Palette Color Lookup Tables (PS3.3 C.7.9.2) expanded for the viewer: discrete, linear
// and indirect segments by hand, malformed segments refused, and the real tables of
// gdcm-US-ALOKA-16.dcm (a 65,536-entry palette given only as segments) through Cornerstone's own
// metadata path, which without the expansion offers the loader no palette at all.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { expandSegmentedLut, registerSegmentedPalettes } from '../../src/viewer/segmented-palette.ts';

const ALOKA = join(import.meta.dirname, '../../../shared/corpus/pydicom-data/gdcm-US-ALOKA-16.dcm');

describe('expandSegmentedLut', () => {
  it('lists discrete values, runs linear segments from the previous value, repeats indirect ones', () => {
    // discrete [10, 20], linear to 60 over 4, indirect: the first segment again (byte offset 0).
    const words = Uint16Array.from([0, 2, 10, 20, 1, 4, 60, 2, 1, 0, 0]);
    expect([...expandSegmentedLut(words, 8)!]).toEqual([10, 20, 30, 40, 50, 60, 10, 20]);
  });

  it('refuses segments that do not fill the table, an unknown opcode, or a linear start with no value before it', () => {
    expect(expandSegmentedLut(Uint16Array.from([0, 2, 10, 20]), 3)).toBeNull();
    expect(expandSegmentedLut(Uint16Array.from([7, 1, 5]), 1)).toBeNull();
    expect(expandSegmentedLut(Uint16Array.from([1, 2, 60]), 2)).toBeNull();
  });
});

describe.skipIf(!existsSync(ALOKA))('a segmented palette through Cornerstone', () => {
  it('gives the image pixel module full red, green and blue tables', async () => {
    registerDefaultProviders();
    const bytes = readFileSync(ALOKA);
    const id = 'dicomfile:segmented-palette-test';
    await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const before = metaData.get('imagePixelModule', id) as Record<string, unknown>;
    expect(before.redPaletteColorLookupTableData).toBeUndefined();
    registerSegmentedPalettes();
    const after = metaData.get('imagePixelModule', id) as Record<string, Uint16Array>;
    for (const c of ['red', 'green', 'blue']) {
      const t = after[`${c}PaletteColorLookupTableData`];
      expect(t.length).toBe(65536);
      expect(new Set(t).size).toBeGreaterThan(16);
    }
  });
});
