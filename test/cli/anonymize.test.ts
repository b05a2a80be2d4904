// `veil anonymize` end to end on a small synthetic folder: mirrored outputs that re-read and
// hold none of the identifying values, the mapping CSVs, the report (ok / skipped / refused,
// one entry per input), no output and no temporary file for a refused file, exit status 1,
// untouched originals, and a project key that appears nowhere in the outputs.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CT_VALUES, makeCtLike, T } from '../fixtures/make.ts';
import { ct, listFiles, readCsv, readDicom, readReport, removeTempDirs, runVeil, str, tempDir, uid, writeFile, type Run } from './helpers.ts';

const IDENTIFYING = [
  CT_VALUES.patientName, CT_VALUES.patientId, CT_VALUES.otherPatientId, CT_VALUES.patientBirthDate, CT_VALUES.accessionNumber,
  CT_VALUES.institutionName, CT_VALUES.institutionAddress, CT_VALUES.referringPhysicianName, CT_VALUES.operatorsName,
  CT_VALUES.stationName, CT_VALUES.deviceSerialNumber, CT_VALUES.imageComments, CT_VALUES.privateValue,
  CT_VALUES.frameOfReferenceUID, CT_VALUES.referencedSOPInstanceUID, 'Roe^Richard', 'PID-0077', uid('7.1'), uid('8.1'), uid('9.1'),
];

let dir: string;
let run: Run;
const hashes = new Map<string, string>();
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  dir = tempDir();
  writeFile(path.join(dir, 'in/a/one.dcm'), ct('PID-0042', CT_VALUES.patientName, '1', '1', '1'));
  writeFile(path.join(dir, 'in/a/two.dcm'), ct('PID-0042', CT_VALUES.patientName, '1', '1', '2'));
  writeFile(path.join(dir, 'in/b/three.dcm'), ct('PID-0077', 'Roe^Richard', '2', '2', '3'));
  writeFile(path.join(dir, 'in/notes.txt'), 'not an image\n');
  const whole = makeCtLike({ sopInstanceUID: uid('9.4') });
  writeFile(path.join(dir, 'in/broken.dcm'), whole.subarray(0, whole.length - 100));
  for (const f of listFiles(path.join(dir, 'in'))) hashes.set(f, sha(path.join(dir, 'in', f)));
  run = await runVeil(['anonymize', 'in', '--out', 'out', '--key', 'project.key', '--report', 'report.json', '--jobs', '2', '--keep-paths'], dir);
});
afterAll(removeTempDirs);

