// No input is lost to a name clash (src/cli/output-claims.ts): a byte-identical copy of an input
// that has the output gets status "duplicate" naming the first input, no output, an audit entry
// and a place in the summary (exit status 0); a different file asking for the same output name
// (the same SOP Instance UID, other bytes) gets the name with a suffix and a warning. Both with
// --rename (new-UID names) and with mirrored paths (two input folders holding the same name).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { suffixed } from '../../src/cli/output-claims.ts';
import { makeCtLike, T } from '../fixtures/make.ts';
import { ct, listFiles, readDicom, readReport, removeTempDirs, runInProcess, runVeil, str, tempDir, uid, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

const copy = ct('PID-0042', 'Doe^Jane^Q', '1', '1', '1');
/** Same patient and UIDs as `copy`, other bytes (another slice thickness, kept in the output). */
const sibling = makeCtLike({
  patientId: 'PID-0042',
  patientName: 'Doe^Jane^Q',
  sopInstanceUID: uid('9.1'),
  extra: [
    { tag: T.StudyInstanceUID, vr: 'UI', value: uid('7.1') },
    { tag: T.SeriesInstanceUID, vr: 'UI', value: uid('8.1') },
    { tag: 0x00180050, vr: 'DS', value: '2.5' },
  ],
});

function setUp(): string {
  const d = tempDir();
  writeFile(path.join(d, 'in/x/same.dcm'), copy);
  writeFile(path.join(d, 'in/y/same.dcm'), copy);
  writeFile(path.join(d, 'in/z/same.dcm'), sibling);
  return d;
}

describe('name clashes', () => {
  test('suffixed() inserts _n before .dcm, or at the end of a name without it', () => {
    expect(suffixed('/o/1.2/3.4/5.6.dcm', 2)).toBe('/o/1.2/3.4/5.6_2.dcm');
    expect(suffixed('/o/a/IM0001', 3)).toBe('/o/a/IM0001_3');
  });

  test.concurrent('--rename: a byte-identical copy is a duplicate, another file with the same SOP Instance UID gets _2', async () => {
    const d = setUp();
    const r = await runInProcess(['anonymize', path.join(d, 'in'), '--out', path.join(d, 'out'), '--rename', '--key', path.join(d, 'k'), '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^3 files: 2 de-identified, 0 refused, 0 skipped, 1 duplicate in /m);
    expect(r.stderr).toContain(`duplicate: ${path.join(d, 'in/y/same.dcm')}: byte-identical to ${path.join(d, 'in/x/same.dcm')}`);
    const report = readReport(path.join(d, 'out.private/report.json'));
    const [x, y, z] = report.files;
    expect(x.status).toBe('ok');
    expect(y).toMatchObject({ status: 'duplicate', output: null, duplicateOf: path.join(d, 'in/x/same.dcm') });
    expect(z.status).toBe('ok');
    expect(report.summary).toMatchObject({ files: 3, ok: 2, duplicates: 1 });
    expect(x.output).toMatch(/\/2\.25\.\d+\.dcm$/);
    expect(z.output).toBe(x.output!.replace(/\.dcm$/, '_2.dcm'));
    expect(z.warnings.join('\n')).toContain(`another input (${path.join(d, 'in/x/same.dcm')}) has the same output name`);
    const files = listFiles(path.join(d, 'out'));
    expect(files).toHaveLength(2);
    // Both outputs carry the one new SOP Instance UID; the names differ by the suffix only.
    const [a, b] = await Promise.all(files.map((f) => readDicom(path.join(d, 'out', f))));
    expect(str(a, T.SOPInstanceUID)).toBe(str(b, T.SOPInstanceUID));
    expect(str(a, 0x00180050)).not.toBe(str(b, 0x00180050));
    const log = verifyAuditLog(fs.readFileSync(path.join(d, 'out.private/audit.jsonl'), 'utf8'));
    expect(log.problem).toBeUndefined();
    const statuses = log.entries.filter((e) => e.event === 'file').map((e) => (e.payload as { status: string }).status);
    expect(statuses.sort()).toEqual(['duplicate', 'ok', 'ok']);
    expect(log.entries.at(-1)!.payload).toMatchObject({ files: 3, ok: 2, duplicates: 1 });
  });

  test.concurrent('mirrored paths: the same, with worker threads, and a copy under another name is a duplicate too', async () => {
    const d = setUp();
    writeFile(path.join(d, 'in/x/renamed-copy.dcm'), copy);
    const r = await runVeil(['anonymize', 'in/x', 'in/y', 'in/z', '--out', 'out', '--keep-paths', '--key', 'k', '--jobs', '2'], d);
    expect(r.status, r.stderr).toBe(0);
    const report = readReport(path.join(d, 'out.private/report.json'));
    const by = new Map(report.files.map((f) => [f.input, f]));
    const kept = report.files.filter((f) => f.status === 'ok');
    const dups = report.files.filter((f) => f.status === 'duplicate');
    // Which copy came first depends on the threads; exactly one of the three copies has the output.
    expect(kept).toHaveLength(2);
    expect(dups).toHaveLength(2);
    const first = kept.find((f) => f.input !== 'in/z/same.dcm')!;
    for (const f of dups) expect(f.duplicateOf).toBe(first.input);
    expect(by.get('in/z/same.dcm')!.status).toBe('ok');
    const outputs = kept.map((f) => f.output).sort();
    // The other file with the same SOP Instance UID takes the suffix only when a copy named same.dcm got its name first.
    expect(by.get('in/z/same.dcm')!.output).toBe(first.input.endsWith('/same.dcm') ? 'out/same_2.dcm' : 'out/same.dcm');
    expect(listFiles(path.join(d, 'out')).sort()).toEqual(outputs.map((o) => o!.slice('out/'.length)).sort());
    const verify = await runVeil(['verify-audit', 'out.private', '--out', 'out'], d);
    expect(verify.status, verify.stderr).toBe(0);
  });

  test.concurrent('mirrored paths, one thread: the second file named same.dcm with other bytes gets same_2.dcm', async () => {
    const d = setUp();
    const r = await runInProcess(['anonymize', path.join(d, 'in/x'), path.join(d, 'in/z'), '--out', path.join(d, 'out'), '--keep-paths', '--key', path.join(d, 'k'), '--jobs', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(listFiles(path.join(d, 'out'))).toEqual(['same.dcm', 'same_2.dcm']);
    const report = readReport(path.join(d, 'out.private/report.json'));
    expect(report.files.map((f) => [f.status, f.output])).toEqual([['ok', path.join(d, 'out/same.dcm')], ['ok', path.join(d, 'out/same_2.dcm')]]);
    expect(report.files[1].warnings.join('\n')).toContain(`this output was named ${path.join(d, 'out/same_2.dcm')}`);
  });
});
