// Native YBR_FULL_422 in the viewer: Cornerstone's loader decides by length that native 4:2:2
// data needs no colour conversion (it checks the 4:2:0 formula), so the image showed black. The
// viewing copy upsamples it to YBR_FULL, which the loader converts: checked here with the loader's
// own isColorConversionRequired and convertColorSpace on a synthetic image and the corpus file.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { needsExplicitLeCopy, transcodeToExplicitLe } from '../../../src/core/dicom/transcode-to-explicit-le.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { upsample422 } from '../../../src/core/pixels/upsample-422.ts';
import { makePart10, T, TS } from '../../fixtures/make.ts';
import { imageElements, type ImageSpec } from './image-fixtures.ts';
import { pixelDataOf, str } from './redact-helpers.ts';

// The loader's own colour decision and conversion, loaded by path: its package exports only its entry point.
const loaderDir = join(import.meta.dirname, '../../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/imageLoader');
type ConversionCheck = (frame: object) => boolean;
type Converter = (pixels: Uint8Array, rgb: Uint8ClampedArray, useRGBA: boolean) => void;
const isColorConversionRequired = ((await import(pathToFileURL(join(loaderDir, 'isColorConversionRequired.js')).href)) as { default: ConversionCheck }).default;
const convertYBRFullByPixel = ((await import(pathToFileURL(join(loaderDir, 'colorSpaceConverters/convertYBRFullByPixel.js')).href)) as { default: Converter }).default;

const corpusFile = join(import.meta.dirname, '../../../../shared/corpus/pydicom/SC_ybr_full_422_uncompressed.dcm');

/** A 4×4 YBR_FULL_422 image: left half red (Y 76, Cb 85, Cr 255), right half blue (Y 29, Cb 255, Cr 107). */
function red4x4(): Uint8Array {
  const row = [76, 76, 85, 255, 29, 29, 255, 107];
  const spec = { rows: 4, cols: 4, spp: 3, bitsAllocated: 8, planar: 0, pi: 'YBR_FULL_422' } as unknown as ImageSpec;
  return makePart10(imageElements(spec, { tag: T.PixelData, vr: 'OB', value: new Uint8Array([...row, ...row, ...row, ...row]) }), { transferSyntax: TS.ExplicitLE });
}

/** What the loader shows for a frame: RGB after its colour conversion, or the raw bytes when it skips it. */
function shown(pixels: Uint8Array, rows: number, columns: number, pi: string): Uint8Array | undefined {
  const frame = { rows, columns, photometricInterpretation: pi, pixelDataLength: pixels.length, planarConfiguration: 0 };
  if (!isColorConversionRequired(frame)) return undefined;
  const rgb = new Uint8ClampedArray(rows * columns * 3);
  convertYBRFullByPixel(pixels, rgb, false);
  return new Uint8Array(rgb);
}

describe('native YBR_FULL_422 is shown in colour through a YBR_FULL viewing copy', () => {
  it('upsample422 gives each pixel its block chroma', () => {
    expect(Array.from(upsample422(new Uint8Array([10, 20, 30, 40, 50, 60, 70, 80]), 1, 4, 1))).toEqual([10, 30, 40, 20, 30, 40, 50, 70, 80, 60, 70, 80]);
  });

  it('the loader skips the colour conversion of the native data, and converts the copy to red and blue', async () => {
    const bytes = red4x4();
    expect(needsExplicitLeCopy(TS.ExplicitLE, 'YBR_FULL_422')).toBe(true);
    expect(needsExplicitLeCopy(TS.ExplicitLE, 'RGB')).toBe(false);
    const original = await pixelDataOf(await readPart10(new MemorySource(bytes)));
    expect(shown(original, 4, 4, 'YBR_FULL_422')).toBeUndefined(); // the bug: no conversion, black
    const copy = await readPart10(new MemorySource((await transcodeToExplicitLe(new MemorySource(bytes)))!));
    expect(str(copy.dataset, T.PhotometricInterpretation)).toBe('YBR_FULL');
    const rgb = shown(await pixelDataOf(copy), 4, 4, 'YBR_FULL')!;
    expect(rgb.length).toBe(4 * 4 * 3);
    const px = (r: number, c: number) => Array.from(rgb.subarray((r * 4 + c) * 3, (r * 4 + c) * 3 + 3));
    for (const r of [0, 3]) {
      for (const c of [0, 1]) expect(px(r, c)).toEqual([254, 0, 0]);
      for (const c of [2, 3]) expect(px(r, c)[2]).toBeGreaterThan(250);
      for (const c of [2, 3]) expect(px(r, c)[0]).toBeLessThan(5);
    }
  });

  it.skipIf(!existsSync(corpusFile))('the corpus file SC_ybr_full_422_uncompressed.dcm decodes to colour, not black', async () => {
    const copyBytes = await transcodeToExplicitLe(new MemorySource(new Uint8Array(readFileSync(corpusFile))));
    const copy = await readPart10(new MemorySource(copyBytes!));
    const rows = 100;
    const rgb = shown(await pixelDataOf(copy), rows, 100, str(copy.dataset, T.PhotometricInterpretation)!)!;
    expect(rgb).toBeDefined();
    let bright = 0;
    let coloured = 0;
    for (let i = 0; i < rgb.length; i += 3) {
      if (Math.max(rgb[i], rgb[i + 1], rgb[i + 2]) > 64) bright++;
      if (Math.max(rgb[i], rgb[i + 1], rgb[i + 2]) - Math.min(rgb[i], rgb[i + 1], rgb[i + 2]) > 64) coloured++;
    }
    expect(bright).toBeGreaterThan(rgb.length / 3 / 2);
    expect(coloured).toBeGreaterThan(100);
    expect(findElement(copy.dataset, T.PixelData)?.vr).toBe('OB');
  });
});
