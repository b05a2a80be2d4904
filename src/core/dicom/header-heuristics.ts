// Small judgements the element parser makes about header bytes it cannot take at face value:
// implicit VR data inside explicit VR files, blank or invalid VR bytes, standard attributes stored
// as UN (PS3.5 §6.2.2, §7.1), and whether a data set starts at an offset (PS3.10 §7.1 preamble).
// Kept apart so element-parser.ts stays one concept.

import type { Encoding } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { implicitVr } from './dictionary.ts';
import type { Tag } from './tag.ts';
import { LONG_LENGTH_VRS, STRING_VRS, isValidVr } from './vr.ts';

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

/**
 * How long the length field of an explicit VR element with invalid VR bytes is, as pydicom 2.3
 * decides it (filereader.data_element_generator): bytes in the range b'AA'..b'ZZ' (compared as a
 * 2-byte string) are taken as a VR with a 2-byte length; anything else means the writer switched
 * to implicit VR, so the 4 bytes after the tag are the length.
 */
export function invalidVrLengthBytes(c: Cursor, pos: number): 2 | 4 {
  const a = c.u8(pos + 4);
  const b = c.u8(pos + 5);
  const A = 0x41;
  const Z = 0x5a;
  const atLeastAA = a > A || (a === A && b >= A);
  const atMostZZ = a < Z || (a === Z && b <= Z);
  return atLeastAA && atMostZZ ? 2 : 4;
}

const PLAUSIBLE_FIRST_GROUPS = new Set([0x0002, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028]);

/**
 * True when the 8 bytes at pos (already in the cursor's window) read as the first element of a file
 * meta or data set: a group that data sets start with, then a valid VR or an implicit VR length
 * that fits the file.
 */
export function startsLikeDataSet(c: Cursor, pos: number): boolean {
  if (!c.has(pos, 8)) return false;
  const le = PLAUSIBLE_FIRST_GROUPS.has(c.u16(pos, true));
  const be = PLAUSIBLE_FIRST_GROUPS.has(c.u16(pos, false));
  if (!le && !be) return false;
  return isValidVr(c.chars2(pos + 4)) || pos + 8 + c.u32(pos + 4, le) <= c.size;
}
