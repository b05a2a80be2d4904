// Content trees under the Basic Profile as PS3.15 Table E.1-1 writes it: Content Sequence (0040,A730)
// is D, so without Clean Structured Content it becomes one dummy TEXT item (PS3.3 C.17.3); with the
// option the tree is kept and cleaned (C). Also the other D sequences with dummy items, X/D
// sequences, and the dose-report preset, on a TID 10011-shaped dose SR and a Basic Text SR.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/core/dicom/dataset.ts';
import {
  ANNOTATIONS_REMOVED_TEXT, PERSON_ID_REMOVED_CODE, SR_CONTENT_REMOVED_CONCEPT, SR_CONTENT_REMOVED_TEXT,
} from '../../../src/core/deid/dummy-sequences.ts';
import { OPTION_INFO, OPTION_KEYS, DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { choosePresetOptions, isPresetName, PRESET_NAMES, presetOf, PRESETS, withPreset } from '../../../src/core/profile/presets.ts';
import { makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { makeSr, SR_VALUES } from '../../fixtures/sr.ts';
import { at, contains, deid, makeTestSession, planRows, rowAt, text } from '../helpers.ts';

const CONTENT = 0x0040a730;
const VALUE_TYPE = 0x0040a040;
const RELATIONSHIP = 0x0040a010;
const CONCEPT = 0x0040a043;
const TEXT_VALUE = 0x0040a160;
const DEID_CODES = 0x00120064;
const item = (elements: FxElement[]): FxItem => ({ elements });

const items = (ds: Item, t: number): Item[] => {
  const e = at(ds, t);
  return e && e.value.kind === 'sequence' ? e.value.items : [];
};
const codesOf = (ds: Item): string[] => items(ds, DEID_CODES).map((it) => text(at(it, 0x00080100)));

function expectDummyTree(ds: Item): void {
  const content = items(ds, CONTENT);
  expect(content).toHaveLength(1);
  expect(text(at(content[0], RELATIONSHIP))).toBe('CONTAINS');
  expect(text(at(content[0], VALUE_TYPE))).toBe('TEXT');
  expect(text(at(content[0], CONCEPT, 0, 0x00080100))).toBe(SR_CONTENT_REMOVED_CONCEPT.value);
  expect(text(at(content[0], CONCEPT, 0, 0x00080102))).toBe(SR_CONTENT_REMOVED_CONCEPT.scheme);
  expect(text(at(content[0], TEXT_VALUE))).toBe(SR_CONTENT_REMOVED_TEXT);
  // The document root stays a CONTAINER with its title.
  expect(text(at(ds, VALUE_TYPE))).toBe('CONTAINER');
}

describe('Basic Profile: Content Sequence (D) becomes a dummy TEXT item', () => {
  it('dose report (TID 10011 shape): the tree, the dose values and the observer are gone', async () => {
    const input = makeSr('dose');
    const { file, bytes } = await deid(input);
    expectDummyTree(file.dataset);
    for (const s of [SR_VALUES.dlp, SR_VALUES.ctdivol, SR_VALUES.observerName, 'HEAD ROUTINE', SR_VALUES.stationName, SR_VALUES.eventStart]) {
      expect(contains(bytes, s), s).toBe(false);
    }
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0040,A730)')).toMatchObject({ action: 'D', code: 'D' });
    expect(inEnglish(rowAt(rows, '(0040,A730)').reason)).toContain('dummy item');
    // No rows for the original items: they were not walked, they were replaced.
    expect(rows.some((r) => r.path.startsWith('(0040,A730)['))).toBe(false);
    expect(codesOf(file.dataset)).not.toContain(OPTION_INFO.cleanStructuredContent.code);
  });

  it('basic text SR: the finding text naming the patient is gone', async () => {
    const { file, bytes } = await deid(makeSr('text'));
    expectDummyTree(file.dataset);
    expect(contains(bytes, 'Sorensen')).toBe(false);
    expect(contains(bytes, 'no acute findings')).toBe(false);
  });
});

describe('Clean Structured Content: the tree is kept and cleaned (C)', () => {
  it('dose report: every item and the dose values stay; the observer name does not', async () => {
    const session = makeTestSession({ cleanStructuredContent: true });
    const { file, bytes } = await deid(makeSr('dose'), session);
    expect(items(file.dataset, CONTENT)).toHaveLength(8);
    expect(text(at(file.dataset, CONTENT, 6, CONTENT, 0, 0x0040a300, 0, 0x0040a30a))).toBe(SR_VALUES.dlp);
    expect(text(at(file.dataset, CONTENT, 7, CONTENT, 2, 0x0040a300, 0, 0x0040a30a))).toBe(SR_VALUES.ctdivol);
    expect(contains(bytes, 'Technologist')).toBe(false);
    // Without Retain Device Identity the device serial number is not kept.
    expect(contains(bytes, SR_VALUES.deviceSerialNumber)).toBe(false);
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.cleanStructuredContent.code);
  });

  it('basic text SR: the finding stays with the patient\'s name and ID masked', async () => {
    const { file, bytes } = await deid(makeSr('text'), makeTestSession({ cleanStructuredContent: true }));
    const finding = text(at(file.dataset, CONTENT, 0, CONTENT, 0, TEXT_VALUE));
    expect(finding).toContain('no acute findings');
    expect(contains(bytes, 'Sorensen')).toBe(false);
    expect(contains(bytes, SR_VALUES.patientId)).toBe(false);
  });
});

