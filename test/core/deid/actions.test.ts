// The engine end to end, one action code at a time (PS3.15 E.1.1): X, Z, D, K, C, U and the
// compound codes, at top level and inside sequences, checked on the written and re-read bytes.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { CT_IMAGE_STORAGE, CT_VALUES, T, TS, encodeElements, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, KEY_A, KEY_B, numbers, planRows, raw, read, rowAt, text } from '../helpers.ts';
import { warningTexts } from '../../helpers/messages.ts';

const SHARED_FG = 0x52009229;
const RT_PLAN = '1.2.840.10008.5.1.4.1.1.481.5';
const RT_PLAN_DATE = 0x300a0006;
const CONTRAST_AGENT = 0x00180010;
const item = (elements: FxElement[]): FxItem => ({ elements });

/** Milliseconds since the epoch of a DA (+ optional TM) or DT value, parsed independently of the engine. */
function moment(da: string, tm = ''): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(\.\d+)?$/.exec(da + tm.replace(/\..*$/, ''));
  if (!m) throw new Error(`bad date ${da} ${tm}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

describe('X: remove', () => {
  it('removes listed attributes at top level, whole sequences included, and nothing identifying remains', async () => {
    const { file, bytes } = await deid(makeCtLike());
    for (const t of [T.InstitutionAddress, T.StudyDescription, T.SeriesDescription, T.ImageComments, T.OtherPatientIDsSequence, T.RequestAttributesSequence, T.PatientAge, T.PatientWeight]) {
      expect(at(file.dataset, t), `tag ${t.toString(16)}`).toBeUndefined();
    }
    const identifying = [
      CT_VALUES.patientName, CT_VALUES.patientId, CT_VALUES.otherPatientId, CT_VALUES.patientBirthDate, CT_VALUES.studyDate,
      CT_VALUES.studyTime, CT_VALUES.acquisitionDateTime, CT_VALUES.accessionNumber, CT_VALUES.institutionName, CT_VALUES.institutionAddress,
      CT_VALUES.referringPhysicianName, CT_VALUES.operatorsName, CT_VALUES.stationName, CT_VALUES.deviceSerialNumber, CT_VALUES.imageComments,
      CT_VALUES.studyInstanceUID, CT_VALUES.seriesInstanceUID, CT_VALUES.sopInstanceUID, CT_VALUES.frameOfReferenceUID,
      CT_VALUES.referencedSOPInstanceUID, CT_VALUES.privateValue, CT_VALUES.privateCreator, 'Jane', 'PID-0042', 'SPS-0001', 'RP-0099', 'STUDY42',
    ];
    for (const s of identifying) expect(contains(bytes, s), s).toBe(false);
  });

  it('removes X attributes inside kept sequences', async () => {
    const extra: FxElement[] = [{
      tag: T.ReferencedImageSequence, vr: 'SQ', value: [item([
        { tag: T.InstitutionName, vr: 'LO', value: 'Nested General Hospital' },
        { tag: T.InstitutionAddress, vr: 'ST', value: '9 Nested Road' },
        { tag: T.ReferencedSOPClassUID, vr: 'UI', value: CT_IMAGE_STORAGE },
        { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: CT_VALUES.referencedSOPInstanceUID },
        { tag: T.StudyDescription, vr: 'LO', value: 'Nested description' },
      ])],
    }];
    const input = makeCtLike({ extra });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,1140)[0].(0008,0081)').action).toBe('X');
    expect(rowAt(rows, '(0008,1140)[0].(0008,1030)').action).toBe('X');
    expect(['X', 'Z']).toContain(rowAt(rows, '(0008,1140)[0].(0008,0080)').action);
    const { file, bytes } = await deid(input);
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.InstitutionAddress)).toBeUndefined();
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.StudyDescription)).toBeUndefined();
    const inst = at(file.dataset, T.ReferencedImageSequence, 0, T.InstitutionName);
    if (inst) expect(raw(inst).length).toBe(0);
    for (const s of ['Nested General Hospital', '9 Nested Road', 'Nested description']) expect(contains(bytes, s)).toBe(false);
    // The sequence itself survives with its reference.
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPClassUID))).toBe(CT_IMAGE_STORAGE);
  });

  it('PatientName inside Request Attributes Sequence: gone with the sequence (basic), pseudonymised when the sequence is cleaned', async () => {
    const basic = await deid(makeCtLike());
    expect(at(basic.file.dataset, T.RequestAttributesSequence)).toBeUndefined();
    const cleaned = await deid(makeCtLike(), makeTestSession({ cleanDescriptors: true }));
    const top = text(at(cleaned.file.dataset, T.PatientName));
    expect(top).toMatch(/^VEIL\^[A-Z2-9]{12}$/);
    expect(text(at(cleaned.file.dataset, T.RequestAttributesSequence, 0, T.PatientName))).toBe(top);
    expect(at(cleaned.file.dataset, T.RequestAttributesSequence, 0, T.ScheduledProcedureStepID)).toBeUndefined();
    expect(contains(cleaned.bytes, CT_VALUES.patientName)).toBe(false);
  });
});

describe('Z: zero length', () => {
  it('keeps Z attributes present and empty', async () => {
    const { file } = await deid(makeCtLike());
    for (const t of [T.AccessionNumber, T.StudyID, T.ReferringPhysicianName, T.PatientBirthDate, T.StudyDate, T.StudyTime, T.PatientSex]) {
      const el = at(file.dataset, t);
      expect(el, `tag ${t.toString(16)}`).toBeDefined();
      expect(raw(el).length, `tag ${t.toString(16)}`).toBe(0);
    }
  });

  it('Patient Name and Patient ID get the keyed pseudonym instead, the same for the same patient and key', async () => {
    const a = await deid(makeCtLike());
    const name = text(at(a.file.dataset, T.PatientName));
    const id = text(at(a.file.dataset, T.PatientID));
    const code = /^VEIL\^([A-Z2-9]{12})$/.exec(name)?.[1];
    expect(code).toBeDefined();
    expect(id).toBe(`VEIL-${code}`);
    // Another file of the same patient, a new session with the same key: the same pseudonym.
    const b = await deid(makeCtLike({ sopInstanceUID: '1.2.826.0.1.3680043.9999.1.3.2' }), makeTestSession({}, KEY_A));
    expect(text(at(b.file.dataset, T.PatientName))).toBe(name);
    expect(text(at(b.file.dataset, T.PatientID))).toBe(id);
    // Another key, or another patient: another pseudonym.
    const c = await deid(makeCtLike(), makeTestSession({}, KEY_B));
    expect(text(at(c.file.dataset, T.PatientID))).not.toBe(id);
    const d = await deid(makeCtLike({ patientId: 'PID-0043' }));
    expect(text(at(d.file.dataset, T.PatientID))).not.toBe(id);
    expect(a.result.outcome?.ids.patientID).toBe(id);
    expect(a.result.outcome?.ids.originalPatientID).toBe(CT_VALUES.patientId);
  });
});

describe('D: dummy', () => {
  const enhanced = (extra: FxElement[] = []) => makeCtLike({ extra: [{ tag: SHARED_FG, vr: 'SQ', value: [item([])] }, ...extra] });

  it('Type 1 attributes of an enhanced multi-frame data set get a non-empty dummy that differs from the original', async () => {
    const input = enhanced();
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,0023)')).toMatchObject({ code: 'Z/D', action: 'D' });
    expect(rowAt(rows, '(0008,0033)')).toMatchObject({ code: 'Z/D', action: 'D' });
    expect(rowAt(rows, '(0018,1000)')).toMatchObject({ code: 'X/Z/D', action: 'D' });
    expect(rowAt(rows, '(0008,002A)')).toMatchObject({ code: 'X/Z/D', action: 'D' });
    const { file } = await deid(input);
    const date = text(at(file.dataset, T.ContentDate));
    expect(date).toMatch(/^\d{8}$/);
    expect(date).not.toBe(CT_VALUES.studyDate);
    const time = text(at(file.dataset, T.ContentTime));
    expect(time).toMatch(/^\d{6}/);
    // A dummy time never repeats any original time of the file.
    for (const t of ['101546', '101545', '101540', CT_VALUES.studyTime]) expect(time).not.toBe(t);
    const serial = text(at(file.dataset, T.DeviceSerialNumber));
    expect(serial.length).toBeGreaterThan(0);
    expect(serial).not.toBe(CT_VALUES.deviceSerialNumber);
    expect(text(at(file.dataset, T.AcquisitionDateTime))).toMatch(/^\d{14}/);
  });

  it('a dummy differs from the original even when the original looks like the usual dummy', async () => {
    const input = enhanced([{ tag: T.ContentDate, vr: 'DA', value: '19000101' }, { tag: T.ContentTime, vr: 'TM', value: '000000' }]);
    const { file } = await deid(input);
    expect(text(at(file.dataset, T.ContentDate))).toMatch(/^\d{8}$/);
    expect(text(at(file.dataset, T.ContentDate))).not.toBe('19000101');
    expect(text(at(file.dataset, T.ContentTime))).not.toBe('000000');
  });

  it('D inside a sequence: Verifying Observer Name in Verifying Observer Sequence becomes a dummy', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x0040a073, vr: 'SQ', value: [item([{ tag: 0x0040a075, vr: 'PN', value: 'Observer^Oscar' }])] }] });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0040,A073)[0].(0040,A075)').action).toBe('D');
    const { file, bytes } = await deid(input);
    const pn = text(at(file.dataset, 0x0040a073, 0, 0x0040a075));
    expect(pn.length).toBeGreaterThan(0);
    expect(contains(bytes, 'Observer')).toBe(false);
  });
});

describe('K: keep', () => {
  it('keeps attributes the profile does not touch byte for byte', async () => {
    const input = makeCtLike();
    const before = await read(input);
    const { file } = await deid(input);
    for (const t of [T.Modality, T.ImageType, T.SOPClassUID, T.Rows, T.Columns, T.ImagePositionPatient, T.PixelSpacing, T.BitsStored, T.SpecificCharacterSet, T.Manufacturer, T.KVP]) {
      expect(Array.from(raw(at(file.dataset, t))), `tag ${t.toString(16)}`).toEqual(Array.from(raw(at(before.dataset, t))));
    }
    expect(numbers(at(file.dataset, T.Rows))).toEqual([16]);
  });
});

describe('C: dates under Retain Longitudinal Temporal Information with Modified Dates', () => {
  const session = () => makeTestSession({ retainLongitudinalModifiedDates: true });

  it('shifts every date by the same whole days and every time by the same seconds (no carry), DT alike, intervals kept', async () => {
    const input = makeCtLike();
    const { rows } = await planRows(input, session());
    expect(rowAt(rows, '(0008,0020)').action).toBe('C');
    const { file, bytes } = await deid(input, session());
    const s = (t: number) => text(at(file.dataset, t));
    const studyShift = moment(CT_VALUES.studyDate, CT_VALUES.studyTime) - moment(s(T.StudyDate), s(T.StudyTime));
    const seriesShift = moment(CT_VALUES.studyDate, '101540') - moment(s(T.SeriesDate), s(T.SeriesTime));
    const acqShift = moment(CT_VALUES.studyDate, '101545') - moment(s(T.AcquisitionDate), s(T.AcquisitionTime));
    const dtShift = moment(CT_VALUES.acquisitionDateTime.slice(0, 14)) - moment(s(T.AcquisitionDateTime).slice(0, 14));
    expect(studyShift).toBeGreaterThan(365 * 86_400_000);
    expect(studyShift % 86_400_000).not.toBe(0); // times move too
    expect(seriesShift).toBe(studyShift);
    expect(acqShift).toBe(studyShift);
    expect(dtShift).toBe(studyShift);
    // Fractions and precision survive.
    expect(s(T.StudyTime)).toMatch(/^\d{6}\.123$/);
    expect(s(T.AcquisitionDateTime)).toMatch(/^\d{14}\.000000$/);
    // No original date or time string remains anywhere in the file.
    for (const v of [CT_VALUES.studyDate, CT_VALUES.patientBirthDate, '101530', '101540', '101545', '101546', '20240315101545']) {
      expect(contains(bytes, v), v).toBe(false);
    }
    expect(text(at(file.dataset, 0x00280303))).toBe('MODIFIED');
  });

  it('intervals between dates of one patient are preserved across files; another patient moves differently', async () => {
    const sess = session();
    const a = await deid(makeCtLike(), sess);
    const b = await deid(makeCtLike({ sopInstanceUID: '1.2.826.0.1.3680043.9999.1.3.9', extra: [{ tag: T.StudyDate, vr: 'DA', value: '20240401' }] }), sess);
    const da = text(at(a.file.dataset, T.StudyDate));
    const db = text(at(b.file.dataset, T.StudyDate));
    expect(da).not.toBe(CT_VALUES.studyDate);
    expect(moment(db) - moment(da)).toBe(17 * 86_400_000);
    // Same key, new session (another machine): the same shifted dates.
    const again = await deid(makeCtLike(), session());
    expect(text(at(again.file.dataset, T.StudyDate))).toBe(da);
    const other = await deid(makeCtLike({ patientId: 'SOMEONE-ELSE' }), session());
    expect(text(at(other.file.dataset, T.StudyDate))).not.toBe(da);
  });

  it('an invalid date is emptied with a warning instead of kept', async () => {
    const input = makeCtLike({ extra: [{ tag: T.SeriesDate, vr: 'DA', value: '20241341' }] });
    const { file, result } = await deid(input, session());
    expect(raw(at(file.dataset, T.SeriesDate)).length).toBe(0);
    expect(warningTexts(result).some((w) => w.includes('20241341'))).toBe(true);
  });
});

describe('U: UIDs', () => {
  const UID = /^2\.25\.[1-9]\d*$/;

  it('remaps instance UIDs (also inside sequences) to 2.25 UIDs, keeps registry UIDs, fills empty ones', async () => {
    const input = makeCtLike({ extra: [{ tag: T.FrameOfReferenceUID, vr: 'UI', value: '' }] });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,1140)[0].(0008,1155)').action).toBe('U');
    const { file, result } = await deid(input);
    const ds = file.dataset;
    const uids = [T.SOPInstanceUID, T.StudyInstanceUID, T.SeriesInstanceUID].map((t) => text(at(ds, t)));
    const ref = text(at(ds, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID));
    for (const u of [...uids, ref]) {
      expect(u).toMatch(UID);
      expect(u.length).toBeLessThanOrEqual(64);
    }
    expect(new Set([...uids, ref]).size).toBe(4);
    // Empty U attribute: replaced by a UID (U never leaves a value empty).
    expect(text(at(ds, T.FrameOfReferenceUID))).toMatch(UID);
    // Registry UIDs stay.
    expect(text(at(ds, T.SOPClassUID))).toBe(CT_IMAGE_STORAGE);
    expect(text(at(ds, T.ReferencedImageSequence, 0, T.ReferencedSOPClassUID))).toBe(CT_IMAGE_STORAGE);
    // File meta follows the new SOP Instance UID; implementation is Veil's.
    expect(text(at(file.meta, T.MediaStorageSOPInstanceUID))).toBe(uids[0]);
    expect(text(at(file.meta, T.MediaStorageSOPClassUID))).toBe(CT_IMAGE_STORAGE);
    expect(text(at(file.meta, T.TransferSyntaxUID))).toBe(TS.ExplicitLE);
    expect(text(at(file.meta, T.ImplementationClassUID))).not.toBe('1.2.3.4.5.6');
    expect(result.outcome?.ids.sopInstanceUID).toBe(uids[0]);
  });

  it('is consistent across files with one key (references match) and different with another key', async () => {
    // File B references file A's SOP Instance UID.
    const a = await deid(makeCtLike(), makeTestSession({}, KEY_A));
    const bInput = makeCtLike({
      sopInstanceUID: '1.2.826.0.1.3680043.9999.1.3.2',
      extra: [{ tag: T.ReferencedImageSequence, vr: 'SQ', value: [item([
        { tag: T.ReferencedSOPClassUID, vr: 'UI', value: CT_IMAGE_STORAGE },
        { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: CT_VALUES.sopInstanceUID },
      ])] }],
    });
    const b = await deid(bInput, makeTestSession({}, KEY_A));
    expect(text(at(b.file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe(text(at(a.file.dataset, T.SOPInstanceUID)));
    expect(text(at(b.file.dataset, T.StudyInstanceUID))).toBe(text(at(a.file.dataset, T.StudyInstanceUID)));
    expect(text(at(b.file.dataset, T.SOPInstanceUID))).not.toBe(text(at(a.file.dataset, T.SOPInstanceUID)));
    const c = await deid(makeCtLike(), makeTestSession({}, KEY_B));
    expect(text(at(c.file.dataset, T.StudyInstanceUID))).not.toBe(text(at(a.file.dataset, T.StudyInstanceUID)));
    expect(text(at(c.file.dataset, T.StudyInstanceUID))).toMatch(UID);
  });
});

describe('sequences stored as UN', () => {
  it('a big endian file: UIDs inside are remapped, X attributes removed, little endian values kept', async () => {
    const unValue = encodeElements([{ tag: T.ReferencedImageSequence, vr: 'UN', value: [item([
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.5.5' },
      { tag: T.Rows, vr: 'US', value: [258] },
      { tag: T.InstitutionAddress, vr: 'ST', value: 'Hidden Road 1' },
    ])] }], { explicitVR: true, littleEndian: true }).subarray(12);
    const input = makeCtLike({ transferSyntax: TS.ExplicitBE, extra: [{ tag: T.ReferencedImageSequence, vr: 'UN', value: unValue }] });
    const { file, bytes } = await deid(input);
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toMatch(/^2\.25\./);
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.InstitutionAddress)).toBeUndefined();
    const seq = at(file.dataset, T.ReferencedImageSequence)!;
    const le = seq.value.kind === 'sequence' ? (seq.value.items[0].encoding?.littleEndian ?? false) : false;
    expect(numbers(at(file.dataset, T.ReferencedImageSequence, 0, T.Rows), le)).toEqual([258]);
    for (const s of ['Hidden Road', '1.2.826.0.1.3680043.9999.5.5']) expect(contains(bytes, s)).toBe(false);
  });
});

describe('compound codes', () => {
  it('Z/D, X/Z, X/D, X/Z/D and X/Z/U* resolve to one of their alternatives, by IOD', async () => {
    const ct = makeCtLike({ extra: [{ tag: CONTRAST_AGENT, vr: 'LO', value: 'Iodine Jane' }, { tag: RT_PLAN_DATE, vr: 'DA', value: '20240310' }] });
    const { rows } = await planRows(ct);
    const r = (p: string) => rowAt(rows, p);
    expect(r('(0018,0010)')).toMatchObject({ code: 'Z/D', action: 'Z', result: '' });
    expect(r('(0008,0023)').code).toBe('Z/D');
    expect(['Z', 'D']).toContain(r('(0008,0023)').action);
    expect(r('(0008,0022)').code).toBe('X/Z');
    expect(['X', 'Z']).toContain(r('(0008,0022)').action);
    expect(r('(0008,0012)')).toMatchObject({ code: 'X/D', action: 'X', result: null });
    expect(r('(300A,0006)')).toMatchObject({ code: 'X/D', action: 'X' }); // not an RT Plan: not required
    expect(r('(0008,0080)').code).toBe('X/Z/D');
    expect(['X', 'Z']).toContain(r('(0008,0080)').action); // CT: Institution Name not required
    expect(r('(0008,1140)')).toMatchObject({ code: 'X/Z/U*', action: 'U' });
    for (const p of ['(0018,0010)', '(0008,0022)', '(0008,0012)', '(0008,0080)', '(0008,1140)']) expect(inEnglish(r(p).reason)).toContain(' → ');

    // In an RT Plan, RT Plan Date is Type 2: X/D gives D.
    const plan = makeCtLike({ extra: [{ tag: T.SOPClassUID, vr: 'UI', value: RT_PLAN }, { tag: RT_PLAN_DATE, vr: 'DA', value: '20240310' }] });
    const pr = (await planRows(plan)).rows;
    expect(rowAt(pr, '(300A,0006)')).toMatchObject({ code: 'X/D', action: 'D' });
    const out = await deid(plan);
    expect(text(at(out.file.dataset, RT_PLAN_DATE))).toMatch(/^\d{8}$/);
    expect(text(at(out.file.dataset, RT_PLAN_DATE))).not.toBe('20240310');
  });

  it('X/Z on a sequence inside a kept sequence: removed, emptied, or kept with its UIDs replaced', async () => {
    const { file, rows } = await deid(makeCtLike(), makeTestSession({ cleanDescriptors: true })).then(async (d) => ({ ...d, rows: (await planRows(makeCtLike(), makeTestSession({ cleanDescriptors: true }))).rows }));
    expect(rowAt(rows, '(0040,0275)[0].(0008,1110)').code).toBe('X/Z');
    const ref = at(file.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence);
    if (ref && ref.value.kind === 'sequence' && ref.value.items.length > 0) {
      expect(text(at(file.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence, 0, T.ReferencedSOPInstanceUID))).toMatch(/^2\.25\./);
    }
  });
});
