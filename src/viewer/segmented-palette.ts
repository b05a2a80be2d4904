// Segmented Palette Color Lookup Tables (PS3.3 C.7.9.2) expanded for the viewer. A PALETTE COLOR
// image may give its red, green and blue tables as segments (0028,1221–1223) instead of as plain
// tables (0028,1201–1203); Cornerstone's loader reads only the plain ones, found no palette, and
// the image was never drawn ("the browser could not draw it": gdcm-US-ALOKA-16.dcm). The tables
// are expanded, from the segments' 16-bit words, into the plain tables the loader reads.

import { Enums, metaData } from '@cornerstonejs/metadata';
import { expandSegmented } from '../core/pixels/palette-lut.ts';

/**
 * The table the segments describe, expanded as the redaction expands it (core/pixels/palette-lut.ts,
 * PS3.3 C.7.9.2). Null when the segments are malformed or do not give exactly `entries` values.
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array | null {
  try {
    const out = expandSegmented(words, entries + 1);
    return out.length === entries ? Uint16Array.from(out) : null;
  } catch {
    return null;
  }
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