describe('the dose-report preset', () => {
  it('is clean structured content + retain device identity + retain modified dates, and only that', () => {
    const o = withPreset(DEFAULT_OPTIONS, 'dose-report');
    expect(OPTION_KEYS.filter((k) => o[k])).toEqual(['retainDeviceIdentity', 'retainLongitudinalModifiedDates', 'cleanStructuredContent']);
    expect(presetOf(o)).toBe('dose-report');
    expect(presetOf(DEFAULT_OPTIONS)).toBeUndefined();
    expect(presetOf({ ...o, cleanDescriptors: true })).toBe('dose-report');
    expect(presetOf({ ...o, retainDeviceIdentity: false })).toBeUndefined();
    expect(isPresetName('dose-report')).toBe(true);
    expect(isPresetName('dose')).toBe(false);
    expect(PRESET_NAMES.every((n) => PRESETS[n].label.length > 0)).toBe(true);
  });

  it('the options panel choice: on top of the options chosen (Full Dates gives way), and none takes it off again', () => {
    const start = { ...DEFAULT_OPTIONS, retainLongitudinalFullDates: true, cleanDescriptors: true };
    const chosen = choosePresetOptions(start, 'dose-report');
    expect(OPTION_KEYS.filter((k) => chosen[k])).toEqual(['retainDeviceIdentity', 'retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent']);
    const none = choosePresetOptions(chosen, null);
    expect(OPTION_KEYS.filter((k) => none[k])).toEqual(['cleanDescriptors']);
    expect(choosePresetOptions(start, null)).toEqual(start);
  });

  it('keeps dose values and device identity, shifts the event time, and writes the codes of exactly those options', async () => {
    const session = makeTestSession(withPreset(DEFAULT_OPTIONS, 'dose-report'));
    const { file, bytes } = await deid(makeSr('dose'), session);
    expect(contains(bytes, SR_VALUES.dlp)).toBe(true);
    expect(contains(bytes, SR_VALUES.ctdivol)).toBe(true);
    expect(text(at(file.dataset, 0x00181000))).toBe(SR_VALUES.deviceSerialNumber);
    const started = text(at(file.dataset, CONTENT, 7, CONTENT, 1, 0x0040a120));
    expect(started).toMatch(/^\d{14}/);
    expect(started).not.toBe(SR_VALUES.eventStart);
    expect(contains(bytes, 'Technologist')).toBe(false);
    expect(contains(bytes, SR_VALUES.patientName)).toBe(false);
    expect(codesOf(file.dataset).sort()).toEqual(['113100', OPTION_INFO.retainDeviceIdentity.code, OPTION_INFO.retainLongitudinalModifiedDates.code, OPTION_INFO.cleanStructuredContent.code].sort());
    expect(text(at(file.dataset, 0x00280303))).toBe('MODIFIED');
  });
});

