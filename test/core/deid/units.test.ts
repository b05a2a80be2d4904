// Unit tests of the engine's parts: UID remapping, date shifting, text cleaning, compound-action
// resolution, element policy, dummy values, markers, output verification and sniffing.

import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { bytesElement, type Element } from '../../../src/core/dicom/dataset.ts';
import { tag } from '../../../src/core/dicom/tag.ts';
import { asciiBytes } from '../../../src/core/dicom/value-text.ts';
import { DateShifter, patientDateOffset } from '../../../src/core/deid/date-shifter.ts';
import { decide, type PolicyContext } from '../../../src/core/deid/element-policy.ts';
import { needsPresence, needsValue, resolveCompound } from '../../../src/core/deid/iod-requirements.ts';
import { methodCodes } from '../../../src/core/deid/markers.ts';
import { Pseudonymizer } from '../../../src/core/deid/pseudonymizer.ts';
import { dummyBinary, dummyString } from '../../../src/core/deid/replacement-values.ts';
import { sniffDicom } from '../../../src/core/deid/sniff.ts';
import { dateForms, nameParts, TextCleaner } from '../../../src/core/deid/text-cleaner.ts';
import { isRegistryUid, UidRemapper } from '../../../src/core/deid/uid-remapper.ts';
import { verifyOutput } from '../../../src/core/deid/verify-output.ts';
import { BlobSource, MemorySource } from '../../../src/core/io/byte-source.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { DEFAULT_OPTIONS, OPTION_INFO, type ProfileOptions } from '../../../src/core/profile/options.ts';
import { T, TS, ctElements, makeCtLike, makePart10 } from '../../fixtures/make.ts';
import { KEY_A, KEY_B, at, deid, makeTestSession, metaGroupLength, text } from '../helpers.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';
import { warningTexts } from '../../helpers/messages.ts';

describe('UidRemapper', () => {
  it('maps deterministically to 2.25.<decimal> of at most 64 characters', () => {
    const a = new UidRemapper(KEY_A);
    const u = a.remap('1.2.826.0.1.3680043.9999.1.1');
    expect(u).toMatch(/^2\.25\.[1-9]\d{0,38}$/);
    expect(u.length).toBeLessThanOrEqual(64);
    expect(BigInt(u.slice(5)) < 2n ** 128n).toBe(true);
    expect(new UidRemapper(KEY_A).remap('1.2.826.0.1.3680043.9999.1.1')).toBe(u);
    expect(new UidRemapper(KEY_B).remap('1.2.826.0.1.3680043.9999.1.1')).not.toBe(u);
    expect(a.remap('1.2.826.0.1.3680043.9999.1.2')).not.toBe(u);
    // Padding does not matter.
    expect(a.remap('1.2.826.0.1.3680043.9999.1.1\0')).toBe(u);
    expect(a.seen.get('1.2.826.0.1.3680043.9999.1.1')).toBe(u);
  });

  it('keeps registry UIDs but remaps well-known SOP instances stored as instances', () => {
    const a = new UidRemapper(KEY_A);
    for (const uid of ['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.3.1.2.3.1']) {
      expect(isRegistryUid(uid)).toBe(true);
      expect(a.remap(uid)).toBe(uid);
    }
    expect(a.remap('1.2.840.10008.1.5.1')).toMatch(/^2\.25\./); // Hot Iron color palette instance
    expect(a.remap('')).toBe('');
    expect(isRegistryUid('1.2.840.100081.1')).toBe(false);
  });
});

