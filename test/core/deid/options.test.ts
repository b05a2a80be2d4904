// Every option of PS3.15 E.3 (Table E.1-1 columns) and the de-identification markers: Patient
// Identity Removed, De-identification Method (Code Sequence) with CID 7050 codes, and
// Longitudinal Temporal Information Modified.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_CODE, OPTION_INFO, OPTION_KEYS, type OptionKey } from '../../../src/core/profile/options.ts';
import { isSafePrivate } from '../../../src/core/profile/safe-private.ts';
import { CT_VALUES, T, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, numbers, planRows, raw, rowAt, text } from '../helpers.ts';

const item = (elements: FxElement[]): FxItem => ({ elements });
const PATIENT_IDENTITY_REMOVED = 0x00120062;
const DEID_METHOD = 0x00120063;
const DEID_CODES = 0x00120064;
const LONGITUDINAL = 0x00280303;

// Safe private attributes from PS3.15 Table E.3.10-1: GEMS_ACQU_01 (0019,xx23) Table Speed and (0019,xx24) Mid Scan Time.
const GE_CREATOR = 'GEMS_ACQU_01';
const SAFE_PRIVATE: FxElement[] = [
  { tag: 0x00190010, vr: 'LO', value: GE_CREATOR },
  { tag: 0x00191023, vr: 'DS', value: '39.37' },
  { tag: 0x00191024, vr: 'DS', value: '12.5' },
  { tag: 0x00191099, vr: 'LO', value: 'GE unsafe Jane' },
  // A second block of the same creator at another block byte: still safe by (group, element byte).
  { tag: 0x00190011, vr: 'LO', value: GE_CREATOR },
  { tag: 0x00191123, vr: 'DS', value: '40.5' },
  // A block with nothing safe: its creator goes too.
  { tag: 0x00210010, vr: 'LO', value: 'OTHER VENDOR' },
  { tag: 0x00211023, vr: 'DS', value: '1' },
];

function codesOf(ds: Parameters<typeof at>[0]): string[] {
  const seq = at(ds, DEID_CODES);
  if (!seq || seq.value.kind !== 'sequence') return [];
  return seq.value.items.map((it) => text(at(it, T.CodeValue)));
}

