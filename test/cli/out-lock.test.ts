// One run at a time per private folder (--keep, default <out>.private): a live run's lock stops a
// second run before it writes anything; a lock left by a dead process is taken over with a
// warning; the lock is gone after a run and never lies in --out.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { LOCK_FILE, lockOutDir } from '../../src/cli/out-lock.ts';
import { ct, listFiles, removeTempDirs, runVeil, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

/** A pid that is not running: past the kernel's default pid_max and not ours. */
const DEAD_PID = 4_194_304 + 17;

describe('the --out lock', () => {
  test('a second lock on the same folder is refused while the first is held; released, it can be taken', () => {
    const dir = path.join(tempDir(), 'out');
    const warnings: string[] = [];
    const first = lockOutDir(dir, 'out', (t) => warnings.push(t));
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    expect(() => lockOutDir(dir, 'out', (t) => warnings.push(t))).toThrow(/another veil run is writing into out \(run \d+ on /);
    first.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lockOutDir(dir, 'out', (t) => warnings.push(t)).release();
    expect(warnings).toEqual([]);
  });

  test('a lock whose process is gone is taken over with a warning', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const warnings: string[] = [];
    const lock = lockOutDir(dir, 'out', (t) => warnings.push(t));
    expect(warnings.join('')).toMatch(/locked by run 4194321 .* no longer running; taking over/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  test('a lock from another host is never taken over', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: 'other-workstation', started: 'x' }));
    expect(() => lockOutDir(dir, 'out', () => undefined)).toThrow(/run 4194321 on other-workstation/);
  });

  test('veil anonymize refuses a locked private folder without writing, and leaves no lock after a run', async () => {
    const cwd = tempDir();
    writeFile(path.join(cwd, 'in', 'a.dcm'), ct('PID-1', 'Doe^Jane', '1', '1', '1'));
    const out = path.join(cwd, 'out');
    const keep = path.join(cwd, 'out.private');
    fs.mkdirSync(keep);
    // The test process itself is alive, so its lock counts as a run in progress.
    fs.writeFileSync(path.join(keep, LOCK_FILE), JSON.stringify({ pid: process.pid, host: os.hostname(), started: 'now' }));
    const blocked = await runVeil(['anonymize', 'in', '--out', 'out'], cwd);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/another veil run is writing into .*out\.private/);
    expect(listFiles(keep)).toEqual([LOCK_FILE]);
    expect(listFiles(out)).toEqual([]);

    fs.rmSync(path.join(keep, LOCK_FILE));
    const ok = await runVeil(['anonymize', 'in', '--out', 'out', '--keep-paths'], cwd);
    expect(ok.status, ok.stderr).toBe(0);
    // The lock never lies in --out, the folder users share; and it is gone from the private one.
    expect(listFiles(out)).toEqual(['a.dcm']);
    expect(listFiles(keep)).toEqual(['audit.jsonl', 'patid_mapping.csv', 'report.json', 'uid_mapping.csv']);
  });
});