describe('DateShifter', () => {
  const offset = { days: 400, seconds: 3_600 + 60 + 1 };
  const s = new DateShifter(offset);

  it('shifts DA by whole days across month, year and leap-day boundaries', () => {
    expect(s.shiftDate('20240315')).toBe('20230209'); // 366 days to 20230315, 34 more
    expect(new DateShifter({ days: 1, seconds: 1 }).shiftDate('20240301')).toBe('20240229');
    expect(new DateShifter({ days: 1, seconds: 1 }).shiftDate('20230101')).toBe('20221231');
    expect(s.shiftDate('1980.03.04')).toBe(new DateShifter(offset).shiftDate('19800304'));
    expect(s.shiftDate('20240230')).toBeUndefined();
    expect(s.shiftDate('2024031')).toBeUndefined();
    expect(s.shiftDate('20240101-20240131')).toBe(`${s.shiftDate('20240101')}-${s.shiftDate('20240131')}`);
    expect(s.shiftDate('-20240131')).toBe(`-${s.shiftDate('20240131')}`);
  });

  it('shifts TM by the seconds part, modulo 24 h, keeping precision', () => {
    expect(s.shiftTime('101530')).toBe('091429');
    expect(s.shiftTime('101530.123')).toBe('091429.123');
    expect(s.shiftTime('1015')).toBe('0913'); // 09:13:59 at minute precision
    expect(s.shiftTime('10')).toBe('08');
    expect(s.shiftTime('003000')).toBe('232859');
    expect(s.shiftTime('10:15:30')).toBe('091429');
    expect(s.shiftTime('250000')).toBeUndefined();
  });

  it('shifts the date part of DT by whole days and its time by the seconds, without carry across midnight', () => {
    // 00:30:00 minus 1 h 1 min 1 s is 23:28:59 of the same shifted day: the date never moves by more
    // than the patient's whole days, so a date with a time and a date alone stay the same days apart.
    expect(s.shiftDateTime('20240315003000')).toBe('20230209232859');
    expect(s.shiftDateTime('20240315003000.5+0100')).toBe('20230209232859.5+0100');
    expect(s.shiftDateTime('20240315')).toBe('20230209');
    expect(s.shiftDateTime('2024031510')).toBe('2023020908');
    expect(s.shiftDateTime('2024')).toBe('2022'); // year precision: 400 days back from 1 Jan 2024
    expect(s.shiftDateTime('20240315003000-20240316003000')).toBe('20230209232859-20230210232859');
    expect(s.shiftDateTime('2024031500300')).toBeUndefined();
  });

  it('derives a per-patient offset from the key: 1 to 10 years, never whole years, with seconds', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const o = patientDateOffset(KEY_A, `id:P${i}`);
      expect(o.days).toBeGreaterThanOrEqual(366);
      expect(o.days).toBeLessThanOrEqual(3654);
      expect(o.days % 365).not.toBe(0);
      expect(o.days % 366).not.toBe(0);
      expect(o.seconds).toBeGreaterThanOrEqual(1);
      expect(o.seconds).toBeLessThan(86_400);
      seen.add(`${o.days}:${o.seconds}`);
    }
    expect(seen.size).toBeGreaterThan(190);
    expect(patientDateOffset(KEY_A, 'id:P1')).toEqual(patientDateOffset(KEY_A, 'id:P1'));
    expect(patientDateOffset(KEY_B, 'id:P1')).not.toEqual(patientDateOffset(KEY_A, 'id:P1'));
  });
});

describe('TextCleaner', () => {
  it('masks identifiers case-insensitively, longest first, ignoring short ASCII tokens', () => {
    const c = new TextCleaner(['Doe^Jane', ...nameParts('Doe^Jane'), 'PID-0042', 'Li', ...dateForms('19700214')]);
    expect(c.clean('Follow-up for JANE DOE (pid-0042), born 14.02.1970').text).toBe('Follow-up for *** (***), born ***');
    expect(c.clean('Jane saw Dr Doe').text).toBe('*** saw Dr ***');
    expect(c.clean('Doe, Jane').text).toBe('***');
    expect(c.clean('Lisbon clinic').hits).toBe(0);
    expect(c.clean('').hits).toBe(0);
    const zh = new TextCleaner(['张伟']);
    expect(zh.clean('患者张伟复查').text).toBe('患者***复查');
  });

  it('still matches case-insensitively when lower-casing changes the length of the text (Turkish İ)', () => {
    const c = new TextCleaner(['ÖZTÜRK^İSMAİL', ...nameParts('ÖZTÜRK^İSMAİL'), 'Doe^Jane', ...nameParts('Doe^Jane')]);
    expect(c.clean('BT KONTROL ÖZTÜRK İSMAİL').text).toBe('BT KONTROL ***');
    expect(c.clean('Dr. Öztürk, İSMAİL').text).toBe('Dr. ***');
    // One 'İ' elsewhere in the text must not turn off matching of other identifiers.
    expect(c.clean('İLK KONTROL: DOE JANE').text).toBe('İLK KONTROL: ***');
    expect(c.clean('İ DOE').text).toBe('İ ***');
  });

  it('nameParts and dateForms give the written forms', () => {
    expect(nameParts('Doe^Jane^Q')).toEqual(expect.arrayContaining(['Doe', 'Jane', 'Q', 'Doe Jane Q', 'Q Jane Doe']));
    expect(nameParts('Wang^XiaoDong=王^小东')).toEqual(expect.arrayContaining(['Wang', 'XiaoDong', '王', '小东', '王小东']));
    expect(dateForms('19700214')).toEqual(expect.arrayContaining(['1970-02-14', '14.02.1970', '02/14/1970', '1970年2月14日']));
    expect(dateForms('1970')).toEqual([]);
  });
});

