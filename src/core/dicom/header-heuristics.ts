// Small judgements the element parser makes about header bytes it cannot take at face value:
// implicit VR data inside explicit VR files, blank VR bytes, and standard attributes stored as UN
// (PS3.5 §6.2.2, §7.1). Kept apart so element-parser.ts stays one concept.

import type { Encoding } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { implicitVr } from './dictionary.ts';
import type { Tag } from './tag.ts';
import { LONG_LENGTH_VRS, STRING_VRS } from './vr.ts';

const UNDEFINED = 0xffffffff;

/** An implicit VR element header: a plausible tag followed by a length that fits the file. */
export function isPlausibleImplicit(c: Cursor, pos: number, le: boolean): boolean {
  if (!c.has(pos, 8)) return false;
  const len = c.u32(pos + 4, le);
  return len === UNDEFINED || pos + 8 + len <= c.size;
}

export function isBlankVr(c: Cursor, pos: number): boolean {
  const a = c.u8(pos + 4);
  const b = c.u8(pos + 5);
  return (a === 0 && b === 0) || (a === 0x20 && b === 0x20);
}

/**
 * A standard attribute stored as UN (by a writer that did not know it) gets its dictionary VR, as
 * PS3.5 §6.2.2 intends once the attribute is known; UN values are little endian, so binary VRs are
 * converted only in little-endian data sets, and values too long for a 2-byte length stay UN.
 */
export function knownVrForUn(t: Tag, enc: Encoding, len: number): string {
  const vr = implicitVr(t);
  if (vr === 'UN' || vr === 'SQ') return 'UN';
  if (!LONG_LENGTH_VRS.has(vr) && len > 0xfffe) return 'UN';
  if (!enc.littleEndian && !STRING_VRS.has(vr)) return 'UN';
  return vr;
}
