// The leak gate (PS3.15 E.1.1: no identifying value of the original may remain in the output,
// whatever attribute it was copied into) on synthetic CT files de-identified in memory: a clean
// output passes; names, IDs and dates copied into attributes Table E.1-1 does not list, or into
// safe private attributes kept by Retain Safe Private, are flagged, in any encoding and in the
// orders names are written in; UIDs match only whole; numbers only outside longer numbers;
// values the output legitimately keeps unchanged are notices, not leaks; output paths too.
// Leaks are planted in the written output (helpers.ts) so the tests do not depend on what the
// core's own cleaning happens to miss.

import { describe, expect, test } from 'vitest';
import { encodeGb } from '../../../src/core/charset/gb18030.ts';
import { collectIdentifyingValues } from '../../../src/core/leak/candidates.ts';
import { checkPathForLeaks, leakDigest, reportedLeaks, runLeakGate } from '../../../src/core/leak/gate.ts';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { CT_VALUES, makeCtLike, makePart10, T, TS, type FxElement } from '../../fixtures/make.ts';
import { deidentify, even, gate, KEY, latin1, planted, read, session } from './helpers.ts';

const withExtra = (extra: FxElement[], opts: Parameters<typeof makeCtLike>[0] = {}) => makeCtLike({ ...opts, extra: [...(opts.extra ?? []), ...extra] });
const manufacturer = (value: string | Uint8Array): FxElement => ({ tag: T.Manufacturer, vr: 'LO', value });
/** The CT fixture with `value` in Manufacturer (not listed in Table E.1-1: kept). */
const inManufacturer = (opts: Parameters<typeof makeCtLike>[0] = {}) => (v: Uint8Array) => withExtra([manufacturer(v)], opts);

describe('a clean output', () => {
  test('the CT fixture de-identified by the Basic Profile has no leak', async () => {
    const r = await gate(makeCtLike());
    expect(r.leaks).toEqual([]);
    expect(r.candidates).toBeGreaterThan(20);
  });

  test('the candidates hold the identifying values of CT_VALUES in their forms', async () => {
    const v = collectIdentifyingValues(await read(makeCtLike()), DEFAULT_OPTIONS);
    const values = new Set(v.candidates.map((c) => c.value));
    for (const x of [CT_VALUES.patientName, 'Jane Doe', 'Doe, Jane', 'Doe', 'Jane', CT_VALUES.patientId, CT_VALUES.otherPatientId, CT_VALUES.accessionNumber,
      CT_VALUES.patientBirthDate, '1970-02-14', '1970.02.14', CT_VALUES.studyInstanceUID, CT_VALUES.referencedSOPInstanceUID, CT_VALUES.institutionName,
      CT_VALUES.stationName, CT_VALUES.deviceSerialNumber, CT_VALUES.privateValue, 'Springfield', 'Olivia Operator']) {
      expect(values, x).toContain(x);
    }
    // Kept or short values are no candidates.
    for (const x of ['CT', 'ACME Medical', 'FixtureScan 64', CT_VALUES.privateCreator, '1.2.840.10008.5.1.4.1.1.2', 'Q']) expect(values, x).not.toContain(x);
    const name = v.candidates.find((c) => c.value === CT_VALUES.patientName)!;
    expect(name).toMatchObject({ kind: 'name', personal: true, source: 'PatientName (0010,0010)' });
    const uid = v.candidates.find((c) => c.value === CT_VALUES.referencedSOPInstanceUID)!;
    expect(uid).toMatchObject({ kind: 'uid', match: 'uid', source: 'ReferencedImageSequence[0]/ReferencedSOPInstanceUID (0008,1155)' });
  });
});