describe('compound actions (iod-requirements)', () => {
  const ctx = (sopClassUID: string, enhancedMultiFrame = false, depth = 0) => ({ sopClassUID, enhancedMultiFrame, depth });
  const CT = '1.2.840.10008.5.1.4.1.1.2';

  it('Type 1 and Type 2 rules apply at top level only', () => {
    expect(needsValue('ContentDate', ctx(CT, true))).toBe(true);
    expect(needsValue('ContentDate', ctx(CT, true, 1))).toBe(false);
    expect(needsValue('ContentDate', ctx('1.2.840.10008.5.1.4.1.1.88.22'))).toBe(true); // SR
    expect(needsPresence('RTPlanDate', ctx('1.2.840.10008.5.1.4.1.1.481.5'))).toBe(true);
    expect(needsPresence('RTPlanDate', ctx(CT))).toBe(false);
    expect(needsValue('DeviceSerialNumber', ctx(CT))).toBe(false);
  });

  it('each compound code resolves to one of its alternatives', () => {
    const alternatives: Record<string, string[]> = { 'Z/D': ['Z', 'D'], 'X/Z': ['X', 'Z'], 'X/D': ['X', 'D'], 'X/Z/D': ['X', 'Z', 'D'], 'X/Z/U*': ['X', 'Z', 'U'] };
    for (const [code, allowed] of Object.entries(alternatives)) {
      for (const c of [ctx(CT), ctx(CT, true), ctx(CT, true, 2), ctx('1.2.840.10008.5.1.4.1.1.481.5')]) {
        for (const [kw, vr] of [['ContentDate', 'DA'], ['DeviceSerialNumber', 'LO'], ['RTPlanDate', 'DA'], ['InstitutionName', 'LO']]) {
          expect(allowed, `${code} ${kw}`).toContain(resolveCompound(code, kw, c, vr));
        }
      }
    }
    expect(resolveCompound('Z/D', 'ContentDate', ctx(CT, true), 'DA')).toBe('D');
    expect(resolveCompound('Z/D', 'ContrastBolusAgent', ctx(CT), 'LO')).toBe('Z');
    expect(resolveCompound('X/D', 'RTPlanDate', ctx('1.2.840.10008.5.1.4.1.1.481.5'), 'DA')).toBe('D');
    expect(resolveCompound('X/D', 'InstanceCreationDate', ctx(CT), 'DA')).toBe('X');
    expect(resolveCompound('X/Z/D', 'DeviceSerialNumber', ctx(CT, true), 'LO')).toBe('D');
    expect(resolveCompound('X/Z/U*', 'ReferencedImageSequence', ctx(CT), 'SQ')).toBe('U');
    for (const plain of ['X', 'Z', 'D', 'K', 'C', 'U']) expect(resolveCompound(plain, 'Anything', ctx(CT))).toBe(plain);
  });
});

