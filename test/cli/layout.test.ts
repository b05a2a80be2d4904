// `veil anonymize --rename` layout, split-archive determinism (two runs over two halves with one
// key give what one run over all gives, and the mapping CSVs accumulate in the private folder of
// one --out), and --mapping with a patient missing from it. Name clashes: name-clash.test.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { T } from '../fixtures/make.ts';
import { ct, listFiles, readCsv, readDicom, readReport, removeTempDirs, runInProcess, runVeil, str, tempDir, writeFile } from './helpers.ts';

let dir: string;
const at = (...p: string[]) => path.join(dir, ...p);

beforeAll(() => {
  dir = tempDir();
  // Both halves hold both patients and both studies.
  writeFile(path.join(dir, 'in/part1/p1-a.dcm'), ct('PID-0042', 'Doe^Jane^Q', '1', '1', '1'));
  writeFile(path.join(dir, 'in/part1/p2-a.dcm'), ct('PID-0077', 'Roe^Richard', '2', '2', '3'));
  writeFile(path.join(dir, 'in/part2/p1-b.dcm'), ct('PID-0042', 'Doe^Jane^Q', '1', '1', '2'));
  writeFile(path.join(dir, 'in/part2/p2-b.dcm'), ct('PID-0077', 'Roe^Richard', '2', '2', '4'));
  fs.writeFileSync(path.join(dir, 'map.csv'), 'id_old,id_new\nPID-0042,SUBJ-01\n');
});
afterAll(removeTempDirs);

describe('veil anonymize layouts and determinism', () => {
  test.concurrent('outputs are named <pseudonym>/<study>/<series>/<sop>.dcm by default; --rename is an accepted no-op', async () => {
    for (const [out, extra] of [['named', []], ['renamed', ['--rename']]] as const) {
      const r = await runInProcess(['anonymize', at('in/part1'), '--out', at(out), ...extra, '--key', at('k1'), '--jobs', '1']);
      expect(r.status, r.stderr).toBe(0);
      const files = listFiles(path.join(dir, out)).filter((f) => f.endsWith('.dcm'));
      expect(files).toHaveLength(2);
      for (const f of files) {
        expect(f).toMatch(/^VEIL-[0-9A-Z]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
        const dcm = await readDicom(path.join(dir, out, f));
        expect(f).toBe(`${str(dcm, T.PatientID)}/${str(dcm, T.StudyInstanceUID)}/${str(dcm, T.SeriesInstanceUID)}/${str(dcm, T.SOPInstanceUID)}.dcm`);
      }
    }
    expect(listFiles(path.join(dir, 'renamed')).sort()).toEqual(listFiles(path.join(dir, 'named')).sort());
  });

  test.concurrent('two runs over two halves with one key equal one run over all', async () => {
    const key = path.join(dir, 'split.key');
    // Create the key first so that the concurrent runs below share it.
    const first = await runVeil(['anonymize', 'in/part1', '--out', 'halves', '--rename', '--key', key, '--jobs', '1'], dir);
    expect(first.status, first.stderr).toBe(0);
    const [second, all] = await Promise.all([
      runVeil(['anonymize', 'in/part2', '--out', 'halves', '--rename', '--key', key, '--jobs', '1'], dir),
      runVeil(['anonymize', 'in', '--out', 'all', '--rename', '--key', key, '--jobs', '2'], dir),
    ]);
    expect(second.status, second.stderr).toBe(0);
    expect(all.status, all.stderr).toBe(0);
    const halves = listFiles(path.join(dir, 'halves'));
    expect(halves).toEqual(listFiles(path.join(dir, 'all')));
    expect(halves.filter((f) => f.endsWith('.dcm'))).toHaveLength(4);
    expect(halves).toHaveLength(4);
    for (const f of halves) {
      expect(fs.readFileSync(path.join(dir, 'halves', f)).equals(fs.readFileSync(path.join(dir, 'all', f))), f).toBe(true);
    }
    // The mapping files accumulate in the private folder; the log has two runs there, one here.
    for (const f of ['uid_mapping.csv', 'patid_mapping.csv']) {
      expect(fs.readFileSync(path.join(dir, 'halves.private', f)).equals(fs.readFileSync(path.join(dir, 'all.private', f))), f).toBe(true);
    }
    const events = (d: string) => fs.readFileSync(path.join(dir, d, 'audit.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).event);
    expect(events('halves.private').filter((e) => e === 'run-start')).toHaveLength(2);
    expect(events('all.private').filter((e) => e === 'file')).toHaveLength(4);
    const pats = readCsv(path.join(dir, 'all.private/patid_mapping.csv'));
    expect(pats.map((r) => r[0])).toEqual(['id_old', 'PID-0042', 'PID-0077']);
  });

  test.concurrent('--mapping: listed patients get their pseudonym, a missing one is refused naming the mapping', async () => {
    const r = await runInProcess(['anonymize', at('in/part1'), '--out', at('mapped'), '--mapping', at('map.csv'), '--key', at('k2'), '--report', at('m.json'), '--jobs', '1', '--keep-paths']);
    expect(r.status, r.stderr).toBe(1);
    const report = readReport(path.join(dir, 'm.json'));
    const p1 = report.files.find((f) => f.input === at('in/part1/p1-a.dcm'))!;
    const p2 = report.files.find((f) => f.input === at('in/part1/p2-a.dcm'))!;
    expect(p1.status).toBe('ok');
    expect(p2.status).toBe('refused');
    expect(p2.error).toMatch(/mapping CSV/);
    expect(p2.output).toBeNull();
    expect(listFiles(path.join(dir, 'mapped'))).toEqual(['p1-a.dcm']);
    expect(listFiles(path.join(dir, 'mapped.private'))).toEqual(['audit.jsonl', 'patid_mapping.csv', 'uid_mapping.csv']);
    const dcm = await readDicom(path.join(dir, 'mapped/p1-a.dcm'));
    expect(str(dcm, T.PatientID)).toBe('SUBJ-01');
    expect(readCsv(path.join(dir, 'mapped.private/patid_mapping.csv'))).toEqual([['id_old', 'id_new'], ['PID-0042', 'SUBJ-01']]);
  });
});
