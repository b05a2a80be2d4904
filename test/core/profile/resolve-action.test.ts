// Option resolution over PS3.15 Table E.1-1 (PS3.15 E.1.1, E.3): each option on representative
// rows, the 11 rows where Retain Device Identity (K) and Retain Modified Dates (C) disagree,
// and the option metadata (CLI flags, CID 7050 codes) and validation.

import { describe, expect, it } from 'vitest';
import { formatTag, tag } from '../../../src/core/dicom/tag.ts';
import {
  BASIC_PROFILE_CODE,
  DEFAULT_OPTIONS,
  OPTION_BY_FLAG,
  OPTION_INFO,
  OPTION_KEYS,
  validateOptions,
} from '../../../src/core/profile/options.ts';
import type { OptionKey, ProfileOptions } from '../../../src/core/profile/options.ts';
import {
  lookupProfileRow,
  PRIVATE_ATTRIBUTES_ROW,
  PROFILE_ROWS,
  resolveAction,
} from '../../../src/core/profile/profile-table.ts';
import type { ProfileRow } from '../../../src/core/profile/profile-table.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';

const row = (g: number, e: number): ProfileRow => {
  const r = lookupProfileRow(tag(g, e));
  if (!r) throw new Error(`no row for ${g.toString(16)},${e.toString(16)}`);
  return r;
};
const withOpts = (...keys: OptionKey[]): ProfileOptions => ({
  ...DEFAULT_OPTIONS,
  ...Object.fromEntries(keys.map((k) => [k, true])),
});

/** The resolution with its reason rendered in English, as the CLI prints it. */
const inWords = (...a: Parameters<typeof resolveAction>) => {
  const r = resolveAction(...a);
  return { ...r, reason: inEnglish(r.reason) };
};

describe('options metadata', () => {
  it('has the CLI flags and CID 7050 codes of the brief', () => {
    const flags = OPTION_KEYS.map((k) => OPTION_INFO[k].flag);
    expect(flags).toEqual([
      '--retain-safe-private', '--retain-uids', '--retain-device-identity', '--retain-institution-identity',
      '--retain-patient-characteristics', '--retain-full-dates', '--retain-modified-dates',
      '--clean-descriptors', '--clean-structured-content', '--clean-graphics',
    ]);
    expect(OPTION_KEYS.map((k) => OPTION_INFO[k].code)).toEqual([
      '113111', '113110', '113109', '113112', '113108', '113106', '113107', '113105', '113104', '113103',
    ]);
    expect(OPTION_INFO.retainSafePrivate.meaning).toBe('Retain Safe Private Option');
    expect(OPTION_INFO.retainLongitudinalModifiedDates.meaning).toBe(
      'Retain Longitudinal Temporal Information Modified Dates Option',
    );
    expect(BASIC_PROFILE_CODE).toBe('113100');
    expect(OPTION_BY_FLAG.get('--clean-graphics')).toBe('cleanGraphics');
  });
  it('defaults to no options', () => {
    expect(OPTION_KEYS.every((k) => DEFAULT_OPTIONS[k] === false)).toBe(true);
    expect(validateOptions(DEFAULT_OPTIONS)).toEqual([]);
  });
  it('rejects both Retain Longitudinal options together', () => {
    expect(validateOptions(withOpts('retainLongitudinalFullDates'))).toEqual([]);
    expect(validateOptions(withOpts('retainLongitudinalModifiedDates'))).toEqual([]);
    const errs = validateOptions(withOpts('retainLongitudinalFullDates', 'retainLongitudinalModifiedDates'));
    expect(errs).toHaveLength(1);
    expect(errs[0]!.code).toBe('options-dates-exclusive');
    expect(inEnglish(errs[0]!)).toBe(
      'Retain Longitudinal Temporal Information Full Dates Option (--retain-full-dates) and Retain Longitudinal Temporal Information Modified Dates Option (--retain-modified-dates) exclude each other (PS3.15 E.3.6); choose one.',
    );
  });
  it('rejects non-boolean and unknown keys', () => {
    const bad = { ...DEFAULT_OPTIONS, cleanGraphics: 'yes', extra: true } as unknown as ProfileOptions;
    expect(validateOptions(bad).map(inEnglish)).toEqual(['Clean Graphics Option (--clean-graphics) must be true or false.', 'Unknown option extra.']);
  });
});