describe('element policy', () => {
  const policy = (options: Partial<ProfileOptions> = {}, creators = new Map<number, string>()): PolicyContext => ({
    options: { ...DEFAULT_OPTIONS, ...options }, iod: { sopClassUID: '1.2.840.10008.5.1.4.1.1.2', enhancedMultiFrame: false, depth: 0 }, creators,
  });
  const el = (t: number, vr: string, v = 'x'): Element => bytesElement(t, vr, asciiBytes(v));

  it('file meta, command, directory and group length elements in a data set are removed', () => {
    for (const t of [tag(0x0002, 0x0010), tag(0x0000, 0x0100), tag(0x0004, 0x1130), tag(0x0008, 0x0000), tag(0x0010, 0x0000)]) {
      expect(decide(el(t, 'UL'), policy()).action).toBe('X');
    }
    expect(decide(el(T.SpecificCharacterSet, 'CS', 'ISO_IR 100'), policy()).action).toBe('K');
  });

  it('unlisted attributes: UIDs remapped (class UIDs kept), dates shifted under modified dates, unknown tags removed', () => {
    expect(decide(el(tag(0x0008, 0x1150), 'UI'), policy()).action).toBe('K'); // Referenced SOP Class UID
    expect(decide(el(tag(0x0040, 0xa124), 'UI'), policy()).action).toBe('U'); // listed U
    const concatenationSource = tag(0x0020, 0x0242); // SOP Instance UID of Concatenation Source: not in E.1-1
    expect(decide(el(concatenationSource, 'UI'), policy())).toMatchObject({ action: 'U', code: '' });
    expect(decide(el(concatenationSource, 'UI'), policy({ retainUIDs: true })).action).toBe('K');
    const studyUpdate = tag(0x0008, 0x041f); // Study Update DateTime: not in E.1-1
    expect(decide(el(studyUpdate, 'DT'), policy()).action).toBe('K');
    expect(decide(el(studyUpdate, 'DT'), policy({ retainLongitudinalModifiedDates: true })).action).toBe('C');
    expect(decide(el(tag(0x0008, 0xeeee), 'LO'), policy()).action).toBe('X');
  });

  it('private attributes: X; with Retain Safe Private, by creator and element byte', () => {
    const creators = new Map([[(0x0019 << 8) | 0x10, 'GEMS_ACQU_01']]);
    expect(decide(el(0x00191023, 'DS', '1'), policy({}, creators)).action).toBe('X');
    expect(decide(el(0x00191023, 'DS', '1'), policy({ retainSafePrivate: true }, creators)).action).toBe('K');
    expect(decide(el(0x00191099, 'LO'), policy({ retainSafePrivate: true }, creators)).action).toBe('X');
    expect(decide(el(0x00191123, 'DS', '1'), policy({ retainSafePrivate: true }, creators)).action).toBe('X'); // block 11 has no creator
  });
});

