// Self-test of the hostile-input builders: the defect is where and what it claims to be.

import { describe, expect, it } from 'vitest';
import {
  deepSequences, flipBit, hugeDeclaredOB, hugePatientNameLength, invalidVR, strayItem, topLevelSequenceDelimiter, truncate,
} from '../fixtures/hostile.ts';
import { TS } from '../fixtures/make.ts';

const find = (hay: Uint8Array, needle: number[]): number => Buffer.from(hay).indexOf(Buffer.from(needle));
const count = (hay: Uint8Array, needle: number[]): number => {
  let n = 0;
  for (let i = find(hay, needle); i >= 0; i = Buffer.from(hay).indexOf(Buffer.from(needle), i + 1)) n++;
  return n;
};
const u32 = (b: Uint8Array, o: number) => new DataView(b.buffer, b.byteOffset).getUint32(o, true);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('hostile fixtures', () => {
  it('truncate and flipBit copy rather than mutate', () => {
    const b = new Uint8Array([1, 2, 3, 4]);
    expect(Array.from(truncate(b, 2))).toEqual([1, 2]);
    expect(Array.from(truncate(b, 99))).toEqual([1, 2, 3, 4]);
    expect(Array.from(flipBit(b, 0))).toEqual([0, 2, 3, 4]);
    expect(Array.from(flipBit(b, 15))).toEqual([1, 0x82, 3, 4]);
    expect(Array.from(b)).toEqual([1, 2, 3, 4]);
  });

  it('PatientName declares 0xFFFFFFF0 (implicit VR) or 0xFFFF (explicit VR)', () => {
    const f = hugePatientNameLength();
    const at = find(f, [0x10, 0, 0x10, 0, 0xf0, 0xff, 0xff, 0xff]);
    expect(at).toBeGreaterThan(132);
    expect(Array.from(f.subarray(at + 8, at + 16))).toEqual(ascii('Doe^Jane'));
    expect(find(f, ascii(TS.ImplicitLE))).toBeGreaterThan(0);
    expect(find(hugePatientNameLength(true), [0x10, 0, 0x10, 0, 0x50, 0x4e, 0xff, 0xff])).toBeGreaterThan(132);
  });

  it('an OB element declares 3 GiB but the file is small', () => {
    const f = hugeDeclaredOB();
    const at = find(f, [0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0]);
    expect(u32(f, at + 8)).toBe(3 * 2 ** 30);
    expect(f.length).toBe(at + 12 + 16);
  });

  it('nests 200 sequences, defined or undefined length', () => {
    const sqHeader = [0x08, 0x00, 0x40, 0x11, 0x53, 0x51, 0, 0];
    const defined = deepSequences(200);
    expect(count(defined, sqHeader)).toBe(200);
    expect(count(defined, ascii('Deep^Patient'))).toBe(1);
    const undef = deepSequences(200, { undefinedLength: true });
    expect(count(undef, [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])).toBe(200);
    expect(count(undef, [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0])).toBe(200);
    // Outermost sequence length covers exactly its content: the next element is the top-level PatientName.
    const at = find(defined, sqHeader);
    expect(Array.from(defined.subarray(at + 12 + u32(defined, at + 8), at + 16 + u32(defined, at + 8)))).toEqual([0x10, 0, 0x10, 0]);
  });

  it('places a sequence delimiter and a stray item at top level', () => {
    const d = topLevelSequenceDelimiter();
    const at = find(d, [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
    expect(Array.from(d.subarray(at + 8, at + 12))).toEqual([0x10, 0, 0x20, 0]);
    const s = strayItem();
    const it2 = find(s, [0xfe, 0xff, 0x00, 0xe0, 8, 0, 0, 0]);
    expect(Array.from(s.subarray(it2 + 8, it2 + 16))).toEqual(ascii('STRAYITM'));
    expect(find(strayItem(TS.ImplicitLE), ascii(TS.ImplicitLE))).toBeGreaterThan(0);
  });

  it("writes the VR 'ZZ' verbatim with a 2-byte length", () => {
    const f = invalidVR();
    const at = find(f, [0x10, 0, 0x00, 0x10, 0x5a, 0x5a, 6, 0]);
    expect(Array.from(f.subarray(at + 8, at + 14))).toEqual(ascii('OTHER1'));
    expect(Array.from(f.subarray(at + 14, at + 18))).toEqual([0x10, 0, 0x10, 0x10]); // PatientAge follows
  });
});
