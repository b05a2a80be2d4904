// The engine end to end for the actions that take a value away (PS3.15 E.1.1): X (remove) and
// Z (zero length, or the keyed pseudonym for Patient Name and ID), at top level and inside
// sequences, checked on the written and re-read bytes.

import { describe, expect, it } from 'vitest';
import { CT_IMAGE_STORAGE, CT_VALUES, T, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, KEY_A, KEY_B, planRows, raw, rowAt, text } from '../helpers.ts';

const item = (elements: FxElement[]): FxItem => ({ elements });

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
