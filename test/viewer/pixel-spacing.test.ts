// Pixel Spacing 0\0 (pydicom-data RG1_J2KI.dcm) replaced by the 1 mm default through Cornerstone's
// own metadata path, which without the fix-up hands the renderer zero spacing (nothing was drawn);
// a usable spacing (CT_small.dcm) passes unchanged.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { registerUsableSpacing, withUsableSpacing } from '../../src/viewer/pixel-spacing.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const RG1 = join(CORPUS, 'pydicom-data/RG1_J2KI.dcm');
const CT = join(CORPUS, 'pydicom/CT_small.dcm');

async function add(path: string, id: string): Promise<void> {
  const bytes = readFileSync(path);
  await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

describe('withUsableSpacing', () => {
  it('keeps a positive spacing and replaces zero, negative or missing ones by 1 mm, flagged as a default', () => {
    const good = { rowPixelSpacing: 0.5, columnPixelSpacing: 0.7, pixelSpacing: [0.5, 0.7] };
    expect(withUsableSpacing(good)).toBe(good);
    for (const bad of [0, -1, null, Number.NaN]) {
      const out = withUsableSpacing({ rowPixelSpacing: bad, columnPixelSpacing: 0.7 }) as Record<string, unknown>;
      expect([out.rowPixelSpacing, out.columnPixelSpacing, out.pixelSpacing, out.usingDefaultValues]).toEqual([1, 1, [1, 1], true]);
    }
    expect(withUsableSpacing(undefined)).toBeUndefined();
  });
});

describe.skipIf(!existsSync(RG1) || !existsSync(CT))('pixel spacing through Cornerstone', () => {
  it('gives RG1_J2KI.dcm (Pixel Spacing 0\\0) a spacing of 1 and leaves CT_small.dcm as it is', async () => {
    registerDefaultProviders();
    await add(RG1, 'dicomfile:spacing-rg1');
    await add(CT, 'dicomfile:spacing-ct');
    const plane = (id: string) => metaData.get('imagePlaneModule', id) as Record<string, unknown>;
    expect(plane('dicomfile:spacing-rg1').rowPixelSpacing).toBe(0);
    const ct = plane('dicomfile:spacing-ct');
    // Cornerstone caches each image's module: the same bytes again under a new id after registering.
    registerUsableSpacing();
    await add(RG1, 'dicomfile:spacing-rg1-again');
    await add(CT, 'dicomfile:spacing-ct-again');
    const rg1 = plane('dicomfile:spacing-rg1-again');
    expect([rg1.rowPixelSpacing, rg1.columnPixelSpacing, rg1.pixelSpacing, rg1.rows, rg1.columns]).toEqual([1, 1, [1, 1], 1955, 1841]);
    const after = plane('dicomfile:spacing-ct-again');
    expect(after.pixelSpacing).toEqual(ct.pixelSpacing);
    expect(after.rowPixelSpacing).toBeGreaterThan(0);
  });
});
