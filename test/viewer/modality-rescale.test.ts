// Rescale Slope and Intercept of zero length (pydicom-data JPEGLosslessP14SV1_1s_1f_u_16_16.dcm)
// dropped from the modality LUT module Cornerstone's metadata path gives, so its loader uses the
// identity (slope 1, intercept 0) instead of []; CT_small.dcm's numbers pass unchanged.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { registerNumericRescale, withNumericRescale } from '../../src/viewer/modality-rescale.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const P14 = join(CORPUS, 'pylibjpeg-data/JPEGLosslessSV1/JPEGLosslessP14SV1_1s_1f_u_16_16.dcm');
const CT = join(CORPUS, 'pydicom/CT_small.dcm');

async function add(path: string, id: string): Promise<void> {
  const bytes = readFileSync(path);
  await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

describe('withNumericRescale', () => {
  it('keeps numbers, takes the number out of a list of one, drops empty or non-numeric values', () => {
    expect(withNumericRescale({ rescaleSlope: 2, rescaleIntercept: -1024 })).toEqual({ rescaleSlope: 2, rescaleIntercept: -1024 });
    expect(withNumericRescale({ rescaleSlope: [0.5], rescaleIntercept: '10' })).toEqual({ rescaleSlope: 0.5, rescaleIntercept: 10 });
    expect(withNumericRescale({ rescaleSlope: [], rescaleIntercept: '', rescaleType: 'HU' })).toEqual({ rescaleType: 'HU' });
    expect(withNumericRescale(undefined)).toBeUndefined();
  });
});

describe.skipIf(!existsSync(P14) || !existsSync(CT))('the modality LUT through Cornerstone', () => {
  it('gives no slope or intercept for empty attributes and keeps CT_small.dcm numbers', async () => {
    registerDefaultProviders();
    await add(P14, 'dicomfile:rescale-p14');
    const lut = (id: string) => metaData.get('modalityLutModule', id) as Record<string, unknown>;
    expect(lut('dicomfile:rescale-p14').rescaleSlope).toEqual([]);
    // Cornerstone caches each image's module: the same bytes again under a new id after registering.
    registerNumericRescale();
    await add(P14, 'dicomfile:rescale-p14-again');
    await add(CT, 'dicomfile:rescale-ct');
    const p14 = lut('dicomfile:rescale-p14-again');
    expect([p14.rescaleSlope, p14.rescaleIntercept]).toEqual([undefined, undefined]);
    const ct = lut('dicomfile:rescale-ct');
    expect([ct.rescaleSlope, ct.rescaleIntercept]).toEqual([1, -1024]);
  });
});
