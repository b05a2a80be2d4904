// The DICOMDIR writer and reader on synthetic file sets (records, hierarchy, exact offsets, keys
// from the output only, file IDs), the corpus's DICOMDIR variants (implicit VR, big endian,
// reordered, no PATIENT level), and dciodvfy as the outside referee of what we write.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { readBasicDirectory, referencedFileIds, type DirectoryRecord } from '../../../src/core/media/dicomdir-reader.ts';
import { buildDicomdir, MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from '../../../src/core/media/dicomdir-writer.ts';
import { directoryEntryOf, type DirectoryEntry } from '../../../src/core/media/directory-entry.ts';
import { fileIdProblem, mediaFileId, parseFileIdValue, resolveFileIds } from '../../../src/core/media/file-id.ts';
import { recordTypeOf } from '../../../src/core/media/record-types.ts';
import { asciiValue } from '../../../src/core/dicom/value-text.ts';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { makePart10, T, TS, type FxElement } from '../../fixtures/make.ts';
import { dciodvfyErrors, haveTools, runTool } from '../../fixtures/outside-tools.ts';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
const RT_DOSE = '1.2.840.10008.5.1.4.1.1.481.2';
const KO = '1.2.840.10008.5.1.4.1.1.88.59';
const PR = '1.2.840.10008.5.1.4.1.1.11.1';

interface Spec { sopClass: string; sop: string; patient: string; study: string; series: string; modality: string; extra?: FxElement[]; studyDate?: string; charset?: string; instanceNumber?: string }

function instance(s: Spec): Uint8Array {
  const els: FxElement[] = [
    { tag: T.SpecificCharacterSet, vr: 'CS', value: s.charset ?? 'ISO_IR 192' },
    { tag: T.SOPClassUID, vr: 'UI', value: s.sopClass }, { tag: T.SOPInstanceUID, vr: 'UI', value: s.sop },
    { tag: T.StudyDate, vr: 'DA', value: s.studyDate ?? '' }, { tag: 0x00080030, vr: 'TM', value: '' }, { tag: 0x00080050, vr: 'SH', value: '' },
    { tag: T.Modality, vr: 'CS', value: s.modality }, { tag: 0x00081030, vr: 'LO', value: 'Étude' },
    { tag: 0x00100010, vr: 'PN', value: `Name^${s.patient}` }, { tag: T.PatientID, vr: 'LO', value: s.patient },
    { tag: T.StudyInstanceUID, vr: 'UI', value: s.study }, { tag: 0x0020000e, vr: 'UI', value: s.series },
    { tag: 0x00200010, vr: 'SH', value: '' }, { tag: 0x00200011, vr: 'IS', value: '3' }, { tag: T.InstanceNumber, vr: 'IS', value: s.instanceNumber ?? '7' },
    ...(s.extra ?? []),
  ].sort((a, b) => a.tag - b.tag);
  return makePart10(els, { transferSyntax: TS.ExplicitLE });
}

const code = (value: string, meaning: string): FxElement => ({
  tag: 0x0040a043, vr: 'SQ', value: [{ elements: [{ tag: 0x00080100, vr: 'SH', value: value }, { tag: 0x00080102, vr: 'SH', value: 'DCM' }, { tag: 0x00080104, vr: 'LO', value: meaning }] }],
});

const SET: Spec[] = [
  { sopClass: CT, sop: '2.25.101', patient: 'PSEUDO1', study: '2.25.11', series: '2.25.111', modality: 'CT', studyDate: '20240102' },
  { sopClass: CT, sop: '2.25.102', patient: 'PSEUDO1', study: '2.25.11', series: '2.25.111', modality: 'CT', studyDate: '20240102' },
  {
    sopClass: BASIC_TEXT_SR, sop: '2.25.103', patient: 'PSEUDO1', study: '2.25.11', series: '2.25.112', modality: 'SR', studyDate: '20240102',
    extra: [
      { tag: 0x00080023, vr: 'DA', value: '20240102' }, { tag: 0x00080033, vr: 'TM', value: '101010' }, code('121144', 'Document Title'),
      { tag: 0x0040a073, vr: 'SQ', value: [{ elements: [{ tag: 0x0040a030, vr: 'DT', value: '20240103120000' }] }, { elements: [{ tag: 0x0040a030, vr: 'DT', value: '20240105120000' }] }] },
      { tag: 0x0040a491, vr: 'CS', value: 'COMPLETE' }, { tag: 0x0040a493, vr: 'CS', value: 'VERIFIED' },
    ],
  },
  { sopClass: RT_DOSE, sop: '2.25.104', patient: 'PSEUDO2', study: '2.25.21', series: '2.25.211', modality: 'RTDOSE', extra: [{ tag: 0x3004000a, vr: 'CS', value: 'PLAN' }] },
  { sopClass: KO, sop: '2.25.105', patient: 'PSEUDO2', study: '2.25.21', series: '2.25.212', modality: 'KO', extra: [{ tag: 0x00080023, vr: 'DA', value: '20240102' }, { tag: 0x00080033, vr: 'TM', value: '101010' }, code('113000', 'Of Interest')] },
  {
    sopClass: PR, sop: '2.25.106', patient: 'PSEUDO2', study: '2.25.22', series: '2.25.221', modality: 'PR',
    extra: [{ tag: 0x00700080, vr: 'CS', value: 'GSPS' }, { tag: 0x00700081, vr: 'LO', value: '' }, { tag: 0x00700082, vr: 'DA', value: '20240102' }, { tag: 0x00700083, vr: 'TM', value: '1010' }, { tag: 0x00700084, vr: 'PN', value: '' },
      { tag: 0x00081115, vr: 'SQ', value: [{ elements: [{ tag: 0x00081140, vr: 'SQ', value: [{ elements: [{ tag: 0x00081150, vr: 'UI', value: CT }, { tag: 0x00081155, vr: 'UI', value: '2.25.101' }] }] }, { tag: 0x0020000e, vr: 'UI', value: '2.25.111' }] }] }],
  },
];

async function entriesOf(specs: Spec[], avoid = new Set<string>()): Promise<DirectoryEntry[]> {
  const out: DirectoryEntry[] = [];
  for (const s of specs) {
    const e = directoryEntryOf(await readPart10(new MemorySource(instance(s))), mediaFileId, avoid);
    if ('problem' in e) throw new Error(inEnglish(e.problem));
    out.push(e);
  }
  return out;
}

const text = (r: DirectoryRecord, t: number) => {
  const el = findElement(r.item, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : undefined;
};

describe('PS3.10 file IDs', () => {
  it('names outputs DICOM/P…/S…/SE…/<instance> from the de-identified identifiers, deterministically', () => {
    const ids = { patientID: 'PSEUDO1', studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopInstanceUID: '2.25.3' };
    const name = mediaFileId(ids);
    expect(name).toHaveLength(5);
    expect(name[0]).toBe('DICOM');
    expect(name.map((c) => c.length)).toEqual([5, 8, 8, 8, 8]);
    expect(fileIdProblem(name)).toBeNull();
    expect(mediaFileId(ids)).toEqual(name);
    expect(mediaFileId({ ...ids, sopInstanceUID: '2.25.4' }).slice(0, 4)).toEqual(name.slice(0, 4));
    expect(mediaFileId({ ...ids, sopInstanceUID: '2.25.4' })[4]).not.toBe(name[4]);
    expect(name.join('/')).not.toMatch(/PSEUDO|2\.25/);
  });

  it('checks components and levels, and resolves IDs against the files present case-insensitively', () => {
    expect(inEnglish(fileIdProblem(['DICOM', 'IMG.DCM'])!)).toMatch(/IMG\.DCM/);
    expect(inEnglish(fileIdProblem(['ABCDEFGHI'])!)).toMatch(/ABCDEFGHI/);
    expect(inEnglish(fileIdProblem(['a'])!)).toMatch(/"a"/);
    expect(inEnglish(fileIdProblem(Array(9).fill('A'))!)).toMatch(/9 components/);
    expect(fileIdProblem(Array(8).fill('A_1'))).toBeNull();
    expect(parseFileIdValue('DICOM\\IMG001 ')).toEqual(['DICOM', 'IMG001']);
    expect(resolveFileIds([['DICOM', 'IMG1'], ['DICOM', 'IMG2'], ['X']], ['dicom/img1', 'DICOM/IMG2', 'dicom/IMG2'])).toEqual(['dicom/img1', 'DICOM/IMG2', null]);
  });

  it('gives each SOP Class its record type (PS3.3 Table F.4-1)', () => {
    expect([CT, BASIC_TEXT_SR, KO, PR, RT_DOSE, '1.2.840.10008.5.1.4.1.1.481.3', '1.2.840.10008.5.1.4.1.1.481.5', '1.2.840.10008.5.1.4.1.1.104.1', '1.2.840.10008.5.1.4.1.1.66', '1.2.840.10008.5.1.4.1.1.9.1.1'].map(recordTypeOf))
      .toEqual(['IMAGE', 'SR DOCUMENT', 'KEY OBJECT DOC', 'PRESENTATION', 'RT DOSE', 'RT STRUCTURE SET', 'RT PLAN', 'ENCAP DOC', 'RAW DATA', 'WAVEFORM']);
  });
});

describe('buildDicomdir', () => {
  it('writes the hierarchy with exact offsets, read back by following them', async () => {
    const entries = await entriesOf(SET);
    const bytes = buildDicomdir(entries);
    const file = await readPart10(new MemorySource(bytes));
    expect(asciiValue((findElement(file.meta, T.MediaStorageSOPClassUID)!.value as { bytes: Uint8Array }).bytes)).toBe(MEDIA_STORAGE_DIRECTORY_SOP_CLASS);
    expect(file.transferSyntaxUID).toBe(TS.ExplicitLE);
    const dir = await readBasicDirectory(new MemorySource(bytes));
    expect(dir.warnings).toEqual([]);
    expect(dir.fileSetId).toBe('VEIL');
    // Every record's offset is its Item tag (FFFE,E000).
    for (const r of dir.records) expect([...bytes.subarray(r.offset, r.offset + 4)]).toEqual([0xfe, 0xff, 0x00, 0xe0]);
    // The hierarchy, siblings sorted (records go in file ID order, and file IDs are hashes).
    const shape = (rs: DirectoryRecord[]): unknown[] => rs.map((r) => (r.children.length ? [r.type, shape(r.children)] : r.type)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    const byId = new Map(dir.roots.map((p) => [text(p, T.PatientID), p]));
    expect(shape([byId.get('PSEUDO1')!])).toEqual([['PATIENT', [['STUDY', [['SERIES', ['IMAGE', 'IMAGE']], ['SERIES', ['SR DOCUMENT']]]]]]]);
    const p2 = shape([byId.get('PSEUDO2')!])[0] as [string, [string, unknown[]][]];
    expect(p2[0]).toBe('PATIENT');
    expect(p2[1].map((s) => s[0])).toEqual(['STUDY', 'STUDY']);
    expect(dir.roots).toHaveLength(2);
    expect(dir.records).toHaveLength(2 + 3 + 5 + 6);
    // Exactly the files listed, each once.
    expect(referencedFileIds(dir).map((id) => id.join('/')).sort()).toEqual(entries.map((e) => e.fileId.join('/')).sort());
    const leaf = dir.records.find((r) => r.referencedSopInstanceUID === '2.25.103')!;
    expect(text(leaf, 0x0040a030)).toBe('20240105120000');
    expect(text(leaf, 0x00041510)).toBe(BASIC_TEXT_SR);
  });

  it('takes keys from the output and puts a dummy unlike the original values where a Type 1 key is empty', async () => {
    const [e] = await entriesOf([SET[3]], new Set(['19000101']));
    const dir = await readBasicDirectory(new MemorySource(buildDicomdir([e])));
    const study = dir.records.find((r) => r.type === 'STUDY')!;
    expect(text(study, T.StudyDate)).toBe('19000102');
    expect(text(study, 0x00080030)).toBe('000000');
    // A text ID without a value: the record's own file ID component (no word an original could hold).
    expect(text(study, 0x00200010)).toBe(e.fileId[2]);
    expect(new TextDecoder().decode((findElement(study.item, 0x00081030)!.value as { bytes: Uint8Array }).bytes).trim()).toBe('Étude');
    expect(text(study, T.SpecificCharacterSet)).toBe('ISO_IR 192');
    expect(text(dir.records.find((r) => r.type === 'RT DOSE')!, 0x3004000a)).toBe('PLAN');
  });

  it('refuses two files with one file ID and a file it cannot list', async () => {
    const [a] = await entriesOf([SET[0]]);
    expect(() => buildDicomdir([a, { ...a }])).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'dicomdir-file-id-twice' }) }));
    const noSeries = directoryEntryOf(await readPart10(new MemorySource(makePart10([{ tag: T.SOPClassUID, vr: 'UI', value: CT }, { tag: T.SOPInstanceUID, vr: 'UI', value: '2.25.9' }], { transferSyntax: TS.ExplicitLE }))), mediaFileId);
    expect('problem' in noSeries && inEnglish(noSeries.problem)).toBe('it cannot be listed in a DICOMDIR: it has no Study Instance UID, Series Instance UID');
  });

  it('cleans old-style dates, NUL padding and a mislabelled character set rather than copying values invalid for the VR', async () => {
    const [e] = await entriesOf([{ ...SET[0], studyDate: '1997.04.24', charset: 'ISO-IR 100', instanceNumber: '12\0' }]);
    const dir = await readBasicDirectory(new MemorySource(buildDicomdir([e])));
    expect(text(dir.records.find((r) => r.type === 'STUDY')!, T.StudyDate)).toBe('19970424');
    const image = dir.records.find((r) => r.type === 'IMAGE')!;
    expect([...(findElement(image.item, T.InstanceNumber)!.value as { bytes: Uint8Array }).bytes]).toEqual([0x31, 0x32]);
    expect(text(image, T.SpecificCharacterSet)).toBe('ISO_IR 100');
  });
});