describe('values copied into attributes the profile keeps', () => {
  test('the patient name copied into Manufacturer (not listed in Table E.1-1, so kept) is flagged', async () => {
    const r = await planted(inManufacturer(), CT_VALUES.patientName);
    expect(latin1(r.output)).toContain(CT_VALUES.patientName);
    expect(r.leaks).toContainEqual({ value: CT_VALUES.patientName, source: 'PatientName (0010,0010)', kind: 'name', foundIn: 'element Manufacturer (0008,0070)' });
  });

  test('the name in "Given Family" and "Family, Given" order is flagged', async () => {
    for (const form of ['Jane Doe', 'DOE, JANE', 'JaneDoe']) {
      const r = await planted(inManufacturer(), `Scanned for ${form}`);
      expect(r.leaks.map((l) => [l.value.toLowerCase(), l.foundIn]), form).toContainEqual([form.toLowerCase(), 'element Manufacturer (0008,0070)']);
    }
  });

  test('a birth date in a safe private attribute kept by Retain Safe Private is flagged', async () => {
    const safePrivate = (v: Uint8Array) => withExtra([{ tag: 0x00190010, vr: 'LO', value: 'GEMS_ACQU_01' }, { tag: 0x0019109e, vr: 'LO', value: v }]);
    const r = await planted(safePrivate, `SEQ ${CT_VALUES.patientBirthDate}`, { retainSafePrivate: true });
    expect(latin1(r.output)).toContain(CT_VALUES.patientBirthDate); // the option keeps the attribute…
    expect(r.leaks).toContainEqual({ value: CT_VALUES.patientBirthDate, source: 'PatientBirthDate (0010,0030)', kind: 'date', foundIn: 'element (0019,109E) (0019,109E)' });
  });

  test('under Retain Longitudinal Modified Dates the original (shifted) dates must not remain', async () => {
    const clean = await gate(makeCtLike(), { retainLongitudinalModifiedDates: true });
    expect(clean.leaks).toEqual([]);
    const copied = await planted(inManufacturer(), `acq ${CT_VALUES.studyDate}`, { retainLongitudinalModifiedDates: true });
    expect(copied.leaks.map((l) => [l.value, l.kind])).toContainEqual([CT_VALUES.studyDate, 'date']);
  });

  test('a date in a written form (1970-02-14) is flagged too', async () => {
    const r = await planted(inManufacturer(), 'born 1970-02-14');
    expect(r.leaks.map((l) => l.value)).toContain('1970-02-14');
  });

  test('a GB18030-encoded Chinese name copied into Manufacturer is found', async () => {
    const gb = (s: string) => even(encodeGb(s, true) as Uint8Array);
    const r = await planted(inManufacturer({ specificCharacterSet: 'GB18030', patientName: gb('王^小明') }), gb('王小明'));
    expect(r.leaks.map((l) => [l.value, l.foundIn])).toContainEqual(['王小明', 'element Manufacturer (0008,0070)']);
    // …and in an output declared UTF-8, the UTF-8 bytes are found as well.
    const r2 = await planted(inManufacturer({ specificCharacterSet: 'ISO_IR 192', patientName: '王^小明' }), '患者 王小明');
    expect(r2.leaks.map((l) => l.value)).toContain('王小明');
  });

  test('a value the output keeps unchanged where the original had it is a notice, not a leak', async () => {
    // The removed Study Description "CHEST" is also the kept (not listed) Body Part Examined.
    const bodyPart = (v: Uint8Array) => withExtra([{ tag: T.StudyDescription, vr: 'LO', value: 'CHEST' }, { tag: 0x00180015, vr: 'CS', value: v }]);
    const r = await planted(bodyPart, 'CHEST');
    expect(r.leaks).toEqual([]);
    expect(r.notices).toContainEqual(expect.objectContaining({ value: 'CHEST', foundIn: 'element BodyPartExamined (0018,0015)' }));
  });

  test('a name component that the original also had in Manufacturer is a notice; the whole name is not', async () => {
    const part = await planted(inManufacturer(), 'Doe Instruments');
    expect(part.leaks).toEqual([]);
    expect(part.notices.map((n) => n.value)).toContain('Doe');
    const whole = await planted(inManufacturer(), 'Doe^Jane^Q Instruments');
    expect(whole.leaks.map((l) => l.value)).toContain(CT_VALUES.patientName);
  });
});