describe('other D and X/D sequences', () => {
  it('Person Identification Code Sequence (D) gets one dummy code of a private scheme', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x00401101, vr: 'SQ', value: [item([
      { tag: 0x00080100, vr: 'SH', value: 'EMP-88123' }, { tag: 0x00080102, vr: 'SH', value: '99HOSP' }, { tag: 0x00080104, vr: 'LO', value: 'Nurse Nadia Novak' },
    ])] }] });
    const { file, bytes } = await deid(input);
    expect(items(file.dataset, 0x00401101)).toHaveLength(1);
    expect(text(at(file.dataset, 0x00401101, 0, 0x00080100))).toBe(PERSON_ID_REMOVED_CODE.value);
    expect(text(at(file.dataset, 0x00401101, 0, 0x00080102))).toBe(PERSON_ID_REMOVED_CODE.scheme);
    for (const s of ['EMP-88123', 'Nadia', '99HOSP']) expect(contains(bytes, s), s).toBe(false);
  });

  it('Graphic Annotation Sequence (D) keeps its layer and says the annotations were removed; Clean Graphics keeps them', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x00700001, vr: 'SQ', value: [item([
      { tag: 0x00700002, vr: 'CS', value: 'LAYER1' },
      { tag: 0x00700008, vr: 'SQ', value: [item([{ tag: 0x00700003, vr: 'CS', value: 'PIXEL' }, { tag: 0x00700006, vr: 'ST', value: 'Patient Pia Petrov' }])] },
    ])] }] });
    const { file, bytes } = await deid(input);
    expect(items(file.dataset, 0x00700001)).toHaveLength(1);
    expect(text(at(file.dataset, 0x00700001, 0, 0x00700002))).toBe('LAYER1');
    expect(text(at(file.dataset, 0x00700001, 0, 0x00700008, 0, 0x00700006))).toBe(ANNOTATIONS_REMOVED_TEXT);
    expect(text(at(file.dataset, 0x00700001, 0, 0x00700008, 0, 0x00700003))).toBe('DISPLAY');
    expect(contains(bytes, 'Petrov')).toBe(false);
    const kept = await deid(input, makeTestSession({ cleanGraphics: true, cleanDescriptors: true }));
    expect(text(at(kept.file.dataset, 0x00700001, 0, 0x00700008, 0, 0x00700003))).toBe('PIXEL');
  });

  it('Waveform Annotation Sequence (X/D, module used only when annotations exist) is removed; kept with Clean Structured Content', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x0040b020, vr: 'SQ', value: [item([
      { tag: 0x00700006, vr: 'ST', value: 'Sinus rhythm' }, { tag: 0x0040a0b0, vr: 'US', value: [1, 1] },
    ])] }] });
    const basic = await deid(input);
    expect(at(basic.file.dataset, 0x0040b020)).toBeUndefined();
    expect((await planRows(input)).rows.find((r) => r.tag === '(0040,B020)')).toMatchObject({ action: 'X', code: 'X/D' });
    const kept = await deid(input, makeTestSession({ cleanStructuredContent: true }));
    expect(items(kept.file.dataset, 0x0040b020)).toHaveLength(1);
  });

  it('Verifying Observer Sequence (D, every attribute listed) keeps its item with each value replaced', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x0040a073, vr: 'SQ', value: [item([
      { tag: 0x0040a027, vr: 'LO', value: 'Verifying Org Ltd' }, { tag: 0x0040a030, vr: 'DT', value: '20240305101010' },
      { tag: 0x0040a075, vr: 'PN', value: 'Verifier^Victor' }, { tag: 0x0040a088, vr: 'SQ', value: [] },
    ])] }] });
    const { file, bytes } = await deid(input);
    expect(text(at(file.dataset, 0x0040a073, 0, 0x0040a075)).length).toBeGreaterThan(0);
    for (const s of ['Verifier', 'Verifying Org', '20240305101010']) expect(contains(bytes, s), s).toBe(false);
  });
});
