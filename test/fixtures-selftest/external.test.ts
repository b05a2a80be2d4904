// Cross-check makeCtLike() with an external DICOM toolkit when one is installed: Debian's
// dcmdump (DCMTK) and/or python3 + pydicom. Nothing is installed; absent tools are skipped
// with a message saying so.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CT_VALUES, TS, makeCtLike } from '../fixtures/make.ts';

const hasDcmdump = spawnSync('which', ['dcmdump']).status === 0;
const hasPydicom = spawnSync('/usr/bin/python3', ['-c', 'import pydicom']).status === 0;
if (!hasDcmdump) console.warn('[fixtures-selftest] dcmdump not found (apt package dcmtk): skipping the DCMTK cross-check');
if (!hasPydicom) console.warn('[fixtures-selftest] python3 + pydicom not available: skipping the pydicom cross-check');

const NATIVE = [TS.ImplicitLE, TS.ExplicitLE, TS.ExplicitBE, TS.DeflatedLE];
const ENCAPSULATED = [TS.JPEGBaseline, TS.JPEGLossless, TS.JPEGLSLossless, TS.JPEG2000Lossless, TS.RLELossless];
/** [transfer syntax, undefined-length sequences] */
const CASES: [string, boolean][] = [...[...NATIVE, ...ENCAPSULATED].map((ts): [string, boolean] => [ts, false]), ...NATIVE.map((ts): [string, boolean] => [ts, true])];
const dir = mkdtempSync(join(tmpdir(), 'veil-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCt(ts: string, undefinedLengthSequences: boolean): string {
  const path = join(dir, `ct-${ts}-${undefinedLengthSequences ? 'ul' : 'dl'}.dcm`);
  writeFileSync(path, makeCtLike({ transferSyntax: ts, frames: 2, undefinedLengthSequences }));
  return path;
}

const PYDICOM = `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
print(ds.file_meta.TransferSyntaxUID)
print(ds.PatientName)
print(ds.RequestAttributesSequence[0].PatientName)
print(len(ds.PixelData))
`;

describe('external parsers read makeCtLike()', () => {
  it.skipIf(!hasDcmdump).each(CASES)('dcmdump: %s (undefined-length sequences: %s)', (ts, ul) => {
    const r = spawnSync('dcmdump', ['-Un', '+E', writeCt(ts, ul)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).not.toMatch(/^E: /m);
    expect(r.stdout).toContain(`(0002,0010) UI [${ts}]`);
    // top level, RequestAttributesSequence item, private sequence item
    expect(r.stdout.split(`PN [${CT_VALUES.patientName}]`).length - 1).toBeGreaterThanOrEqual(ts === TS.ImplicitLE ? 2 : 3);
    expect(r.stdout).toContain(`[${CT_VALUES.privateCreator}]`);
  });

  it.skipIf(!hasPydicom).each(CASES)('pydicom: %s (undefined-length sequences: %s)', (ts, ul) => {
    const out = execFileSync('/usr/bin/python3', ['-c', PYDICOM, writeCt(ts, ul)], { encoding: 'utf8' }).trim().split('\n');
    expect(out[0]).toBe(ts);
    expect(out[1]).toBe(CT_VALUES.patientName);
    expect(out[2]).toBe(CT_VALUES.patientName);
    expect(Number(out[3])).toBeGreaterThan(0);
  });

  it('reports which external parsers were available', () => {
    // Always runs, so the log shows whether the cross-checks above were real or skipped.
    console.info(`[fixtures-selftest] dcmdump: ${hasDcmdump ? 'yes' : 'absent'}, pydicom: ${hasPydicom ? 'yes' : 'absent'}`);
    expect(true).toBe(true);
  });
});
