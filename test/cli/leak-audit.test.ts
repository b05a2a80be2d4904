// The leak gate and the audit log through the real `veil` command: a file whose mirrored output
// path holds the patient ID (the input folder is named after it — a leak no cleaning of the data
// set can remove) is flagged (no output, exit 1, findings in the report as digests);
// --allow-flagged keeps it and logs a release (with --require-reviewer only when a second person
// is named); every run writes audit.jsonl, later runs append to it; `veil verify-audit` exits 0
// on an untouched folder and 1, naming the entry, after a line of the log or an output was
// changed or removed; the log and the report hold no identifying value.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../src/core/audit/hashing.ts';
import { CT_VALUES, makeCtLike } from '../fixtures/make.ts';
import { ct, listFiles, readReport, removeTempDirs, runInProcess, runVeil, tempDir, uid, writeFile, type Run } from './helpers.ts';

const IDENTIFYING = [CT_VALUES.patientName, 'Doe', CT_VALUES.patientId, CT_VALUES.patientBirthDate, CT_VALUES.accessionNumber, CT_VALUES.institutionName,
  CT_VALUES.stationName, CT_VALUES.deviceSerialNumber, CT_VALUES.privateValue, uid('7.1'), uid('9.1'), uid('9.2'), 'PID-0077', 'Roe'];

