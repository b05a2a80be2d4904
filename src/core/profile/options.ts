// The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), as the
// project names them: CLI flag, Table E.1-1 column, and the CID 7050 "De-identification
// Method" code (PS3.16) that records the option in De-identification Method Code Sequence.
// Clean Pixel Data and Clean Recognizable Visual Features have no Table E.1-1 column; their
// codes are exported here too, but they are not ProfileOptions.

import { msg, type Message } from '../messages/message.ts';

export const OPTION_KEYS = [
  'retainSafePrivate',
  'retainUIDs',
  'retainDeviceIdentity',
  'retainInstitutionIdentity',
  'retainPatientCharacteristics',
  'retainLongitudinalFullDates',
  'retainLongitudinalModifiedDates',
  'cleanDescriptors',
  'cleanStructuredContent',
  'cleanGraphics',
] as const;

export type OptionKey = (typeof OPTION_KEYS)[number];
export type ProfileOptions = Record<OptionKey, boolean>;

export const DEFAULT_OPTIONS: ProfileOptions = Object.freeze({
  retainSafePrivate: false,
  retainUIDs: false,
  retainDeviceIdentity: false,
  retainInstitutionIdentity: false,
  retainPatientCharacteristics: false,
  retainLongitudinalFullDates: false,
  retainLongitudinalModifiedDates: false,
  cleanDescriptors: false,
  cleanStructuredContent: false,
  cleanGraphics: false,
});

/** Coding scheme of the CID 7050 codes. */
export const CID_7050_SCHEME = 'DCM';

/** CID 7050 code of the Basic Application Confidentiality Profile itself. */
export const BASIC_PROFILE_CODE = '113100';
export const BASIC_PROFILE_MEANING = 'Basic Application Confidentiality Profile';

/** The two options without a Table E.1-1 column (they act on pixels, not attributes). */
export const CLEAN_PIXEL_DATA_CODE = '113101';
export const CLEAN_PIXEL_DATA_MEANING = 'Clean Pixel Data Option';
export const CLEAN_RECOGNIZABLE_VISUAL_FEATURES_CODE = '113102';
export const CLEAN_RECOGNIZABLE_VISUAL_FEATURES_MEANING = 'Clean Recognizable Visual Features Option';

export interface OptionInfo {
  /** CLI flag, e.g. '--retain-safe-private'. */
  flag: string;
  /** Table E.1-1 field name in the reference JSON, e.g. 'rtnSafePrivOpt'. */
  column: string;
  /** CID 7050 code value, e.g. '113111'. */
  code: string;
  /** CID 7050 code meaning, e.g. 'Retain Safe Private Option'. */
  meaning: string;
  /** Short label for the UI. */
  label: string;
  /** One line for the UI. */
  explanation: string;
}