describe('Retain Safe Private', () => {
  it('the fixture attributes are (and are not) in Table E.3.10-1', () => {
    expect(isSafePrivate(GE_CREATOR, 0x00191023)).toBe(true);
    expect(isSafePrivate(GE_CREATOR, 0x00191123)).toBe(true);
    expect(isSafePrivate(GE_CREATOR, 0x00191099)).toBe(false);
    expect(isSafePrivate('OTHER VENDOR', 0x00211023)).toBe(false);
  });

  it('keeps safe private attributes with their creator; removes unsafe ones and creators of empty blocks', async () => {
    const input = makeCtLike({ extra: SAFE_PRIVATE });
    const { file, bytes } = await deid(input, makeTestSession({ retainSafePrivate: true }));
    const ds = file.dataset;
    expect(text(at(ds, 0x00190010))).toBe(GE_CREATOR);
    expect(text(at(ds, 0x00191023))).toBe('39.37');
    expect(text(at(ds, 0x00191024))).toBe('12.5');
    expect(text(at(ds, 0x00190011))).toBe(GE_CREATOR);
    expect(text(at(ds, 0x00191123))).toBe('40.5');
    expect(at(ds, 0x00191099)).toBeUndefined();
    expect(at(ds, 0x00210010)).toBeUndefined();
    expect(at(ds, 0x00211023)).toBeUndefined();
    // The fixture's ACME block (not in the safe list, with a private sequence) is gone whole.
    expect(at(ds, 0x00090010)).toBeUndefined();
    expect(at(ds, 0x00091002)).toBeUndefined();
    expect(contains(bytes, 'unsafe Jane')).toBe(false);
    expect(contains(bytes, 'OTHER VENDOR')).toBe(false);
    expect(codesOf(ds)).toContain(OPTION_INFO.retainSafePrivate.code);

    const { rows } = await planRows(input, makeTestSession({ retainSafePrivate: true }));
    expect(inEnglish(rowAt(rows, '(0019,1023)').reason)).toContain('E.3.10-1');
    expect(rowAt(rows, '(0021,0010)')).toMatchObject({ action: 'X', result: null });
    expect(inEnglish(rowAt(rows, '(0021,0010)').reason)).toMatch(/no safe attribute/);
    expect(rowAt(rows, '(0019,1099)').action).toBe('X');
  });

  it('works when the creator and the attributes were stored as UN', async () => {
    const extra: FxElement[] = [
      { tag: 0x00190010, vr: 'UN', value: new TextEncoder().encode(GE_CREATOR) },
      { tag: 0x00191023, vr: 'UN', value: new TextEncoder().encode('39.37 ') },
    ];
    const { file } = await deid(makeCtLike({ extra }), makeTestSession({ retainSafePrivate: true }));
    expect(text(at(file.dataset, 0x00190010))).toBe(GE_CREATOR);
    expect(text(at(file.dataset, 0x00191023))).toBe('39.37');
  });

  it('without the option every private attribute goes', async () => {
    const { file } = await deid(makeCtLike({ extra: SAFE_PRIVATE }));
    expect(file.dataset.elements.filter((e) => (e.tag >>> 16) % 2 === 1)).toEqual([]);
  });

  it('safe private attributes inside a standard sequence are kept with their creator', async () => {
    const input = makeCtLike({ extra: [{ tag: T.ReferencedImageSequence, vr: 'SQ', value: [item([
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: CT_VALUES.referencedSOPInstanceUID },
      { tag: 0x00190010, vr: 'LO', value: GE_CREATOR },
      { tag: 0x00191023, vr: 'DS', value: '7' },
      { tag: 0x00191099, vr: 'LO', value: 'nested unsafe' },
    ])] }] });
    const { file, bytes } = await deid(input, makeTestSession({ retainSafePrivate: true }));
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, 0x00190010))).toBe(GE_CREATOR);
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, 0x00191023))).toBe('7');
    expect(at(file.dataset, T.ReferencedImageSequence, 0, 0x00191099)).toBeUndefined();
    expect(contains(bytes, 'nested unsafe')).toBe(false);
  });
});

