// The bench's floors (scripts/bench/io-floor.mjs): outputs are the inputs byte for byte, and with
// --reread every input and output really goes through core's reader (a file it refuses fails the
// floor run, which the plain floor copies without looking).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { makeCtLike } from '../fixtures/ct.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const FLOOR = join(ROOT, 'scripts/bench/io-floor.mjs');
let dir: string;
let reader: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veil-floor-'));
  reader = join(dir, 'reader.mjs');
  await build({ entryPoints: [join(ROOT, 'scripts/bench/reread-entry.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: reader, logLevel: 'warning' });
  mkdirSync(join(dir, 'src'));
  for (let i = 1; i <= 3; i++) writeFileSync(join(dir, 'src', `IM${i}.dcm`), makeCtLike({ sopInstanceUID: `1.2.826.0.1.3680043.9999.7.${i}` }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (out: string, ...extra: string[]) => spawnSync(process.execPath, [FLOOR, join(dir, 'src'), join(dir, out), '2', ...extra], { encoding: 'utf8' });

describe('io-floor.mjs', () => {
  it('writes every input unchanged, with and without --reread, on two lanes', () => {
    for (const [out, extra] of [['plain', []], ['reread', ['--reread', reader]]] as const) {
      const r = run(out, ...extra);
      expect(r.status, r.stderr).toBe(0);
      const names = readdirSync(join(dir, out)).sort();
      expect(names).toEqual(['IM1.dcm', 'IM2.dcm', 'IM3.dcm']);
      for (const n of names) expect(readFileSync(join(dir, out, n)).equals(readFileSync(join(dir, 'src', n)))).toBe(true);
    }
  });

  it('parses with core\'s reader under --reread: a file that is not DICOM fails it, not the plain floor', () => {
    writeFileSync(join(dir, 'src', 'IM4.dcm'), Buffer.from('not a DICOM file at all, just text'));
    try {
      expect(run('plain2').status).toBe(0);
      const r = run('reread2', '--reread', reader);
      expect(r.status).not.toBe(0);
    } finally {
      rmSync(join(dir, 'src', 'IM4.dcm'));
    }
  });
});
