// The CLI (`veil anonymize`, in-process) and the app's export code (exportFile, the worker's
// per-file step, called directly in Node) over ../shared/corpus with one key and the default
// options must agree file by file: the same status, the same output name and the same output
// bytes. Both go through the one per-file contract (src/core/deid/file-contract.ts); this test
// fails if an adapter adds, drops or changes anything. --allow-flagged keeps the CLI's flagged
// outputs so that their bytes are compared too; two inputs claiming one name are resolved in
// input order on both sides, as the CLI and the app's export do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { loadOrCreateKey } from '../../src/cli/key-file.ts';
import { OutputClaims } from '../../src/core/deid/output-claims.ts';
import { exportFile } from '../../src/pipeline/export-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { readReport, removeTempDirs, runInProcess, tempDir } from '../cli/helpers.ts';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const present = fs.existsSync(CORPUS);
if (!present) console.warn(`cli-parity: ${CORPUS} is absent; the CLI/app parity test is skipped`);

afterAll(removeTempDirs);

describe.skipIf(!present)('the CLI and the app export give the same outputs over the corpus', () => {
  it('agrees on status, output name and output bytes for every input', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const keyFile = path.join(dir, 'parity.key');
    const { key } = await loadOrCreateKey(keyFile, () => {});
    const run = await runInProcess(['anonymize', CORPUS, '--out', out, '--key', keyFile, '--report', path.join(dir, 'report.json'), '--allow-flagged', '--jobs', '1']);
    expect(run.stderr).not.toMatch(/internal error/);
    const report = readReport(path.join(dir, 'report.json'));
    expect(report.files.length).toBeGreaterThan(400);

    const session = makeSession({ key, options: { ...DEFAULT_OPTIONS }, mapping: null });
    const claims = new OutputClaims();
    const differences: string[] = [];
    let compared = 0;
    for (const entry of report.files) {
      const app = await exportFile(new MemorySource(new Uint8Array(fs.readFileSync(entry.input))), session);
      // The export's name rule (src/state/export-results.ts uses the same core claims).
      let status: string = app.status;
      let appPath = app.path;
      if (app.path && (status === 'ok' || status === 'flagged')) {
        const answer = claims.claim(app.path, entry.input, app.sha256);
        if ('duplicateOf' in answer) status = 'duplicate';
        else if ('path' in answer) appPath = answer.path;
      }
      const where = path.relative(CORPUS, entry.input);
      if (status !== entry.status) {
        differences.push(`${where}: CLI ${entry.status} (${entry.error}), app ${status}`);
        continue;
      }
      if (!entry.output) continue;
      const name = path.relative(out, entry.output).split(path.sep).join('/');
      if (name !== appPath) differences.push(`${where}: CLI named it ${name}, the app ${appPath}`);
      else if (!Buffer.from(app.bytes!).equals(fs.readFileSync(entry.output))) differences.push(`${where}: the output bytes differ`);
      else compared++;
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(250);
  }, 600_000);
});
