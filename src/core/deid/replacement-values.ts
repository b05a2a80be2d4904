// Replacement values for action D ("replace with a non-zero length value that may be a dummy
// value and consistent with the VR", PS3.15 E.1.1) and for cleaned (C) values that cannot be
// cleaned in place. Dummies are fixed, obviously fake and valid for their VR (PS3.5 Table 6.2-1).

import { NUMERIC_VR_SIZE } from '../dicom/vr.ts';

const DUMMY_STRINGS: Record<string, string> = {
  AE: 'ANONYMIZED',
  AS: '000D',
  CS: 'ANONYMIZED',
  DA: '19000101',
  DS: '0',
  DT: '19000101000000',
  IS: '0',
  LO: 'ANONYMIZED',
  LT: 'ANONYMIZED',
  PN: 'ANONYMIZED',
  SH: 'ANONYMIZED',
  ST: 'ANONYMIZED',
  TM: '000000',
  UC: 'ANONYMIZED',
  UR: 'http://example.invalid/anonymized',
  UT: 'ANONYMIZED',
};

/** Further choices, used when the original (or another original value of the file) equals the first. */
const ALTERNATES: Record<string, string[]> = {
  AE: ['ANONYMOUS'], AS: ['001D'], CS: ['ANONYMOUS'], DA: ['19000102', '19010101'], DS: ['1'], DT: ['19000102000000', '19010101000000'],
  IS: ['1'], LO: ['ANONYMOUS'], LT: ['ANONYMOUS'], PN: ['ANONYMOUS'], SH: ['ANONYMOUS'], ST: ['ANONYMOUS'],
  TM: ['000001', '235959', '121212'], UC: ['ANONYMOUS'], UR: ['http://example.invalid/anonymous'], UT: ['ANONYMOUS'],
};

/**
 * A dummy for the VR that differs from the element's own original and from `avoid` (other original
 * values of the file, so a dummy time like 000000 never repeats a real one found elsewhere).
 */
export function dummyString(vr: string, original: string, avoid: ReadonlySet<string> = new Set()): string | undefined {
  const first = DUMMY_STRINGS[vr];
  if (first === undefined) return undefined;
  const o = original.trim();
  for (const c of [first, ...(ALTERNATES[vr] ?? [])]) if (c !== o && !avoid.has(c)) return c;
  return first === o ? ALTERNATES[vr]?.[0] ?? first : first;
}

/** A zero value of the element's size for binary VRs (at least one value). */
export function dummyBinary(vr: string, originalLength: number): Uint8Array {
  const size = NUMERIC_VR_SIZE[vr] ?? 2;
  const n = Math.max(size, originalLength - (originalLength % size));
  return new Uint8Array(Math.min(n, 1024)).fill(0);
}
