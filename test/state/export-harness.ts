// The app's export run in Node for the tests of src/state: a pool that runs the pipeline's
// exportFile in-process (as a worker would, pixels and boxes passed on), and
// `veil verify-audit KEEP --out OUT` over an export — the private records in one folder, the
// unpacked DICOM bundle in another. Temporary folders go when the test file ends.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { verifyAudit } from '../../src/cli/verify-audit.ts';
import { exportFile } from '../../src/pipeline/export-file.ts';
import { openSource } from '../../src/pipeline/open-source.ts';
import { makeSession, type SessionInit } from '../../src/pipeline/session.ts';
import type { ExportPool } from '../../src/state/export-run.ts';
import { PRIVATE_FILES } from '../../src/state/private-records.ts';

export const inProcessPool = (init: SessionInit): ExportPool => {
  const session = makeSession(init);
  return {
    size: 1,
    run: (fn) => fn({ exportFile: async (blob, pixels) => exportFile(await openSource(blob), session, pixels) }),
    terminate: () => {},
  };
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** `veil verify-audit KEEP --out OUT` on an export's files (records and DICOM); `tamper` may change OUT first. */
export async function verifyAuditCli(files: Record<string, Uint8Array>, tamper?: (out: string) => void): Promise<{ status: number; out: string }> {
  const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'veil-state-keep-'));
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'veil-state-out-'));
  dirs.push(keep, shared);
  for (const [name, bytes] of Object.entries(files)) {
    const file = path.join((PRIVATE_FILES as readonly string[]).includes(name) ? keep : shared, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  tamper?.(shared);
  let out = '';
  const status = await verifyAudit([keep, '--out', shared], { out: (s) => (out += s), err: (s) => (out += s), version: 'test' });
  return { status, out };
}