describe('dummy values', () => {
  it('are valid for the VR and avoid the original and other original values', () => {
    expect(dummyString('DA', '20240101')).toMatch(/^\d{8}$/);
    expect(dummyString('DA', '19000101')).not.toBe('19000101');
    expect(dummyString('TM', '000000', new Set(['000001']))).not.toMatch(/^00000[01]$/);
    expect(dummyString('PN', 'Doe^Jane')).toBeTruthy();
    expect(dummyString('UI', '1.2.3')).toBeUndefined();
    expect(dummyString('SQ', '')).toBeUndefined();
    expect(Array.from(dummyBinary('US', 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(dummyBinary('FD', 0).length).toBe(8);
    expect(dummyBinary('OB', 10_000).length).toBeLessThanOrEqual(1024);
  });
});

describe('markers', () => {
  it('list the profile code first, then one code per option used, then extra codes', () => {
    expect(methodCodes(DEFAULT_OPTIONS).map((c) => c.code)).toEqual(['113100']);
    const codes = methodCodes({ ...DEFAULT_OPTIONS, retainUIDs: true, cleanGraphics: true }, [{ code: '113101', meaning: 'Clean Pixel Data Option' }]);
    expect(codes.map((c) => c.code)).toEqual(['113100', OPTION_INFO.retainUIDs.code, OPTION_INFO.cleanGraphics.code, '113101']);
  });
});

describe('Pseudonymizer', () => {
  it('keys patients by ID, else by name and birth date, else by study', () => {
    expect(Pseudonymizer.patientKey('P1', 'A^B', '19700101', '1.2')).toBe('id:P1');
    expect(Pseudonymizer.patientKey('', 'A^B', '19700101', '1.2')).toBe('name:A^B|19700101');
    expect(Pseudonymizer.patientKey('', '', '', '1.2')).toBe('study:1.2');
    const p = new Pseudonymizer(KEY_A);
    expect(p.pseudonymFor('P1', 'id:P1')).toEqual(new Pseudonymizer(KEY_A).pseudonymFor('P1', 'id:P1'));
    expect(p.seen.get('P1')).toMatch(/^VEIL-/);
  });
});

describe('verifyOutput', () => {
  it('accepts a sound output and reports each kind of problem', async () => {
    const { bytes, result } = await deid(makeCtLike({ transferSyntax: TS.RLELossless }));
    const expected = { transferSyntaxUID: TS.RLELossless, sopInstanceUID: result.outcome!.ids.sopInstanceUID, pixel: result.pixel! };
    expect(await verifyOutput(new MemorySource(bytes), expected)).toEqual([]);
    expect(result.pixel).toMatchObject({ kind: 'fragments', fragments: 2 });

    expect((await verifyOutput(new MemorySource(bytes), { ...expected, transferSyntaxUID: TS.ExplicitLE })).map(inEnglish).join()).toMatch(/transfer syntax changed/);
    expect((await verifyOutput(new MemorySource(bytes), { ...expected, sopInstanceUID: '2.25.1' })).map(inEnglish).join()).toMatch(/Media Storage SOP Instance UID/);
    expect((await verifyOutput(new MemorySource(bytes), { ...expected, pixel: { ...expected.pixel, length: expected.pixel.length + 2 } })).map(inEnglish).join()).toMatch(/pixel data changed/);
    expect((await verifyOutput(new MemorySource(bytes.subarray(0, bytes.length - 50)), expected)).map(inEnglish).join()).toMatch(/does not re-read/);
    // The unmodified input is not de-identified.
    const original = makeCtLike({ transferSyntax: TS.RLELossless });
    const problems = await verifyOutput(new MemorySource(original), expected);
    expect(problems.map(inEnglish).join()).toMatch(/Patient Identity Removed/);
  });
});

describe('sniffDicom', () => {
  it('tells DICOM, bare data sets, DICOMDIRs and other files apart', async () => {
    expect((await sniffDicom(new MemorySource(makeCtLike()))).kind).toBe('dicom');
    expect((await sniffDicom(new MemorySource(makePart10([{ tag: T.PatientName, vr: 'PN', value: 'A^B' }], { transferSyntax: TS.ImplicitLE, preamble: false, meta: false })))).kind).toBe('dicom');
    const dir = makePart10([{ tag: tag(0x0004, 0x1130), vr: 'CS', value: '' }], { transferSyntax: TS.ExplicitLE, extraMeta: [{ tag: T.MediaStorageSOPClassUID, vr: 'UI', value: '1.2.840.10008.1.3.10' }] });
    expect((await sniffDicom(new MemorySource(dir))).kind).toBe('dicomdir');
    // A class UID that only starts like the directory's is not it.
    const longer = makePart10([{ tag: tag(0x0004, 0x1130), vr: 'CS', value: '' }], { transferSyntax: TS.ExplicitLE, extraMeta: [{ tag: T.MediaStorageSOPClassUID, vr: 'UI', value: '1.2.840.10008.1.3.101' }] });
    expect((await sniffDicom(new MemorySource(longer))).kind).toBe('dicom');
    expect((await sniffDicom(new MemorySource(new TextEncoder().encode('%PDF-1.7 not a dicom file at all'.repeat(8))))).kind).toBe('not-dicom');
    expect((await sniffDicom(new MemorySource(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])))).kind).toBe('not-dicom');
  });
});

describe('process-file: session keys', () => {
  it('the same input with the same key gives byte-identical output; another key another output', async () => {
    const a = await deid(makeCtLike(), makeTestSession({}, KEY_A));
    const b = await deid(makeCtLike(), makeTestSession({}, KEY_A));
    const c = await deid(makeCtLike(), makeTestSession({}, KEY_B));
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(c.bytes))).not.toBe(0);
    expect(a.bytes.length).toBe(a.result.bytesWritten);
  });
});

