// Asks pydicom 2.3 (Debian's python3-pydicom, installed in CI) how it reads files: one Python
// process for all of them (test/core/dicom/pydicom-reads.py). The tests compare the reader with it.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface PydicomRead {
  /** "complete", or why pydicom did not read the file completely. */
  verdict: string;
  /** The top-level elements as pydicom reads them: [tag as 8 hex digits, VR, value as text]. */
  elements: [string, string, string][];
}

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'pydicom-reads.py');

/** Why pydicom cannot be asked, or undefined when it can. */
export function pydicomMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import pydicom; print(pydicom.__version__)'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot be run (${r.error.message})`;
  if (r.status !== 0) return `pydicom is not installed for ${PYTHON} (apt install python3-pydicom)`;
  return undefined;
}

/** In CI (CI=true) the parity tests must run: a missing pydicom is a failure, not a skip. */
export const pydicomRequired = process.env.CI === 'true';

export function askPydicom(paths: string[]): Record<string, PydicomRead> {
  const r = spawnSync(PYTHON, [SCRIPT], { input: paths.join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pydicom-reads.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, PydicomRead>;
}