describe('options that keep (K) attributes', () => {
  it('Retain UIDs keeps every UID unchanged', async () => {
    const { file } = await deid(makeCtLike(), makeTestSession({ retainUIDs: true }));
    expect(text(at(file.dataset, T.SOPInstanceUID))).toBe(CT_VALUES.sopInstanceUID);
    expect(text(at(file.dataset, T.StudyInstanceUID))).toBe(CT_VALUES.studyInstanceUID);
    expect(text(at(file.dataset, T.SeriesInstanceUID))).toBe(CT_VALUES.seriesInstanceUID);
    expect(text(at(file.dataset, T.FrameOfReferenceUID))).toBe(CT_VALUES.frameOfReferenceUID);
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe(CT_VALUES.referencedSOPInstanceUID);
    expect(text(at(file.meta, T.MediaStorageSOPInstanceUID))).toBe(CT_VALUES.sopInstanceUID);
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.retainUIDs.code);
  });

  it('Retain Device Identity keeps station name and serial number', async () => {
    const base = await deid(makeCtLike());
    expect(at(base.file.dataset, T.StationName) ? raw(at(base.file.dataset, T.StationName)).length : 0).toBe(0);
    const { file } = await deid(makeCtLike(), makeTestSession({ retainDeviceIdentity: true }));
    expect(text(at(file.dataset, T.StationName))).toBe(CT_VALUES.stationName);
    expect(text(at(file.dataset, T.DeviceSerialNumber))).toBe(CT_VALUES.deviceSerialNumber);
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.retainDeviceIdentity.code);
  });

  it('Retain Institution Identity keeps institution name, address and department', async () => {
    const input = makeCtLike({ extra: [{ tag: T.InstitutionalDepartmentName, vr: 'LO', value: 'Radiology East' }] });
    const { file } = await deid(input, makeTestSession({ retainInstitutionIdentity: true }));
    expect(text(at(file.dataset, T.InstitutionName))).toBe(CT_VALUES.institutionName);
    expect(text(at(file.dataset, T.InstitutionAddress))).toBe(CT_VALUES.institutionAddress);
    expect(text(at(file.dataset, T.InstitutionalDepartmentName))).toBe('Radiology East');
    const base = await deid(input);
    expect(contains(base.bytes, 'Radiology East')).toBe(false);
    expect(contains(base.bytes, CT_VALUES.institutionName)).toBe(false);
  });

  it('Retain Patient Characteristics keeps sex, age and weight', async () => {
    const { file } = await deid(makeCtLike(), makeTestSession({ retainPatientCharacteristics: true }));
    expect(text(at(file.dataset, T.PatientSex))).toBe('F');
    expect(text(at(file.dataset, T.PatientAge))).toBe('054Y');
    expect(text(at(file.dataset, T.PatientWeight))).toBe('65.5');
    const base = await deid(makeCtLike());
    expect(at(base.file.dataset, T.PatientAge)).toBeUndefined();
    expect(at(base.file.dataset, T.PatientWeight)).toBeUndefined();
  });

  it('Retain Longitudinal Full Dates keeps dates and times unchanged', async () => {
    const { file } = await deid(makeCtLike(), makeTestSession({ retainLongitudinalFullDates: true }));
    expect(text(at(file.dataset, T.StudyDate))).toBe(CT_VALUES.studyDate);
    expect(text(at(file.dataset, T.StudyTime))).toBe(CT_VALUES.studyTime);
    expect(text(at(file.dataset, T.AcquisitionDateTime))).toBe(CT_VALUES.acquisitionDateTime);
    expect(text(at(file.dataset, LONGITUDINAL))).toBe('UNMODIFIED');
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.retainLongitudinalFullDates.code);
  });

  it('Retain Longitudinal Modified Dates shifts them and says MODIFIED', async () => {
    const { file } = await deid(makeCtLike(), makeTestSession({ retainLongitudinalModifiedDates: true }));
    const d = text(at(file.dataset, T.StudyDate));
    expect(d).toMatch(/^\d{8}$/);
    expect(d).not.toBe(CT_VALUES.studyDate);
    expect(text(at(file.dataset, LONGITUDINAL))).toBe('MODIFIED');
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.retainLongitudinalModifiedDates.code);
  });
});