describe('process-file: output file meta and sources', () => {
  it('regenerates the file meta: correct (0002,0000), new SOP Instance UID, same transfer syntax, Veil implementation', async () => {
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE, TS.DeflatedLE, TS.JPEGBaseline]) {
      const { bytes, file } = await deid(makeCtLike({ transferSyntax: ts }));
      const gl = metaGroupLength(bytes);
      expect(gl.declared).toBe(gl.counted);
      expect(file.meta.elements.map((e) => e.tag)).toEqual([
        T.FileMetaInformationGroupLength, T.FileMetaInformationVersion, T.MediaStorageSOPClassUID, T.MediaStorageSOPInstanceUID, T.TransferSyntaxUID, T.ImplementationClassUID, T.ImplementationVersionName,
      ]);
      expect(text(at(file.meta, T.TransferSyntaxUID))).toBe(ts);
      expect(text(at(file.meta, T.MediaStorageSOPInstanceUID))).toBe(text(at(file.dataset, T.SOPInstanceUID)));
      expect(text(at(file.meta, T.ImplementationClassUID))).toMatch(/^2\.25\./);
      expect(file.transferSyntaxUID).toBe(ts);
    }
  });

  it('a bare data set (no preamble, no meta) gets a full Part 10 file; a missing SOP Instance UID is generated', async () => {
    for (const ts of [TS.ImplicitLE, TS.ExplicitBE]) {
      const bare = makePart10(ctElements({ transferSyntax: ts }), { transferSyntax: ts, meta: false, preamble: false });
      const a = await deid(bare);
      expect(a.file.hadPreamble).toBe(true);
      expect(text(at(a.file.meta, T.TransferSyntaxUID))).toBe(ts);
      expect(a.file.transferSyntaxInferred).toBe(false);
      expect(text(at(a.file.meta, T.MediaStorageSOPInstanceUID))).toBe(text(at(a.file.dataset, T.SOPInstanceUID)));
      const noSop = makePart10(ctElements({ transferSyntax: ts, omit: [T.SOPInstanceUID] }), { transferSyntax: ts, meta: false });
      const b = await deid(noSop);
      const uid = text(at(b.file.dataset, T.SOPInstanceUID));
      expect(uid).toMatch(/^2\.25\./);
      expect(text(at(b.file.meta, T.MediaStorageSOPInstanceUID))).toBe(uid);
    }
  });

  it('an implicit VR data set mislabelled explicit VR is written as its transfer syntax says', async () => {
    const input = makePart10(ctElements({ undefinedLengthSequences: true }), { transferSyntax: TS.ExplicitLE, bodyEncoding: { explicitVR: false, littleEndian: true } });
    const { file, bytes, result } = await deid(input);
    expect(warningTexts(result).some((w) => w.includes('implicit VR although'))).toBe(true);
    expect(file.transferSyntaxUID).toBe(TS.ExplicitLE);
    expect(file.encoding).toEqual({ explicitVR: true, littleEndian: true });
    expect(file.warnings).toEqual([]);
    // An independent parser agrees.
    const dcm = (dcmjs as unknown as { data: { DicomMessage: { readFile(b: ArrayBuffer): { dict: Record<string, { Value?: unknown[] }> } } } }).data;
    const { dict } = dcm.DicomMessage.readFile(bytes.slice().buffer as ArrayBuffer);
    expect(dict['00200013']?.Value?.[0]).toBe(1);
    expect(dict['00280010']?.Value?.[0]).toBe(16);
    expect(String(dict['0020000D']?.Value?.[0])).toBe(text(at(file.dataset, T.StudyInstanceUID)));
  });

  it('a BlobSource gives the same output bytes as a MemorySource', async () => {
    const input = makeCtLike({ rows: 256, cols: 256, undefinedLengthSequences: true });
    const a = new MemorySink();
    const b = new MemorySink();
    await deidentifyFile(new MemorySource(input), a, makeTestSession());
    await deidentifyFile(new BlobSource(new Blob([input as Uint8Array<ArrayBuffer>])), b, makeTestSession());
    expect(a.size).toBeGreaterThan(256 * 256 * 2);
    expect(Buffer.compare(Buffer.from(a.bytes()), Buffer.from(b.bytes()))).toBe(0);
  });
});