describe('veil anonymize on a folder', () => {
  test('exits 1 because a file was refused, and says so in the summary', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^5 files: 3 de-identified, 1 refused, 1 skipped in [\d.]+ s \([\d.]+ files\/s, [\d.]+ MB\/s\)$/m);
    expect(run.stderr).toMatch(/^refused: in\/broken\.dcm: .+/m);
  });

  test('mirrors the input layout and leaves no temporary file', () => {
    expect(listFiles(path.join(dir, 'out'))).toEqual(['a/one.dcm', 'a/two.dcm', 'b/three.dcm']);
  });

  test('keeps the mapping files and the audit log in the private folder beside --out (owner only), and says where', () => {
    expect(listFiles(path.join(dir, 'out.private'))).toEqual(['audit.jsonl', 'patid_mapping.csv', 'uid_mapping.csv']);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'out.private')).mode & 0o777).toBe(0o700);
    expect(run.stderr).toMatch(/^private records \(mapping files, report, audit log; they re-identify patients, never share them\): \/.*\/out\.private$/m);
  });

  test('outputs re-read, carry new UIDs and pseudonyms, and hold no identifying value', async () => {
    for (const f of ['a/one.dcm', 'a/two.dcm', 'b/three.dcm']) {
      const file = path.join(dir, 'out', f);
      const dcm = await readDicom(file);
      expect(str(dcm, T.SOPInstanceUID)).toMatch(/^2\.25\.\d+$/);
      expect(str(dcm, T.StudyInstanceUID)).toMatch(/^2\.25\.\d+$/);
      expect(str(dcm, T.PatientID)).toMatch(/^VEIL-/);
      expect(str(dcm, 0x00120062)).toBe('YES');
      const text = fs.readFileSync(file).toString('latin1');
      for (const v of IDENTIFYING) expect(text, `${f} contains ${v}`).not.toContain(v);
    }
    const one = await readDicom(path.join(dir, 'out/a/one.dcm'));
    const two = await readDicom(path.join(dir, 'out/a/two.dcm'));
    const three = await readDicom(path.join(dir, 'out/b/three.dcm'));
    expect(str(one, T.PatientID)).toBe(str(two, T.PatientID));
    expect(str(one, T.StudyInstanceUID)).toBe(str(two, T.StudyInstanceUID));
    expect(str(one, T.PatientID)).not.toBe(str(three, T.PatientID));
  });

  test('uid_mapping.csv and patid_mapping.csv list each original → new pair once, sorted', async () => {
    const uids = readCsv(path.join(dir, 'out.private/uid_mapping.csv'));
    expect(uids[0]).toEqual(['id_old', 'id_new']);
    const olds = uids.slice(1).map((r) => r[0]);
    expect(olds).toEqual([...new Set(olds)].sort());
    const one = await readDicom(path.join(dir, 'out/a/one.dcm'));
    expect(uids).toContainEqual([uid('9.1'), str(one, T.SOPInstanceUID)]);
    expect(uids).toContainEqual([uid('7.1'), str(one, T.StudyInstanceUID)]);
    expect(olds).not.toContain(uid('9.4')); // the refused file has no output, so no row
    const pats = readCsv(path.join(dir, 'out.private/patid_mapping.csv'));
    expect(pats[0]).toEqual(['id_old', 'id_new']);
    expect(pats.slice(1).map((r) => r[0])).toEqual(['PID-0042', 'PID-0077']);
    expect(pats[1][1]).toBe(str(one, T.PatientID));
  });

  test('the report has one entry per input file with status, error, warnings and action counts', () => {
    const report = readReport(path.join(dir, 'report.json'));
    const by = new Map(report.files.map((f) => [f.input, f]));
    expect([...by.keys()]).toEqual(['in/a/one.dcm', 'in/a/two.dcm', 'in/b/three.dcm', 'in/broken.dcm', 'in/notes.txt']);
    const ok = by.get('in/a/one.dcm')!;
    expect(ok).toMatchObject({ status: 'ok', output: 'out/a/one.dcm', error: null });
    expect(Array.isArray(ok.warnings)).toBe(true);
    expect(Object.keys(ok.actions).sort()).toEqual(['C', 'D', 'K', 'U', 'X', 'Z']);
    expect(ok.actions.U).toBeGreaterThan(0);
    expect(by.get('in/notes.txt')).toMatchObject({ status: 'skipped', output: null });
    expect(by.get('in/notes.txt')!.error).toMatch(/not DICOM/);
    const refused = by.get('in/broken.dcm')!;
    expect(refused).toMatchObject({ status: 'refused', output: null });
    expect(refused.error).toMatch(/truncated|remain/);
    expect(report.summary).toMatchObject({ files: 5, ok: 3, refused: 1, skipped: 1 });
  });

  test('originals are untouched, and the key appears in no output, CSV or report', () => {
    for (const [f, h] of hashes) expect(sha(path.join(dir, 'in', f)), f).toBe(h);
    const keyText = fs.readFileSync(path.join(dir, 'project.key'), 'utf8');
    expect(keyText).toMatch(/^veil-key-v1:[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'project.key')).mode & 0o777).toBe(0o600);
    expect(run.stderr).toContain('created a new project key');
    const hex = keyText.trim().slice('veil-key-v1:'.length);
    const written = ['out', 'out.private'].flatMap((d) => listFiles(path.join(dir, d)).map((f) => path.join(dir, d, f)));
    for (const f of [...written, path.join(dir, 'report.json')]) {
      expect(fs.readFileSync(f).toString('latin1').toLowerCase()).not.toContain(hex);
    }
  });
});
