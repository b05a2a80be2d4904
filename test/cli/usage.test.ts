// The `veil` command line: --dry-run writes nothing, --out inside (or equal to) an input is
// refused, unknown flags and invalid option combinations are usage errors (exit 2), the default
// key is created in the config folder, help and version, and `veil inspect`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OPTION_INFO, OPTION_KEYS } from '../../src/core/profile/options.ts';
import { CT_VALUES, makeCtLike } from '../fixtures/make.ts';
import { readReport, removeTempDirs, runInProcess, runVeil, tempDir, writeFile } from './helpers.ts';

let dir: string;
const at = (...p: string[]) => path.join(dir, ...p);

beforeAll(() => {
  dir = tempDir();
  writeFile(path.join(dir, 'in/ct.dcm'), makeCtLike());
  const whole = makeCtLike();
  writeFile(path.join(dir, 'broken.dcm'), whole.subarray(0, whole.length - 100));
});
afterAll(removeTempDirs);

describe('veil command line', () => {
  test.concurrent('--dry-run writes nothing to --out; the default key is made in the config folder', async () => {
    const r = await runVeil(['anonymize', 'in', '--out', 'dry', '--dry-run', '--report', 'dry.json', '--jobs', '1'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dry'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dry.private'))).toBe(false);
    expect(r.stderr).toMatch(/^1 files: 1 de-identified, 0 refused, 0 skipped in /m);
    expect(readReport(path.join(dir, 'dry.json')).files).toMatchObject([{ input: path.join('in', 'ct.dcm'), status: 'ok', output: null }]);
    const keyFile = path.join(dir, '.config', 'veil', 'key');
    expect(r.stderr).toContain(`created a new project key in ${keyFile}`);
    expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^veil-key-v1:[0-9a-f]{64}\n$/);
  });

  test.concurrent('--out inside or equal to an input folder is refused before anything is written', async () => {
    const inside = await runInProcess(['anonymize', at('in'), '--out', at('in/out'), '--key', at('k')]);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain(`--out ${at('in/out')} is inside the input folder ${at('in')}`);
    expect(fs.existsSync(at('in/out'))).toBe(false);
    const same = await runInProcess(['anonymize', at('in'), '--out', at('in') + '/', '--key', at('k')]);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/is the input folder/);
    const around = await runInProcess(['anonymize', at('in'), '--out', dir, '--key', at('k')]);
    expect(around.status).toBe(2);
    expect(around.stderr).toMatch(/is inside --out/);
  });

  test.concurrent('unknown flags, missing --out and invalid option combinations exit 2', async () => {
    const unknown = await runInProcess(['anonymize', at('in'), '--out', at('o'), '--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --frobnicate/);
    const noOut = await runInProcess(['anonymize', at('in')]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/--out DIR is required/);
    const combo = await runInProcess(['anonymize', at('in'), '--out', at('o'), '--retain-full-dates', '--retain-modified-dates']);
    expect(combo.status).toBe(2);
    expect(combo.stderr).toMatch(/exclude each other/);
    expect(fs.existsSync(path.join(dir, 'o'))).toBe(false);
  });

  test.concurrent('--help lists every option flag and the mapping files; --version', async () => {
    const help = await runInProcess(['anonymize', '--help']);
    expect(help.status).toBe(0);
    for (const k of OPTION_KEYS) expect(help.stdout).toContain(OPTION_INFO[k].flag);
    expect(help.stdout).toMatch(/uid_mapping\.csv[\s\S]*safekeeping/);
    const main = await runInProcess(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toContain('veil anonymize');
    const version = await runVeil(['--version'], dir); // the real bin, from another cwd
    expect(version.stdout).toMatch(/^veil \d+\.\d+\.\d+/);
  });

  test.concurrent('inspect --json lists PatientName with its action and reason; a broken file exits 1', async () => {
    const r = await runInProcess(['inspect', at('in/ct.dcm'), '--json', '--key', at('k')]);
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { file: string; status: string; warnings: string[]; rows: { keyword: string; action: string; reason: string; original: string; result: string | null }[] };
    expect(plan).toMatchObject({ file: at('in/ct.dcm'), status: 'ok' });
    expect(Array.isArray(plan.warnings)).toBe(true);
    const name = plan.rows.find((row) => row.keyword === 'PatientName')!;
    expect(name.original).toBe(CT_VALUES.patientName);
    expect(name.action).toMatch(/^[XZDKCU]$/);
    expect(name.reason.length).toBeGreaterThan(0);
    expect(name.result).not.toBe(CT_VALUES.patientName);
    const table = await runInProcess(['inspect', at('in/ct.dcm'), '--key', at('k')]);
    expect(table.stdout).toMatch(/PatientName\s+PN\s+\w/);
    const broken = await runInProcess(['inspect', at('broken.dcm'), '--key', at('k')]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/refused/);
  });
});
