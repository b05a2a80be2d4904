// The two ways a file goes through `veil anonymize` (process-one.ts): in memory (up to the
// whole-read limit) and streamed through a temporary file (larger files, input hashed on a
// helper thread). Both must give the same output bytes and the same audit digests, which must be
// the SHA-256 of the input file and of the output file as they lie on disk, also when the leak
// gate cleaned a value and rewrote the output (in memory, or into another temporary file).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { processOne, runContext, tempPathOf, type Task } from '../../src/cli/process-one.ts';
import type { WorkerInit } from '../../src/cli/session.ts';
import { threadSha256 } from '../../src/cli/thread-sha256.ts';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { makeCtLike } from '../fixtures/make.ts';
import { ct, listFiles, removeTempDirs, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function init(outDir: string, wholeReadLimit?: number): WorkerInit {
  return { key: new Uint8Array(32).fill(9), options: DEFAULT_OPTIONS, mapping: null, outDir, rename: false, dryRun: false, allowFlagged: false, tempStem: 'teststem', wholeReadLimit };
}

describe('in memory and streamed', () => {
  test('give byte-identical outputs and the digests of the files on disk', async () => {
    const src = tempDir();
    const inputs = ['a/1.dcm', 'a/2.dcm', 'b/3.dcm'];
    inputs.forEach((rel, i) => writeFile(path.join(src, rel), ct(`PID-${i}`, `DOE^JANE${i}`, '1', '2', String(i + 1))));
    const outputs: Record<string, Buffer>[] = [];
    for (const limit of [undefined, 0]) {
      const out = tempDir();
      const ctx = runContext(init(out, limit), new Set(), (p) => Promise.resolve({ path: p }));
      const files: Record<string, Buffer> = {};
      for (const [index, rel] of inputs.entries()) {
        const task: Task = { index, input: rel, abs: path.join(src, rel), rel };
        const r = await processOne(task, ctx);
        expect(r.status, r.error ?? '').toBe('ok');
        const written = fs.readFileSync(r.output!);
        expect(r.sha256).toBe(sha(fs.readFileSync(task.abs)));
        expect(r.outputSha256).toBe(sha(written));
        expect(r.bytesOut).toBe(written.length);
        files[rel] = written;
      }
      expect(listFiles(out)).toEqual(inputs); // no temporary file left behind
      outputs.push(files);
    }
    for (const rel of inputs) expect(outputs[1][rel].equals(outputs[0][rel])).toBe(true);
  });

  test('a refused file leaves nothing, not even a folder, and still has its input digest', async () => {
    const src = tempDir();
    const bytes = new Uint8Array(ct('PID-9', 'DOE^JOHN', '1', '2', '9'));
    const broken = bytes.subarray(0, bytes.length - 1000); // pixel data cut short
    writeFile(path.join(src, 'x/broken.dcm'), broken);
    for (const limit of [undefined, 0]) {
      const out = tempDir();
      const ctx = runContext(init(out, limit), new Set(), (p) => Promise.resolve({ path: p }));
      const r = await processOne({ index: 0, input: 'x/broken.dcm', abs: path.join(src, 'x/broken.dcm'), rel: 'x/broken.dcm' }, ctx);
      expect(r.status).toBe('refused');
      expect(r.sha256).toBe(sha(broken));
      expect(fs.readdirSync(out)).toEqual([]);
    }
  });

  test('a value the leak gate cleans (a family name in Body Part Examined) is rewritten the same way in both, with its digest', async () => {
    const src = tempDir();
    const input = makeCtLike({ patientName: 'Smithers^Wayland', extra: [{ tag: 0x00180015, vr: 'CS', value: 'SMITHERS' }] });
    writeFile(path.join(src, 'c.dcm'), input);
    const outputs: Buffer[] = [];
    for (const limit of [undefined, 0]) {
      const out = tempDir();
      const temps = new Set<string>();
      const ctx = runContext(init(out, limit), temps, (p) => Promise.resolve({ path: p }));
      const r = await processOne({ index: 0, input: 'c.dcm', abs: path.join(src, 'c.dcm'), rel: 'c.dcm' }, ctx);
      expect(r.status, r.error ?? '').toBe('ok');
      expect(r.warnings).toContain('the leak gate found a value of PatientName (0010,0010) in BodyPartExamined (0018,0015) and emptied that value');
      const written = fs.readFileSync(r.output!);
      expect(written.toString('latin1').toLowerCase()).not.toContain('smithers');
      expect(r.outputSha256).toBe(sha(written));
      expect(r.bytesOut).toBe(written.length);
      expect(listFiles(out)).toEqual(['c.dcm']); // the first temporary file and the rewrite's are gone
      expect(temps.size).toBe(0);
      outputs.push(written);
    }
    expect(outputs[1].equals(outputs[0])).toBe(true);
  });

  test('temporary files are named from the run and the task, so the pool can remove them', () => {
    const t: Task = { index: 41, input: 'in/x.dcm', abs: '/in/x.dcm', rel: 'in/x.dcm' };
    expect(tempPathOf(t, { outDir: '/out', rename: false, tempStem: 'abc' })).toBe('/out/in/.x.dcm.veil-tmp-abc-41');
    expect(tempPathOf(t, { outDir: '/out', rename: true, tempStem: 'abc' })).toBe('/out/.file.veil-tmp-abc-41');
  });
});

describe('threadSha256', () => {
  test('gives node:crypto digests, for chunks of any size, file after file', () => {
    let x = 1;
    const data = new Uint8Array(9 * 1024 * 1024 + 17).map(() => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24);
    for (const cut of [65_537, 4 * 1024 * 1024, 4 * 1024 * 1024 + 3, 10 << 20]) {
      const h = threadSha256();
      for (let at = 0; at < data.length; at += cut) h.update(data.subarray(at, at + cut));
      expect(Buffer.from(h.digest()).toString('hex')).toBe(sha(data));
    }
  }, 60_000);
});