export const OPTION_INFO: Record<OptionKey, OptionInfo> = {
  retainSafePrivate: {
    flag: '--retain-safe-private',
    column: 'rtnSafePrivOpt',
    code: '113111',
    meaning: 'Retain Safe Private Option',
    label: 'Retain safe private attributes',
    explanation: 'Keep private attributes known to be safe (PS3.15 Table E.3.10-1); remove all other private attributes.',
  },
  retainUIDs: {
    flag: '--retain-uids',
    column: 'rtnUIDsOpt',
    code: '113110',
    meaning: 'Retain UIDs Option',
    label: 'Retain UIDs',
    explanation: 'Keep study, series, instance and other UIDs instead of replacing them.',
  },
  retainDeviceIdentity: {
    flag: '--retain-device-identity',
    column: 'rtnDevIdOpt',
    code: '113109',
    meaning: 'Retain Device Identity Option',
    label: 'Retain device identity',
    explanation: 'Keep device serial numbers, station names, device UIDs and calibration details.',
  },
  retainInstitutionIdentity: {
    flag: '--retain-institution-identity',
    column: 'rtnInstIdOpt',
    code: '113112',
    meaning: 'Retain Institution Identity Option',
    label: 'Retain institution identity',
    explanation: 'Keep the institution name, address and department name.',
  },
  retainPatientCharacteristics: {
    flag: '--retain-patient-characteristics',
    column: 'rtnPatCharsOpt',
    code: '113108',
    meaning: 'Retain Patient Characteristics Option',
    label: 'Retain patient characteristics',
    explanation: 'Keep sex, age, size, weight and similar physical characteristics of the patient.',
  },
  retainLongitudinalFullDates: {
    flag: '--retain-full-dates',
    column: 'rtnLongFullDatesOpt',
    code: '113106',
    meaning: 'Retain Longitudinal Temporal Information Full Dates Option',
    label: 'Retain full dates',
    explanation: 'Keep all dates and times unchanged (excludes "modified dates").',
  },
  retainLongitudinalModifiedDates: {
    flag: '--retain-modified-dates',
    column: 'rtnLongModifDatesOpt',
    code: '113107',
    meaning: 'Retain Longitudinal Temporal Information Modified Dates Option',
    label: 'Retain modified dates',
    explanation: 'Shift dates and times consistently, keeping intervals between them (excludes "full dates").',
  },
  cleanDescriptors: {
    flag: '--clean-descriptors',
    column: 'cleanDescOpt',
    code: '113105',
    meaning: 'Clean Descriptors Option',
    label: 'Clean descriptors',
    explanation: 'Keep descriptions and comments, cleaned of identifying text, instead of removing them.',
  },
  cleanStructuredContent: {
    flag: '--clean-structured-content',
    column: 'cleanStructContOpt',
    code: '113104',
    meaning: 'Clean Structured Content Option',
    label: 'Clean structured content',
    explanation: 'Keep structured report content and acquisition context, cleaned of identifying values (without it an SR keeps one dummy content item).',
  },
  cleanGraphics: {
    flag: '--clean-graphics',
    column: 'cleanGraphOpt',
    code: '113103',
    meaning: 'Clean Graphics Option',
    label: 'Clean graphics',
    explanation: 'Keep overlays, curves and graphic annotations, cleaned of identifying text.',
  },
};

/** CLI flag -> option key. */
export const OPTION_BY_FLAG: ReadonlyMap<string, OptionKey> = new Map(
  OPTION_KEYS.map((k) => [OPTION_INFO[k].flag, k] as const),
);

/** Table E.1-1 column name -> option key. */
export const OPTION_BY_COLUMN: ReadonlyMap<string, OptionKey> = new Map(
  OPTION_KEYS.map((k) => [OPTION_INFO[k].column, k] as const),
);

/** `options` with `key` set; the two date options exclude each other (PS3.15 E.3.6): turning one on turns the other off. */
export function withOption(current: ProfileOptions, key: OptionKey, value: boolean): ProfileOptions {
  const options = { ...current, [key]: value };
  if (value && key === 'retainLongitudinalFullDates') options.retainLongitudinalModifiedDates = false;
  if (value && key === 'retainLongitudinalModifiedDates') options.retainLongitudinalFullDates = false;
  return options;
}

/** Errors in a set of options as Messages; empty when it is usable. */
export function validateOptions(o: ProfileOptions): Message[] {
  const errors: Message[] = [];
  const known = new Set<string>(OPTION_KEYS);
  for (const k of OPTION_KEYS) {
    if (typeof (o as Partial<Record<string, unknown>>)[k] !== 'boolean') {
      errors.push(msg('option-not-boolean', { option: msg(`plan.option.${k}`), flag: OPTION_INFO[k].flag }));
    }
  }
  for (const k of Object.keys(o)) {
    if (!known.has(k)) errors.push(msg('option-unknown', { key: k }));
  }
  if (o.retainLongitudinalFullDates === true && o.retainLongitudinalModifiedDates === true) {
    errors.push(msg('options-dates-exclusive', {
      full: msg('plan.option.retainLongitudinalFullDates'), fullFlag: OPTION_INFO.retainLongitudinalFullDates.flag,
      modified: msg('plan.option.retainLongitudinalModifiedDates'), modifiedFlag: OPTION_INFO.retainLongitudinalModifiedDates.flag,
    }));
  }
  return errors;
}