const CORPUS = new URL('../../../../shared/corpus/pydicom/dicomdirtests/', import.meta.url).pathname;

describe.skipIf(!existsSync(CORPUS))('readBasicDirectory on the corpus DICOMDIRs', () => {
  it('reads explicit, implicit, big endian and reordered DICOMDIRs alike', async () => {
    const ids: string[][] = [];
    for (const name of ['DICOMDIR', 'DICOMDIR-implicit', 'DICOMDIR-bigEnd', 'DICOMDIR-reordered']) {
      const dir = await readBasicDirectory(new MemorySource(new Uint8Array(readFileSync(CORPUS + name))));
      expect(dir.warnings, name).toEqual([]);
      expect(dir.roots.map((r) => r.type), name).toEqual(['PATIENT', 'PATIENT']);
      ids.push(referencedFileIds(dir).map((id) => id.join('/')).sort());
    }
    expect(ids[0]).toHaveLength(31);
    for (const list of ids) expect(list).toEqual(ids[0]);
    const empty = await readBasicDirectory(new MemorySource(new Uint8Array(readFileSync(CORPUS + 'DICOMDIR-empty.dcm'))));
    expect(empty.records).toEqual([]);
  });

  it('lists the records in sequence order when the offsets do not link them', async () => {
    const dir = await readBasicDirectory(new MemorySource(new Uint8Array(readFileSync(CORPUS + 'DICOMDIR-nopatient'))));
    expect(dir.warnings.map(inEnglish)).toEqual(['the DICOMDIR offsets do not link all its records; its records were read in sequence order']);
    expect(referencedFileIds(dir)).toHaveLength(31);
  });
});

const tools = haveTools('dciodvfy', 'dcmdump');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!tools)('outside referees on a written DICOMDIR', () => {
  it('passes dciodvfy with no error, and dcmdump reads the same records', async () => {
    const d = mkdtempSync(join(tmpdir(), 'veil-dicomdir-'));
    dirs.push(d);
    const entries = await entriesOf(SET);
    writeFileSync(join(d, 'DICOMDIR'), buildDicomdir(entries));
    expect(dciodvfyErrors(join(d, 'DICOMDIR'))).toEqual([]);
    const dump = runTool('dcmdump', ['+P', '0004,1500', join(d, 'DICOMDIR')]).output;
    expect(dump.match(/\(0004,1500\) CS \[([^\]]+)\]/g)!.map((l) => l.replace(/^.*\[|\]$/g, '').replace(/\\/g, '/')).sort()).toEqual(entries.map((e) => e.fileId.join('/')).sort());
  });
});