describe('options that clean (C) text', () => {
  it('Clean Descriptors keeps descriptions with identifying text masked', async () => {
    const input = makeCtLike({ extra: [{ tag: T.StudyDescription, vr: 'LO', value: 'CT chest for Jane Doe, born 1970-02-14' }] });
    const { rows } = await planRows(input, makeTestSession({ cleanDescriptors: true }));
    expect(rowAt(rows, '(0008,1030)')).toMatchObject({ action: 'C', code: 'C' });
    expect(inEnglish(rowAt(rows, '(0008,1030)').reason)).toContain(OPTION_INFO.cleanDescriptors.meaning);
    const { file, bytes } = await deid(input, makeTestSession({ cleanDescriptors: true }));
    const desc = text(at(file.dataset, T.StudyDescription));
    expect(desc).toMatch(/^CT chest for /);
    expect(desc).toContain('***');
    for (const s of ['Jane', 'Doe', '1970-02-14']) expect(desc).not.toContain(s);
    // A description without identifiers is kept as it was.
    expect(text(at(file.dataset, T.SeriesDescription))).toBe('AXIAL 5MM');
    // Image Comments "Follow-up for Jane Doe, PID-0042" keeps its words but not the identifiers.
    const comments = text(at(file.dataset, T.ImageComments));
    expect(comments).toMatch(/^Follow-up for /);
    expect(comments).not.toMatch(/Jane|Doe|PID-0042/);
    expect(contains(bytes, 'Jane')).toBe(false);
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.cleanDescriptors.code);
  });

  it('with Retain Modified Dates, an original date in a cleaned description is masked too (it would reveal the shift)', async () => {
    const extra: FxElement[] = [{ tag: T.StudyDescription, vr: 'LO', value: `CT ${CT_VALUES.studyDate} follow-up` }];
    for (const options of [{ cleanDescriptors: true }, { cleanDescriptors: true, retainLongitudinalModifiedDates: true }]) {
      const { file, bytes } = await deid(makeCtLike({ extra }), makeTestSession(options));
      expect(text(at(file.dataset, T.StudyDescription)), JSON.stringify(options)).toBe('CT *** follow-up');
      expect(contains(bytes, CT_VALUES.studyDate)).toBe(false);
    }
  });

  it('Clean Descriptors masks a Turkish name written in capitals with İ', async () => {
    const enc = (t: string) => new TextEncoder().encode(t);
    const input = makeCtLike({
      specificCharacterSet: 'ISO_IR 192', patientName: enc('ÖZTÜRK^İSMAİL'),
      extra: [{ tag: T.StudyDescription, vr: 'LO', value: enc('BT KONTROL ÖZTÜRK İSMAİL') }],
    });
    const { file, bytes } = await deid(input, makeTestSession({ cleanDescriptors: true }));
    expect(Buffer.from(raw(at(file.dataset, T.StudyDescription))).toString('utf8').trim()).toBe('BT KONTROL ***');
    expect(contains(bytes, enc('İSMAİL'))).toBe(false);
  });

  it('Clean Descriptors also masks values removed elsewhere in the file (e.g. the station name)', async () => {
    const input = makeCtLike({ extra: [{ tag: T.SeriesDescription, vr: 'LO', value: `Scanned on ${CT_VALUES.stationName}` }] });
    const { file } = await deid(input, makeTestSession({ cleanDescriptors: true }));
    expect(text(at(file.dataset, T.SeriesDescription))).toBe('Scanned on ***');
  });

  it('Clean Structured Content keeps the content tree (C) instead of the basic dummy (D)', async () => {
    const input = makeCtLike({ extra: [{ tag: T.ContentSequence, vr: 'SQ', value: [item([
      { tag: 0x0040a040, vr: 'CS', value: 'PNAME' },
      { tag: 0x0040a123, vr: 'PN', value: 'Doe^Jane' },
    ])] }] });
    const basic = (await planRows(input)).rows;
    expect(rowAt(basic, '(0040,A730)').action).toBe('D');
    const { rows } = await planRows(input, makeTestSession({ cleanStructuredContent: true }));
    expect(rowAt(rows, '(0040,A730)')).toMatchObject({ action: 'C', code: 'C' });
    expect(inEnglish(rowAt(rows, '(0040,A730)').reason)).toContain(OPTION_INFO.cleanStructuredContent.meaning);
    const { file, bytes } = await deid(input, makeTestSession({ cleanStructuredContent: true }));
    expect(text(at(file.dataset, T.ContentSequence, 0, 0x0040a040))).toBe('PNAME');
    expect(contains(bytes, 'Doe^Jane')).toBe(false);
    expect(codesOf(file.dataset)).toContain(OPTION_INFO.cleanStructuredContent.code);
  });

  it('Clean Graphics keeps overlay data and cleans overlay comments; without it the overlay group goes', async () => {
    const overlay: FxElement[] = [
      { tag: 0x60000010, vr: 'US', value: [16] },
      { tag: 0x60000011, vr: 'US', value: [16] },
      { tag: 0x60000040, vr: 'CS', value: 'G' },
      { tag: 0x60000050, vr: 'SS', value: [1, 1] },
      { tag: 0x60000100, vr: 'US', value: [1] },
      { tag: 0x60000102, vr: 'US', value: [0] },
      { tag: 0x60003000, vr: 'OW', value: new Uint8Array(32).fill(0xf0) },
      { tag: 0x60004000, vr: 'LT', value: 'Marked by Dr for Jane Doe' },
    ];
    const input = makeCtLike({ extra: overlay });
    const cleaned = await deid(input, makeTestSession({ cleanGraphics: true }));
    expect(Array.from(raw(at(cleaned.file.dataset, 0x60003000)))).toEqual(new Array(32).fill(0xf0));
    expect(numbers(at(cleaned.file.dataset, 0x60000010))).toEqual([16]);
    const comment = at(cleaned.file.dataset, 0x60004000);
    if (comment) {
      expect(text(comment)).not.toMatch(/Jane|Doe/);
      expect(text(comment)).toMatch(/^Marked by Dr for /);
    }
    expect(contains(cleaned.bytes, 'Jane')).toBe(false);
    expect(codesOf(cleaned.file.dataset)).toContain(OPTION_INFO.cleanGraphics.code);

    const basic = await deid(input);
    expect(basic.file.dataset.elements.filter((e) => e.tag >>> 16 === 0x6000)).toEqual([]);
  });
});

