// Rescale Slope and Intercept the renderer can use. The Modality LUT's linear transform (PS3.3
// C.11.1.1.2: output = slope × stored value + intercept) needs numbers; a header may carry the
// attributes empty (pydicom-data JPEGLosslessP14SV1_1s_1f_u_16_16.dcm has Rescale Slope and
// Intercept of zero length). Cornerstone's metadata then gives [] for each, its loader keeps []
// (an empty list is truthy) as the image's slope and intercept, and the viewer's histogram read
// every value as 0: "almost one grey" over a picture that is not. A value that is not one finite
// number is dropped here, so the loaders fall back to slope 1 and intercept 0, as the standard's
// identity transform; a list of one number becomes that number.

import { Enums, metaData } from '@cornerstonejs/metadata';

type LutModule = Record<string, unknown>;

/** One finite number from a number or a list holding one; undefined otherwise. */
function finite(v: unknown): number | undefined {
  const one: unknown = Array.isArray(v) && v.length === 1 ? v[0] : v;
  const n = typeof one === 'string' && one.trim() !== '' ? Number(one) : one;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** The modality LUT module with a rescale slope and intercept that are numbers, or absent. */
export function withNumericRescale<T extends LutModule | undefined>(module: T): T {
  if (!module) return module;
  const out: LutModule = { ...module };
  for (const key of ['rescaleSlope', 'rescaleIntercept']) {
    if (!(key in module)) continue;
    const n = finite(module[key]);
    if (n === undefined) delete out[key];
    else out[key] = n;
  }
  return out as T;
}

const rescaleProvider: metaData.TypedProvider = (next, query, instance: unknown, options: unknown) =>
  withNumericRescale(next(query, instance, options) as LutModule | undefined);

/** Register the fix-up once Cornerstone's default providers are (it runs after theirs, on their result). */
export function registerNumericRescale(): void {
  metaData.addTypedProvider(Enums.MetadataModules.MODALITY_LUT, rescaleProvider, { priority: 100 });
}
