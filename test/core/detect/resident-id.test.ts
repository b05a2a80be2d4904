// Resident identity numbers (GB 11643-1999): the ISO 7064 MOD 11-2 check character against
// numbers built here and the well-known sample 11010519491231002X, date and region validation,
// 15→18 conversion, and detection boundaries (digit runs, dotted UIDs, grouping, lower-case x).

import { describe, expect, it } from 'vitest';
import { detectIdentifiers, isValidResidentId, isValidResidentId15, residentId15To18, residentIdCheckDigit } from '../../../src/core/detect/index.ts';

/** Reference check character computed the long way: Σ (2^(17-i) mod 11)·a_i, then (12 − s mod 11) mod 11. */
function reference(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (2 ** (17 - i) % 11) * Number(first17[i]);
  const v = (12 - (s % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

describe('residentIdCheckDigit', () => {
  it('matches the published sample and numbers built here', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44010619900307123')).toBe('1');
    expect(residentIdCheckDigit('33010619880512100')).toBe('X');
    expect(residentIdCheckDigit('31011520000229456')).toBe('7');
  });
  it('agrees with the textbook formula on many numbers', () => {
    let seed = 12345;
    for (let n = 0; n < 2000; n++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const first17 = String(seed).padStart(10, '0') + String(seed * 7).slice(-7).padStart(7, '0');
      expect(residentIdCheckDigit(first17)).toBe(reference(first17));
    }
  });
  it('rejects malformed input', () => {
    expect(() => residentIdCheckDigit('1234')).toThrow();
  });
});

describe('isValidResidentId', () => {
  it('accepts valid numbers, x in either case', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('310115200002294567')).toBe(true); // 29 Feb 2000
  });
  it('rejects a wrong check digit, impossible dates, unknown regions, future births', () => {
    expect(isValidResidentId('440106199003071232')).toBe(false);
    const withCheck = (first17: string): string => first17 + residentIdCheckDigit(first17);
    expect(isValidResidentId(withCheck('31011519000229456'))).toBe(false); // 1900 was not a leap year
    expect(isValidResidentId(withCheck('11010519491331002'))).toBe(false); // month 13
    expect(isValidResidentId(withCheck('11010518991231002'))).toBe(false); // before 1900
    expect(isValidResidentId(withCheck('99010619900307123'))).toBe(false); // region 99
    expect(isValidResidentId(withCheck('09010619900307123'))).toBe(false); // first digit 0
    const now = new Date(2024, 0, 1);
    expect(isValidResidentId(withCheck('11010520240102001'), now)).toBe(false); // born tomorrow
    expect(isValidResidentId(withCheck('11010520231231001'), now)).toBe(true);
  });
});

describe('15-digit numbers', () => {
  it('converts to 18 digits (the sample converts to 11010519491231002X)', () => {
    expect(residentId15To18('110105491231002')).toBe('11010519491231002X');
    expect(residentId15To18('440106900307123')).toBe('440106199003071231');
    expect(isValidResidentId(residentId15To18('320582780601345'))).toBe(true);
  });
  it('validates region and 19YYMMDD birth date', () => {
    expect(isValidResidentId15('110105491231002')).toBe(true);
    expect(isValidResidentId15('110105490230002')).toBe(false);
    expect(isValidResidentId15('990105491231002')).toBe(false);
  });
});

describe('detection boundaries', () => {
  const ids = (text: string): string[] => detectIdentifiers(text).filter((f) => f.kind.startsWith('resident-id')).map((f) => f.text);
  it('finds IDs among CJK text and punctuation, not inside longer digit runs or dotted UIDs', () => {
    expect(ids('身份证号11010519491231002X男')).toEqual(['11010519491231002X']);
    expect(ids('911010519491231002X')).toEqual([]);
    expect(ids('11010519491231002X1')).toEqual([]);
    expect(ids('1.2.3.11010519491231002X')).toEqual([]);
    expect(ids('110105 19491231 002X')).toEqual(['110105 19491231 002X']);
  });
  it('needs a cue or a stand-alone token for 15 digits', () => {
    expect(ids('身份证 110105491231002')).toEqual(['110105491231002']);
    expect(ids('SN-110105491231002-A')).toEqual([]);
  });
  it('rejects random 18-digit numbers (at most a handful of 20,000 pass by chance)', () => {
    let seed = 7;
    let hits = 0;
    for (let n = 0; n < 20000; n++) {
      let s = '';
      for (let i = 0; i < 18; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        s += String(seed % 10);
      }
      if (ids(`Acc ${s}`).length > 0) hits++;
    }
    // Region (35/100), date (~0.3% of random 8 digits) and check (1/11) leave ~1 in 10⁴.
    expect(hits).toBeLessThanOrEqual(6);
  });
});