describe('markers', () => {
  it('basic profile: identity removed, method, code 113100 only, dates REMOVED', async () => {
    const { file } = await deid(makeCtLike());
    expect(text(at(file.dataset, PATIENT_IDENTITY_REMOVED))).toBe('YES');
    expect(text(at(file.dataset, DEID_METHOD)).length).toBeGreaterThan(0);
    expect(codesOf(file.dataset)).toEqual([BASIC_PROFILE_CODE]);
    const seq = at(file.dataset, DEID_CODES)!;
    if (seq.value.kind !== 'sequence') throw new Error('no sequence');
    expect(text(at(seq.value.items[0], T.CodingSchemeDesignator))).toBe('DCM');
    expect(text(at(seq.value.items[0], T.CodeMeaning))).toBe('Basic Application Confidentiality Profile');
    expect(text(at(file.dataset, LONGITUDINAL))).toBe('REMOVED');
  });

  it.each(OPTION_KEYS.filter((k) => k !== 'retainLongitudinalFullDates'))('option %s adds its CID 7050 code', async (k: OptionKey) => {
    const { file } = await deid(makeCtLike(), makeTestSession({ [k]: true }));
    expect(codesOf(file.dataset)).toEqual([BASIC_PROFILE_CODE, OPTION_INFO[k].code]);
    const method = text(at(file.dataset, DEID_METHOD)).split('\\');
    expect(method).toContain(OPTION_INFO[k].meaning);
    for (const v of method) expect(v.length).toBeLessThanOrEqual(64);
  });

  it('all compatible options at once: every code, once each', async () => {
    const options = Object.fromEntries(OPTION_KEYS.map((k) => [k, k !== 'retainLongitudinalFullDates']));
    const { file } = await deid(makeCtLike(), makeTestSession(options));
    const codes = codesOf(file.dataset);
    expect(codes[0]).toBe(BASIC_PROFILE_CODE);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(OPTION_KEYS.length);
  });

  it('a second de-identification keeps the earlier codes and adds none twice', async () => {
    const first = await deid(makeCtLike(), makeTestSession({ retainUIDs: true }));
    const second = await deid(first.bytes, makeTestSession({ retainUIDs: true, cleanDescriptors: true }));
    expect(codesOf(second.file.dataset)).toEqual([BASIC_PROFILE_CODE, OPTION_INFO.retainUIDs.code, OPTION_INFO.cleanDescriptors.code]);
  });

  it('replaces an input Patient Identity Removed of NO', async () => {
    const { file } = await deid(makeCtLike({ extra: [{ tag: PATIENT_IDENTITY_REMOVED, vr: 'CS', value: 'NO' }] }));
    expect(text(at(file.dataset, PATIENT_IDENTITY_REMOVED))).toBe('YES');
  });
});
