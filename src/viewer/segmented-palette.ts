// Segmented Palette Color Lookup Tables (PS3.3 C.7.9.2) expanded for the viewer. A PALETTE COLOR
// image may give its red, green and blue tables as segments (0028,1221–1223) instead of as plain
// tables (0028,1201–1203); Cornerstone's loader reads only the plain ones, found no palette, and
// the image was never drawn ("the browser could not draw it": gdcm-US-ALOKA-16.dcm). The tables
// are expanded here, from the segments' 16-bit words, into the plain tables the loader reads.

import { Enums, metaData } from '@cornerstonejs/metadata';

const DISCRETE = 0;
const LINEAR = 1;
const INDIRECT = 2;

/**
 * The table the segments describe (PS3.3 C.7.9.2): discrete segments list their values, linear
 * ones run from the previous value to their end value, indirect ones repeat earlier segments
 * (found by byte offset). Null when the segments are malformed or do not fill `entries` values.
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array | null {
  const out: number[] = [];
  const run = (start: number, segments: number, depth: number): number | null => {
    let i = start;
    for (let s = 0; s < segments && i < words.length; s++) {
      const op = words[i];
      const n = words[i + 1];
      if (n === undefined) return null;
      if (op === DISCRETE) {
        if (i + 2 + n > words.length) return null;
        for (let k = 0; k < n; k++) out.push(words[i + 2 + k]);
        i += 2 + n;
      } else if (op === LINEAR) {
        const y1 = words[i + 2];
        const y0 = out.at(-1);
        if (y1 === undefined || y0 === undefined) return null;
        for (let k = 1; k <= n; k++) out.push(Math.round(y0 + ((y1 - y0) * k) / n));
        i += 3;
      } else if (op === INDIRECT) {
        const offset = (words[i + 2] | (words[i + 3] << 16)) >>> 0;
        if (depth > 0 || offset % 2 || offset / 2 >= i || run(offset / 2, n, depth + 1) === null) return null;
        i += 4;
      } else return null;
      if (out.length > entries) return null;
    }
    return i;
  };
  if (run(0, Infinity, 0) === null || out.length !== entries) return null;
  return Uint16Array.from(out);
}

type Natural = Record<string, unknown>;
type PixelModule = Record<string, unknown>;
const COLOURS = [['red', 'Red'], ['green', 'Green'], ['blue', 'Blue']] as const;

/** The 16-bit words of a naturalized OW value (one buffer or view, or a list of one). */
function wordsOf(v: unknown): Uint16Array | null {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (one instanceof ArrayBuffer) return new Uint16Array(one, 0, one.byteLength >> 1);
  if (ArrayBuffer.isView(one)) return new Uint16Array(one.buffer.slice(one.byteOffset, one.byteOffset + (one.byteLength & ~1)));
  return null;
}

/** An image pixel module provider after Cornerstone's: it adds the expanded tables when only segments exist. */
const segmentedProvider: metaData.TypedProvider = (next, query, instance: unknown, options: unknown) => {
  const module = next(query, instance, options) as PixelModule | undefined;
  const inst = instance as Natural | undefined;
  if (!module || !inst || module.photometricInterpretation !== 'PALETTE COLOR' || module.redPaletteColorLookupTableData) return module;
  const tables: Record<string, Uint16Array> = {};
  for (const [low, cap] of COLOURS) {
    const words = wordsOf(inst[`Segmented${cap}PaletteColorLookupTableData`]);
    const descriptor = module[`${low}PaletteColorLookupTableDescriptor`] as number[] | undefined;
    if (!words || !descriptor) return module;
    const table = expandSegmentedLut(words, descriptor[0] || 65536);
    if (!table) return module;
    tables[`${low}PaletteColorLookupTableData`] = table;
  }
  return { ...module, ...tables };
};

/** Register the expansion once Cornerstone's default providers are (it needs the instance they pass on). */
export function registerSegmentedPalettes(): void {
  metaData.addTypedProvider(Enums.MetadataModules.IMAGE_PIXEL, segmentedProvider, { priority: 100 });
}
