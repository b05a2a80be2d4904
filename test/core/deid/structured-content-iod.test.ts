// dciodvfy (dicom3tools) on the synthetic SRs before and after de-identification: the dummy
// content tree of the Basic Profile and the tree kept by the dose-report preset add no IOD error
// (PS3.3 A.35). Skipped where dciodvfy is not installed (CI installs dicom3tools).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { withPreset } from '../../../src/core/profile/presets.ts';
import { makeSr } from '../../fixtures/sr.ts';
import { deid, makeTestSession } from '../helpers.ts';

const hasDciodvfy = spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'veil-sr-iod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errors(bytes: Uint8Array, name: string): string[] {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  let out: string;
  try {
    out = execFileSync('dciodvfy', [p], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  return out.split('\n').filter((l) => l.startsWith('Error'));
}

describe.skipIf(!hasDciodvfy)('dciodvfy on de-identified structured reports', () => {
  for (const kind of ['dose', 'text'] as const) {
    it(`${kind} SR: no new error under the Basic Profile or the dose-report preset`, async () => {
      const original = makeSr(kind);
      const before = errors(original, `${kind}.dcm`);
      const basic = errors((await deid(original)).bytes, `${kind}-basic.dcm`);
      const preset = errors((await deid(original, makeTestSession(withPreset(DEFAULT_OPTIONS, 'dose-report')))).bytes, `${kind}-preset.dcm`);
      expect(basic.filter((e) => !before.includes(e))).toEqual([]);
      expect(preset.filter((e) => !before.includes(e))).toEqual([]);
    });
  }
});
