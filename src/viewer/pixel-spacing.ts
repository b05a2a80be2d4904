// Pixel spacing the renderer can use. Pixel Spacing (0028,0030) is the physical distance between
// pixel centres in mm (PS3.3 10.7.1.3, C.7.6.2.1.1), so a usable value is a positive number; some
// files carry 0\0 (pydicom-data RG1_J2KI.dcm, a CR). Cornerstone takes the zeros as given, the image
// plane collapses to a point, and the viewport drew nothing (all black, "the browser could not
// draw it"). A spacing that is not positive and finite is dropped here for the default of 1 mm,
// flagged as a default, as Cornerstone does when the attribute is absent.

import { Enums, metaData } from '@cornerstonejs/metadata';

type PlaneModule = Record<string, unknown>;

const usable = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The image plane module with an unusable row or column spacing replaced by 1 (mm); unchanged otherwise. */
export function withUsableSpacing<T extends PlaneModule | undefined>(module: T): T {
  if (!module || (usable(module.rowPixelSpacing) && usable(module.columnPixelSpacing))) return module;
  const fixed: PlaneModule = { ...module, rowPixelSpacing: 1, columnPixelSpacing: 1, pixelSpacing: [1, 1] };
  // The flags Cornerstone defines as non-enumerable properties (the spread above drops them).
  for (const flag of ['isDefaultValueSetForRowCosine', 'isDefaultValueSetForColumnCosine']) {
    Object.defineProperty(fixed, flag, { value: module[flag] });
  }
  Object.defineProperty(fixed, 'usingDefaultValues', { value: true });
  return fixed as T;
}

const spacingProvider: metaData.TypedProvider = (next, query, instance: unknown, options: unknown) =>
  withUsableSpacing(next(query, instance, options) as PlaneModule | undefined);

/** Register the fix-up once Cornerstone's default providers are (it runs after theirs, on their result). */
export function registerUsableSpacing(): void {
  metaData.addTypedProvider(Enums.MetadataModules.IMAGE_PLANE, spacingProvider, { priority: 100 });
}