describe('match bounds', () => {
  test('a UID is flagged only whole: not as the start of a longer UID', async () => {
    const longer = await planted(inManufacturer(), `${CT_VALUES.studyInstanceUID}.5`);
    expect(longer.leaks).toEqual([]);
    const whole = await planted(inManufacturer(), `ref ${CT_VALUES.studyInstanceUID}`);
    expect(whole.leaks).toContainEqual(expect.objectContaining({ value: CT_VALUES.studyInstanceUID, kind: 'uid', foundIn: 'element Manufacturer (0008,0070)' }));
  });

  test('a digit-only ID inside a longer number is not flagged; on its own it is', async () => {
    const inside = await planted(inManufacturer({ patientId: '12345678' }), 'serial 9912345678');
    expect(inside.leaks).toEqual([]);
    const alone = await planted(inManufacturer({ patientId: '12345678' }), 'ref 12345678-A');
    expect(alone.leaks).toContainEqual(expect.objectContaining({ value: '12345678', kind: 'id' }));
  });

  test('a short name part matches as a word only ("Ann" is not in "SCANNER")', async () => {
    const scanner = await planted(inManufacturer({ patientName: 'Ann^Lee' }), 'SCANNER CORP');
    expect(scanner.leaks).toEqual([]);
  });

  test('text the de-identifier writes (De-identification Method, CID 7050 meanings) is no leak', async () => {
    const r = await gate(makeCtLike({ patientName: 'NAME^PATIENT^OPTION' }), { retainPatientCharacteristics: true, cleanDescriptors: true });
    expect(latin1(r.output)).toContain('Retain Patient Characteristics Option');
    expect(r.leaks).toEqual([]);
  });

  test('a private PN gives name parts from 4 characters only (vendor labels such as "SyngoWorkflow^RIS")', async () => {
    const v = collectIdentifyingValues(await read(withExtra([{ tag: 0x00330010, vr: 'LO', value: 'VENDOR' }, { tag: 0x0033101e, vr: 'PN', value: 'SyngoWorkflow^RIS^CCF' }])), DEFAULT_OPTIONS);
    const values = v.candidates.map((c) => c.value);
    expect(values).toContain('SyngoWorkflow');
    expect(values).not.toContain('RIS');
  });

  test('pixel data is not searched', async () => {
    const input = makeCtLike({ patientId: 'PIXELPID9', noPixelData: true, extra: [{ tag: T.PixelData, vr: 'OB', value: new TextEncoder().encode('..PIXELPID9..PIXELPID9..') }] });
    const r = await gate(input);
    expect(latin1(r.output)).toContain('PIXELPID9');
    expect(r.leaks).toEqual([]);
  });

  test('a deflated output is searched after inflating', async () => {
    const original = await read(withExtra([manufacturer(CT_VALUES.patientName)], { transferSyntax: TS.DeflatedLE }));
    // A hand-made deflated output that kept the copy (the gate does not care who wrote it).
    const output = makePart10([
      { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' }, { tag: T.SOPInstanceUID, vr: 'UI', value: '2.25.1' },
      manufacturer(CT_VALUES.patientName), { tag: T.PatientName, vr: 'PN', value: 'VEIL^X' },
    ], { transferSyntax: TS.DeflatedLE });
    expect(latin1(output)).not.toContain(CT_VALUES.patientName);
    const r = await runLeakGate(original, output, null, DEFAULT_OPTIONS);
    expect(r.leaks).toContainEqual(expect.objectContaining({ value: CT_VALUES.patientName, foundIn: 'element Manufacturer (0008,0070)' }));
  });
});

describe('output paths', () => {
  test('a path holding the patient name or ID is flagged; new-UID paths are not', async () => {
    const v = collectIdentifyingValues(await read(makeCtLike()), DEFAULT_OPTIONS);
    // Name components from 4 characters on ("Doe" alone is too common a string in paths).
    expect(checkPathForLeaks('Doe_Jane/CT/img0001.dcm', v)).toEqual([{ value: 'Jane', source: 'PatientName (0010,0010)', kind: 'name', foundIn: 'output path' }]);
    expect(checkPathForLeaks('Jane Doe/CT/img0001.dcm', v).map((h) => h.value)).toEqual(['Jane Doe']);
    expect(checkPathForLeaks('by-id/PID-0042/1.dcm', v).map((h) => h.value)).toEqual(['PID-0042']);
    expect(checkPathForLeaks(`x/${CT_VALUES.studyInstanceUID}.dcm`, v).map((h) => h.value)).toEqual([CT_VALUES.studyInstanceUID]);
    expect(checkPathForLeaks('2.25.1234/2.25.5678/2.25.9.dcm', v)).toEqual([]);
    expect(checkPathForLeaks('Doedicker/scan.dcm', v)).toEqual([]);
  });

  test('runLeakGate checks the path it is given', async () => {
    const input = makeCtLike();
    const s = session();
    const out = await deidentify(input, s);
    const r = await runLeakGate(await read(input), out, 'DOE^JANE^Q/1.dcm', s.options);
    expect(r.leaks.map((l) => l.foundIn)).toEqual(['output path']);
  });
});

describe('reporting', () => {
  test('findings are reported by a keyed digest, never by value', async () => {
    const r = await planted(inManufacturer(), CT_VALUES.patientName);
    const rep = reportedLeaks(KEY, r.leaks);
    expect(JSON.stringify(rep)).not.toContain('Doe');
    expect(rep[0].valueHash).toMatch(/^[0-9a-f]{16}$/);
    expect(rep[0].valueHash).toBe(leakDigest(KEY, CT_VALUES.patientName));
    expect(leakDigest(new Uint8Array(32), CT_VALUES.patientName)).not.toBe(rep[0].valueHash);
  });
});
