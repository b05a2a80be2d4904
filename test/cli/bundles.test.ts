// The two bundles of `veil anonymize` (src/cli/bundles.ts): --out holds de-identified DICOM only;
// the mapping files, the report and the audit log go to the private folder (--keep, default
// <out>.private), which may not lie inside --out nor --out inside it; --report inside --out is
// refused; a rerun reads the mappings from the private folder; anything but DICOM found in --out
// at the end fails the run loudly.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkShareable } from '../../src/cli/bundles.ts';
import { ct, listFiles, readCsv, readReport, removeTempDirs, runInProcess, tempDir, writeFile } from './helpers.ts';

let dir: string;
const at = (...p: string[]) => path.join(dir, ...p);

beforeAll(() => {
  dir = tempDir();
  writeFile(at('in/a.dcm'), ct('PID-0042', 'Doe^Jane', '1', '1', '1'));
  writeFile(at('more/b.dcm'), ct('PID-0077', 'Roe^Richard', '2', '2', '2'));
});
afterAll(removeTempDirs);

describe('two bundles', () => {
  test.concurrent('--keep, --out and --report may not nest: usage errors before anything is written', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', at('o1'), '--keep', at('o1/private')], /--keep .* is inside --out/],
      [['--out', at('o2'), '--keep', at('o2')], /--keep .* is --out itself/],
      [['--out', at('p3/out'), '--keep', at('p3')], /--out .* is inside --keep/],
      [['--out', at('o4'), '--report', at('o4/report.json')], /--report .* is inside --out .*; the report names the original files/],
      [['--out', at('o5'), '--keep', at('in/private')], /--keep .* and the input .* overlap/],
    ];
    for (const [flags, message] of cases) {
      const r = await runInProcess(['anonymize', at('in'), '--key', at('k'), ...flags]);
      expect(r.status, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    for (const d of ['o1', 'o2', 'p3', 'o4', 'o5', 'in/private']) expect(fs.existsSync(at(d)), d).toBe(false);
  });

  test.concurrent('--keep DIR takes the private files; a rerun into the same --out reads and extends its mappings', async () => {
    const first = await runInProcess(['anonymize', at('in'), '--out', at('shared'), '--keep', at('vault'), '--key', at('k'), '--keep-paths']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain(`: ${at('vault')}\n`);
    expect(listFiles(at('shared'))).toEqual(['a.dcm']);
    expect(listFiles(at('vault'))).toEqual(['audit.jsonl', 'patid_mapping.csv', 'report.json', 'uid_mapping.csv']);
    if (process.platform !== 'win32') expect(fs.statSync(at('vault')).mode & 0o777).toBe(0o700);
    expect(fs.existsSync(at('shared.private'))).toBe(false);
    const second = await runInProcess(['anonymize', at('more'), '--out', at('shared'), '--keep', at('vault'), '--key', at('k'), '--keep-paths']);
    expect(second.status, second.stderr).toBe(0);
    expect(listFiles(at('shared'))).toEqual(['a.dcm', 'b.dcm']);
    expect(readCsv(at('vault/patid_mapping.csv')).map((r) => r[0])).toEqual(['id_old', 'PID-0042', 'PID-0077']);
    // The report of the latest run, in the private folder.
    expect(readReport(at('vault/report.json')).files.map((f) => f.input)).toEqual([at('more/b.dcm')]);
  });

  test.concurrent('anything but DICOM in --out fails the run loudly, naming it', async () => {
    writeFile(at('stray/notes.txt'), 'left here by hand\n');
    writeFile(at('stray/sub/uid_mapping.csv'), 'id_old,id_new\n');
    const r = await runInProcess(['anonymize', at('in'), '--out', at('stray'), '--key', at('k')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out ${at('stray')} must hold de-identified DICOM only, but it holds 2 other file(s): notes.txt, sub/uid_mapping.csv`);
  });

  test('checkShareable: PS3.10 files pass (by .dcm, DICOMDIR, or any name when mirroring); others are listed', () => {
    const d = tempDir();
    const dcm = ct('PID-1', 'Doe^Jane', '1', '1', '1');
    writeFile(path.join(d, 'x/1.dcm'), dcm);
    writeFile(path.join(d, 'DICOMDIR'), dcm);
    writeFile(path.join(d, 'x/IM0001'), dcm);
    writeFile(path.join(d, 'x/fake.dcm'), 'not dicom');
    writeFile(path.join(d, 'x/.1.dcm.veil-tmp-abc-1'), dcm);
    expect(checkShareable(d, false)).toEqual(['x/.1.dcm.veil-tmp-abc-1', 'x/IM0001', 'x/fake.dcm']);
    expect(checkShareable(d, true)).toEqual(['x/fake.dcm']);
    expect(checkShareable(path.join(d, 'none'), false)).toEqual([]);
  });

  test('checkShareable: outputs the run verified are not read again, but their names are still checked', () => {
    const d = tempDir();
    // Stand-ins whose bytes are not PS3.10: only the `written` set can let them pass.
    writeFile(path.join(d, 'x/1.dcm'), 'verified in memory');
    writeFile(path.join(d, 'x/IM0001'), 'verified in memory');
    writeFile(path.join(d, 'x/2.dcm'), 'left by someone else');
    const written = new Set([path.join(d, 'x/1.dcm'), path.join(d, 'x/IM0001')]);
    expect(checkShareable(d, false, written)).toEqual(['x/2.dcm', 'x/IM0001']);
    expect(checkShareable(d, true, written)).toEqual(['x/2.dcm']);
  });
});