describe('resolveAction', () => {
  it('gives the basic action without options', () => {
    expect(inWords(row(0x0010, 0x0010), DEFAULT_OPTIONS)).toEqual({
      code: 'Z',
      reason: 'PS3.15 E.1-1 basic profile: Z',
    });
    for (const r of PROFILE_ROWS) expect(inWords(r, DEFAULT_OPTIONS).code).toBe(r.basic);
  });

  // [option, row, basic, with option]
  const cases: [OptionKey, number, number, string, string][] = [
    ['retainUIDs', 0x0020, 0x000d, 'U', 'K'], // Study Instance UID
    ['retainDeviceIdentity', 0x0018, 0x1000, 'X/Z/D', 'K'], // Device Serial Number
    ['retainDeviceIdentity', 0x0008, 0x1010, 'X/Z/D', 'K'], // Station Name
    ['retainDeviceIdentity', 0x0008, 0x0055, 'X', 'C'], // Station AE Title
    ['retainInstitutionIdentity', 0x0008, 0x0080, 'X/Z/D', 'K'], // Institution Name
    ['retainPatientCharacteristics', 0x0010, 0x0040, 'Z', 'K'], // Patient's Sex
    ['retainPatientCharacteristics', 0x0010, 0x1030, 'X', 'K'], // Patient's Weight
    ['retainPatientCharacteristics', 0x0010, 0x2110, 'X', 'C'], // Allergies
    ['retainLongitudinalFullDates', 0x0008, 0x0020, 'Z', 'K'], // Study Date
    ['retainLongitudinalModifiedDates', 0x0008, 0x0020, 'Z', 'C'],
    ['cleanDescriptors', 0x0008, 0x1030, 'X', 'C'], // Study Description
    ['cleanStructuredContent', 0x0040, 0xa730, 'D', 'C'], // Content Sequence
    ['cleanGraphics', 0x0070, 0x0001, 'D', 'C'], // Graphic Annotation Sequence
    ['cleanGraphics', 0x6000, 0x3000, 'X', 'C'], // Overlay Data
  ];
  const named = cases.map(([opt, g, e, basic, code]) => ({ opt, t: formatTag(tag(g, e)), g, e, basic, code }));
  it.each(named)('$opt on $t: basic $basic -> $code', ({ opt, g, e, basic, code }) => {
    const r = row(g, e);
    expect(r.basic).toBe(basic);
    expect(inWords(r, withOpts(opt))).toEqual({ code, option: opt, reason: `${OPTION_INFO[opt].meaning}: ${code}` });
    // Every other option alone leaves this row alone unless its column has a value.
    for (const other of OPTION_KEYS) {
      if (r.options[other] === undefined) expect(inWords(r, withOpts(other)).code).toBe(basic);
    }
  });

  it('applies Retain Safe Private to the private row', () => {
    expect(inWords(PRIVATE_ATTRIBUTES_ROW, DEFAULT_OPTIONS).code).toBe('X');
    expect(inWords(PRIVATE_ATTRIBUTES_ROW, withOpts('retainSafePrivate'))).toMatchObject({
      code: 'C',
      option: 'retainSafePrivate',
    });
  });

  it('returns compound codes unresolved', () => {
    expect(inWords(row(0x0008, 0x1140), DEFAULT_OPTIONS).code).toBe('X/Z/U*'); // Referenced Image Sequence
    expect(inWords(row(0x0008, 0x1140), withOpts('retainUIDs')).code).toBe('K');
    expect(inWords(row(0x0008, 0x0090), DEFAULT_OPTIONS).code).toBe('Z'); // Referring Physician's Name
    expect(inWords(row(0x0018, 0x700c), DEFAULT_OPTIONS).code).toBe('X/D');
  });

  it('names every agreeing option when two give the same action', () => {
    const r = row(0x0018, 0x1002); // Device UID: Rtn UIDs K, Rtn Dev Id K
    expect(inWords(r, withOpts('retainUIDs', 'retainDeviceIdentity'))).toEqual({
      code: 'K',
      option: 'retainUIDs',
      reason: 'Retain UIDs Option, Retain Device Identity Option: K',
    });
  });

  const CONFLICT_ROWS = [
    '300C0127', '0014407E', '00181203', '0014407C', '00181205', '00181200',
    '0018700C', '00181204', '00181202', '00181201', '0018700E',
  ];
  it('finds exactly the 11 Dev. Id. K / Modif. Dates C rows', () => {
    const found = PROFILE_ROWS.filter(
      (r) => r.options.retainDeviceIdentity === 'K' && r.options.retainLongitudinalModifiedDates === 'C',
    ).map((r) => r.tag);
    expect(found.sort()).toEqual([...CONFLICT_ROWS].sort());
    // No other pair of options disagrees anywhere in the table.
    const disagree = PROFILE_ROWS.filter((r) => {
      const vals = OPTION_KEYS.filter((k) => k !== 'retainLongitudinalFullDates' && k !== 'retainLongitudinalModifiedDates')
        .map((k) => r.options[k])
        .concat(r.options.retainLongitudinalModifiedDates)
        .filter((v) => v !== undefined);
      return new Set(vals).size > 1;
    });
    expect(disagree.map((r) => r.tag).sort()).toEqual([...CONFLICT_ROWS].sort());
  });
  it.each(CONFLICT_ROWS)('%s: Retain Modified Dates C wins over Retain Device Identity K', (t) => {
    const r = lookupProfileRow(parseInt(t, 16))!;
    expect(inWords(r, withOpts('retainDeviceIdentity')).code).toBe('K');
    expect(inWords(r, withOpts('retainLongitudinalModifiedDates')).code).toBe('C');
    expect(inWords(r, withOpts('retainDeviceIdentity', 'retainLongitudinalFullDates')).code).toBe('K');
    const both = inWords(r, withOpts('retainDeviceIdentity', 'retainLongitudinalModifiedDates'));
    expect(both).toEqual({
      code: 'C',
      option: 'retainLongitudinalModifiedDates',
      reason:
        'Retain Longitudinal Temporal Information Modified Dates Option: C (overrides Retain Device Identity Option: K)',
    });
  });
});