let dir: string;
const at = (...p: string[]) => path.join(dir, ...p);
/** The audit log of the run into --out `out` (in its private folder). */
const auditLines = (out: string) => fs.readFileSync(at(`${out}.private`, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
/** Copy a run's --out and private folder to `to` and `to.private`. */
const copyRun = (from: string, to: string) => {
  fs.cpSync(at(from), at(to), { recursive: true });
  fs.cpSync(at(`${from}.private`), at(`${to}.private`), { recursive: true });
};
const audit = (out: string) => auditLines(out).map((l) => JSON.parse(l) as { seq: number; event: string; operator: string | null; prev: string; payload: Record<string, unknown> });
let flaggedRun: Run;

beforeAll(async () => {
  dir = tempDir();
  writeFile(at('in/clean/one.dcm'), ct('PID-0042', CT_VALUES.patientName, '1', '1', '1'));
  writeFile(at('in/PID-0077/two.dcm'), ct('PID-0077', 'Roe^Richard', '2', '2', '2'));
  flaggedRun = await runVeil(['anonymize', 'in', '--out', 'out', '--key', 'k', '--report', 'r.json', '--operator', 'Alice', '--jobs', '2', '--keep-paths'], dir);
});
afterAll(removeTempDirs);

describe('the leak gate in veil anonymize', () => {
  test('a file whose output path holds the patient ID is flagged: no output, exit 1, findings as digests', () => {
    expect(flaggedRun.status, flaggedRun.stderr).toBe(1);
    expect(flaggedRun.stderr).toMatch(/^2 files: 1 de-identified, 1 flagged by the leak gate \(0 released\), 0 refused, 0 skipped in /m);
    expect(flaggedRun.stderr).toMatch(/^flagged: in\/PID-0077\/two\.dcm: the leak gate found 1 identifying value of the original in the output \(PatientID \(0010,0020\) in output path\); no output was kept$/m);
    expect(listFiles(at('out'))).toEqual(['clean/one.dcm']);
    expect(listFiles(at('out.private'))).toEqual(['audit.jsonl', 'patid_mapping.csv', 'uid_mapping.csv']);
    const report = readReport(at('r.json')) as unknown as { files: Record<string, unknown>[]; summary: Record<string, number> };
    const entry = report.files.find((f) => f.input === path.join('in', 'PID-0077', 'two.dcm'))!;
    expect(entry).toMatchObject({ status: 'flagged', output: null, released: false, outputSha256: null });
    expect(entry.leaks).toEqual([{ valueHash: expect.stringMatching(/^[0-9a-f]{16}$/), kind: 'id', source: 'PatientID (0010,0020)', foundIn: 'output path' }]);
    expect(report.summary).toMatchObject({ files: 2, ok: 1, flagged: 1, released: 0 });
    expect(JSON.stringify(entry.leaks)).not.toContain('PID');
    // The flagged file's UIDs and patient ID are not in the mapping files: it has no output.
    expect(fs.readFileSync(at('out.private/patid_mapping.csv'), 'utf8')).not.toContain('PID-0077');
  });

  test('the audit log has run-start, options, one file entry per input and run-end, and no identifying value', () => {
    const entries = audit('out');
    expect(entries.map((e) => e.event)).toEqual(['run-start', 'options', 'file', 'file', 'run-end']);
    expect(entries.every((e) => e.operator === 'Alice')).toBe(true);
    // Inputs in sorted order: in/PID-0077/two.dcm is #0, in/clean/one.dcm #1.
    const files = entries.filter((e) => e.event === 'file').sort((a, b) => (a.payload.index as number) - (b.payload.index as number));
    expect(files[1].payload).toMatchObject({ index: 1, status: 'ok', sha256: sha256Hex(fs.readFileSync(at('in/clean/one.dcm'))), outputSha256: sha256Hex(fs.readFileSync(at('out/clean/one.dcm'))) });
    // Mirrored outputs are named by the hash of their path only.
    expect(files[1].payload.outputPathSha256).toBe(sha256Hex('clean/one.dcm'));
    expect(files[1].payload.output).toBeUndefined();
    expect(files[0].payload).toMatchObject({ index: 0, status: 'flagged', released: false, outputSha256: null, leaks: 1, sha256: sha256Hex(fs.readFileSync(at('in/PID-0077/two.dcm'))) });
    expect(entries[4].payload).toMatchObject({ files: 2, ok: 1, flagged: 1, released: 0, interrupted: false, written: { report: sha256Hex(fs.readFileSync(at('r.json'))) } });
    const text = fs.readFileSync(at('out.private/audit.jsonl'), 'utf8').toLowerCase();
    for (const v of [...IDENTIFYING, 'in/clean', 'two.dcm', dir]) expect(text, v).not.toContain(v.toLowerCase());
  });

  test('--allow-flagged keeps the output, status flagged and released, and logs the release with the reviewer', async () => {
    const r = await runVeil(['anonymize', 'in', '--out', 'rel', '--keep-paths', '--key', 'k', '--report', 'rel.json', '--allow-flagged',
      '--require-reviewer', '--operator', 'Alice', '--reviewer', 'Bob', '--jobs', '1'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 flagged by the leak gate \(1 released\)/);
    expect(r.stderr).toMatch(/^released: in\/PID-0077\/two\.dcm: released with --allow-flagged/m);
    const entry = readReport(at('rel.json')).files.find((f) => f.input.includes('two.dcm')) as unknown as Record<string, unknown>;
    expect(entry).toMatchObject({ status: 'flagged', released: true, output: path.join('rel', 'PID-0077', 'two.dcm'), outputSha256: sha256Hex(fs.readFileSync(at('rel/PID-0077/two.dcm'))) });
    const entries = audit('rel');
    expect(entries.map((e) => e.event)).toEqual(['run-start', 'options', 'file', 'release', 'file', 'run-end']);
    expect(entries[0].payload).toMatchObject({ reviewer: 'Bob' });
    const release = entries[3].payload;
    expect(release).toMatchObject({
      index: 0, releasedBy: 'Alice', reviewer: 'Bob', reviewerConfirmed: true, outputPathSha256: sha256Hex('PID-0077/two.dcm'), outputSha256: entry.outputSha256,
    });
    expect(release.leaks).toEqual([expect.objectContaining({ kind: 'id', source: 'PatientID (0010,0020)', foundIn: 'output path' })]);
    expect(JSON.stringify(entries).toLowerCase()).not.toContain('pid-0077');
    expect(entries[5].payload).toMatchObject({ flagged: 1, released: 1 });
  });

  test('by default, outputs are named by their pseudonym and new-UID paths in the log (and are not flagged)', async () => {
    const r = await runInProcess(['anonymize', at('in'), '--out', at('ren'), '--key', at('k')]);
    expect(r.status, r.stderr).toBe(0);
    const files = audit('ren').filter((e) => e.event === 'file');
    expect(files.map((f) => f.payload.output)).toEqual([expect.stringMatching(/^VEIL-[0-9A-Z]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/), expect.stringMatching(/^VEIL-[0-9A-Z]+\/2\.25\./)]);
    for (const f of files) expect(sha256Hex(fs.readFileSync(at('ren', f.payload.output as string)))).toBe(f.payload.outputSha256);
  });

  test('--require-reviewer without a second person is a usage error, before anything is written', async () => {
    for (const extra of [['--operator', 'Alice'], ['--operator', 'Alice', '--reviewer', 'alice'], ['--reviewer', 'Bob']]) {
      const r = await runInProcess(['anonymize', at('in'), '--out', at('nope'), '--keep-paths', '--key', at('k'), '--allow-flagged', '--require-reviewer', ...extra]);
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--require-reviewer/);
    }
    expect(fs.existsSync(at('nope'))).toBe(false);
  });

  test('audit.jsonl is written by every run, also one where every file is refused; later runs append', async () => {
    const whole = makeCtLike();
    writeFile(at('bad/broken.dcm'), whole.subarray(0, whole.length - 100));
    const first = await runInProcess(['anonymize', at('bad'), '--out', at('badout'), '--key', at('k')]);
    expect(first.status).toBe(1);
    expect(audit('badout').map((e) => e.event)).toEqual(['run-start', 'options', 'file', 'run-end']);
    expect(audit('badout')[2].payload).toMatchObject({ status: 'refused', outputSha256: null });
    const second = await runInProcess(['anonymize', at('bad'), '--out', at('badout'), '--key', at('k')]);
    expect(second.status).toBe(1);
    const lines = auditLines('badout');
    const entries = audit('badout');
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(entries[4].prev).toBe(sha256Hex(lines[3]));
  });
});

describe('help', () => {
  test('anonymize --help explains the gate, the release flags and the audit log; verify-audit has its own help', async () => {
    const help = await runInProcess(['anonymize', '--help']);
    for (const f of ['--allow-flagged', '--operator NAME', '--reviewer NAME', '--require-reviewer', '--keep KEEP', 'audit.jsonl', 'Leak gate', 'veil verify-audit KEEP --out DIR']) expect(help.stdout).toContain(f);
    const main = await runInProcess(['--help']);
    expect(main.stdout).toContain('veil verify-audit KEEP --out DIR');
    const v = await runInProcess(['verify-audit', '--help']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^Usage: veil verify-audit KEEP --out DIR\n {7}veil verify-audit DIR\n/);
    expect((await runInProcess(['verify-audit'])).status).toBe(2);
    expect((await runInProcess(['verify-audit', at('no-such-folder')])).status).toBe(1);
  });
});

describe('veil verify-audit', () => {
  test('exits 0 on an untouched run (private folder and --out), and on the old layout of one folder', async () => {
    const r = await runVeil(['verify-audit', 'rel.private', '--out', 'rel'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/6 entries in 1 run; the chain holds; 2 outputs present and unmodified/);
    const renamed = await runInProcess(['verify-audit', at('ren.private'), '--out', at('ren')]);
    expect(renamed.status, renamed.stderr).toBe(0);
    const mirrored = await runInProcess(['verify-audit', at('out.private'), '--out', at('out')]);
    expect(mirrored.status, mirrored.stderr).toBe(0);
    expect(mirrored.stdout).toMatch(/1 output present and unmodified/);
    // Earlier versions wrote the log beside the outputs: DIR alone still checks that layout.
    fs.cpSync(at('rel'), at('one-folder'), { recursive: true });
    fs.cpSync(at('rel.private/audit.jsonl'), at('one-folder/audit.jsonl'));
    const old = await runInProcess(['verify-audit', at('one-folder')]);
    expect(old.status, old.stderr).toBe(0);
    expect(old.stdout).toMatch(/2 outputs present and unmodified/);
    // The private folder alone: the outputs are not there, and the error says to give --out.
    const alone = await runInProcess(['verify-audit', at('rel.private')]);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toContain(`veil verify-audit ${at('rel.private')} --out OUT`);
  });

  test('exits 1 naming the entry after a line of the log was edited, then after one was deleted', async () => {
    copyRun('rel', 'edited');
    const lines = auditLines('edited');
    lines[2] = lines[2].replace(/"bytesIn":(\d+)/, (_, n) => `"bytesIn":${Number(n) + 1}`);
    fs.writeFileSync(at('edited.private/audit.jsonl'), lines.join('\n') + '\n');
    const edited = await runVeil(['verify-audit', 'edited.private', '--out', 'edited'], dir);
    expect(edited.status).toBe(1);
    expect(edited.stderr).toMatch(/audit\.jsonl: line 3: entry seq 3 \(file\) does not match its hash/);

    copyRun('rel', 'deleted');
    const all = auditLines('deleted');
    fs.writeFileSync(at('deleted.private/audit.jsonl'), [...all.slice(0, 3), ...all.slice(4)].join('\n') + '\n');
    const deleted = await runInProcess(['verify-audit', at('deleted.private'), '--out', at('deleted')]);
    expect(deleted.status).toBe(1);
    expect(deleted.stderr).toMatch(/line 4: entry seq 5 \(file\): prev does not match the hash of line 3/);
  });

  test('exits 1 naming the entry after an output was modified or removed', async () => {
    copyRun('ren', 'modified');
    const fileEntries = auditLines('modified').map((l, i) => [i + 1, JSON.parse(l)] as const).filter(([, e]) => e.event === 'file');
    const [line, e] = fileEntries[0];
    const output = at('modified', e.payload.output);
    const bytes = fs.readFileSync(output);
    bytes[bytes.length - 1] ^= 1;
    fs.writeFileSync(output, bytes);
    const modified = await runInProcess(['verify-audit', at('modified.private'), '--out', at('modified')]);
    expect(modified.status).toBe(1);
    expect(modified.stderr).toContain(`line ${line}: entry seq ${e.seq} (file #${e.payload.index}): ${e.payload.output} was modified`);
    fs.rmSync(output);
    const removed = await runInProcess(['verify-audit', at('modified.private'), '--out', at('modified')]);
    expect(removed.status).toBe(1);
    expect(removed.stderr).toContain(`line ${line}: entry seq ${e.seq} (file #${e.payload.index}): ${e.payload.output} is missing`);
    // Mirrored outputs too (found by the hash of their path).
    copyRun('out', 'mirror-mod');
    fs.appendFileSync(at('mirror-mod/clean/one.dcm'), 'x');
    const mirrored = await runInProcess(['verify-audit', at('mirror-mod.private'), '--out', at('mirror-mod')]);
    expect(mirrored.status).toBe(1);
    expect(mirrored.stderr).toMatch(/line \d+: entry seq \d+ \(file #1\): clean\/one\.dcm was modified/);
  });

  test('a broken log in the private folder is never extended', async () => {
    const r = await runInProcess(['anonymize', at('in/clean'), '--out', at('edited'), '--key', at('k'), '--keep-paths']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/audit\.jsonl does not verify \(line 3: .*\); a broken audit log is never extended/);
  });
});
