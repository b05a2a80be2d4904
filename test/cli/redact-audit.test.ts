// `veil anonymize --redact` in the audit log: the file entry of each redacted image records how
// many boxes were burned in and the name of the template that matched (never a value of the
// file); images no template matched carry neither field. In-process (--jobs 1) and through the
// real command with worker threads (--jobs 2), the log verifies with `veil verify-audit`, and
// editing a template name in it breaks the chain.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { makeCtLike, T } from '../fixtures/make.ts';
import { removeTempDirs, runInProcess, runVeil, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const US = (i: number, manufacturer: string) =>
  makeCtLike({
    rows: 16, cols: 20, frames: 2, bitsAllocated: 8, sopInstanceUID: `1.2.826.0.1.3680043.9999.78.${i}`,
    extra: [
      { tag: T.Modality, vr: 'CS', value: 'US' },
      { tag: T.Manufacturer, vr: 'LO', value: manufacturer },
      { tag: T.BurnedInAnnotation, vr: 'CS', value: 'YES' },
    ],
  });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function setUp(): { dir: string; input: string; template: string; shas: Record<string, string> } {
  const dir = tempDir();
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  const files: Record<string, Uint8Array> = { 'a.dcm': US(1, 'ACME Sonics'), 'b.dcm': US(2, 'ACME Sonics'), 'c.dcm': US(3, 'Other Corp') };
  for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(input, n), b);
  const template = path.join(dir, 't.json');
  fs.writeFileSync(template, JSON.stringify({
    version: 1,
    templates: [
      { name: 'ACME banner', match: { Modality: 'US', Manufacturer: 'ACME Sonics' }, boxes: [{ x: 0, y: 0, width: 20, height: 3 }, { x: 0, y: 14, width: 5, height: 2 }] },
      { name: 'Never matches', match: { Manufacturer: 'Nobody' }, boxes: [{ x: 0, y: 0, width: 1, height: 1 }] },
    ],
  }));
  return { dir, input, template, shas: Object.fromEntries(Object.entries(files).map(([n, b]) => [sha(b), n])) };
}

function fileEntries(out: string, shas: Record<string, string>): Record<string, Record<string, unknown>> {
  const check = verifyAuditLog(fs.readFileSync(path.join(`${out}.private`, 'audit.jsonl'), 'utf8'));
  expect(check.problem).toBeUndefined();
  const byName: Record<string, Record<string, unknown>> = {};
  for (const e of check.entries.filter((x) => x.event === 'file')) {
    const p = e.payload as Record<string, unknown>;
    byName[shas[p.sha256 as string]!] = p;
  }
  return byName;
}

function expectRedactionFields(byName: Record<string, Record<string, unknown>>): void {
  expect(Object.keys(byName).sort()).toEqual(['a.dcm', 'b.dcm', 'c.dcm']);
  for (const n of ['a.dcm', 'b.dcm']) {
    expect(byName[n]).toMatchObject({ status: 'ok', redactionBoxes: 2, redactionTemplates: ['ACME banner'] });
    expect(byName[n]!.redactionRegions).toEqual([{ x: 0, y: 0, width: 20, height: 3 }, { x: 0, y: 14, width: 5, height: 2 }]);
  }
  expect(byName['c.dcm']).toMatchObject({ status: 'ok' });
  expect(byName['c.dcm']).not.toHaveProperty('redactionBoxes');
  expect(byName['c.dcm']).not.toHaveProperty('redactionTemplates');
  expect(byName['c.dcm']).not.toHaveProperty('redactionRegions');
}

describe('veil anonymize --redact in the audit log', () => {
  it('records boxes and template names per file, in-process, and the log verifies', async () => {
    const { dir, input, template, shas } = setUp();
    const out = path.join(dir, 'out');
    const r = await runInProcess(['anonymize', input, '--out', out, '--redact', template, '--key', path.join(dir, 'k'), '--jobs', '1', '--keep-paths']);
    expect(r.status, r.stderr).toBe(0);
    expectRedactionFields(fileEntries(out, shas));
    const v = await runInProcess(['verify-audit', `${out}.private`, '--out', out]);
    expect(v.status, v.stdout + v.stderr).toBe(0);

    // A template name changed in the log: the chain no longer verifies.
    const log = path.join(`${out}.private`, 'audit.jsonl');
    const text = fs.readFileSync(log, 'utf8');
    fs.writeFileSync(log, text.replace('"ACME banner"', '"ACME bannex"'));
    expect(verifyAuditLog(fs.readFileSync(log, 'utf8')).problem?.kind).toBe('broken');
    const bad = await runInProcess(['verify-audit', `${out}.private`, '--out', out]);
    expect(bad.status).not.toBe(0);
  });

  it('records the same through the real command with worker threads', async () => {
    const { dir, input, template, shas } = setUp();
    const r = await runVeil(['anonymize', input, '--out', 'out', '--redact', template, '--key', 'k', '--jobs', '2', '--keep-paths'], dir);
    expect(r.status, r.stderr).toBe(0);
    expectRedactionFields(fileEntries(path.join(dir, 'out'), shas));
    const v = await runVeil(['verify-audit', 'out.private', '--out', 'out'], dir);
    expect(v.status, v.stdout + v.stderr).toBe(0);
  }, 120_000);
});
