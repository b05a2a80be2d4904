// Scans over raw bytes the parser needs when a header cannot be trusted: zero padding after a
// data set, and the next sequence delimiter (FFFE,E0DD) with length 0 (PS3.5 §7.5.2) that ends an
// undefined length value. Read in 64 KiB slices, so memory stays flat in file size.

import type { ByteSource } from '../io/byte-source.ts';

const SLICE = 64 * 1024;
const SEQUENCE_DELIMITER_LE = [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];

/** True when every byte from pos to limit is zero. */
export async function isZeroPadding(source: ByteSource, pos: number, limit: number): Promise<boolean> {
  for (let p = pos; p < limit; ) {
    const n = Math.min(SLICE, limit - p);
    const chunk = await source.read(p, n);
    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) return false;
    p += n;
  }
  return true;
}

/** Offset of the first little endian sequence delimiter item at or after pos, or undefined. */
export async function findSequenceDelimiter(source: ByteSource, pos: number): Promise<number | undefined> {
  const n = SEQUENCE_DELIMITER_LE.length;
  // Slices overlap by n - 1 bytes so a delimiter across a slice boundary is found.
  for (let p = pos; p + n <= source.size; p += SLICE - (n - 1)) {
    const bytes = await source.read(p, Math.min(SLICE, source.size - p));
    for (let i = 0; i + n <= bytes.length; i++) {
      if (SEQUENCE_DELIMITER_LE.every((b, k) => bytes[i + k] === b)) return p + i;
    }
  }
  return undefined;
}
