// The burned-in-text review in the app's audit log (issue 4): the real runExport (pipeline
// in-process, the real ZIP writer) on the sample's real bytes — the ultrasound (BurnedInAnnotation
// YES, modality US) marked redacted with a box, a CT slice (also BurnedInAnnotation YES) confirmed clean, one left unreviewed —
// writes each file's review status, reason codes and box count into its audit.jsonl file entry,
// exactly as report.json has them; the log still verifies (core and `veil verify-audit KEEP --out OUT`), and a
// changed review status in the log breaks the chain.

import { inEnglish } from '../../src/i18n/render-code.ts';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configure } from '@zip.js/zip.js';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { runExport } from '../../src/state/export-run.ts';
import { privateRecords } from '../../src/state/private-records.ts';
import { inProcessPool, verifyAuditCli } from './export-harness.ts';
import { ZipTarget } from '../../src/state/output-targets.ts';
import { mark } from '../../src/state/review.ts';
import { DEFAULT_SETTINGS, store } from '../../src/state/store.ts';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';

configure({ useWebWorkers: false, useCompressionStream: true });

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const KEY = new Uint8Array(32).fill(9);
const session = () => makeSession({ key: KEY, options: { ...DEFAULT_OPTIONS }, mapping: null });

async function loaded(id: number, name: string): Promise<LoadedFile> {
  const bytes = new Uint8Array(fs.readFileSync(SAMPLES + name));
  return { id, name, size: bytes.length, blob: new Blob([bytes]), scan: await scanFile(new MemorySource(bytes), session()) };
}


async function exportZip(): Promise<Record<string, Uint8Array>> {
  const chunks: Uint8Array[] = [];
  const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  await runExport(async () => new ZipTarget('test', stream), { makePool: inProcessPool, now: () => new Date('2025-01-02T03:04:05.678Z') });
  expect(inEnglish(store.get().exporting.message!)).toMatch(/^Export done/);
  const shared = unzipSync(new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()));
  expect(Object.keys(shared).filter((n) => !n.endsWith('.dcm'))).toEqual([]);
  // The private records (audit.jsonl, report.json, the CSVs) with the DICOM; verifyCli splits them into KEEP and OUT.
  const records = privateRecords()!;
  return { ...shared, ...Object.fromEntries(Object.entries(records).map(([k, v]) => [k, new TextEncoder().encode(v)])) };
}


describe('the burned-in-text review in the app audit log', () => {
  it('records status, reason codes and box count per file, as report.json does, and verifies', async () => {
    const files = [await loaded(0, 'us-1.dcm'), await loaded(1, 'ct-1.dcm'), await loaded(2, 'ct-2.dcm')];
    store.set({
      files, filesVersion: store.get().filesVersion + 1, key: KEY, mapping: null, operator: 'Op One', settings: { ...DEFAULT_SETTINGS },
      boxes: [{ id: 'b1', fileId: 0, frame: 0, scope: 'instance', x: 0, y: 0, width: 320, height: 16 }],
      exporting: { ...store.get().exporting, phase: 'idle' },
    });
    mark(0, 'redacted');
    mark(1, 'clean');
    const zip = await exportZip();

    const check = verifyAuditLog(new TextDecoder().decode(zip['audit.jsonl']));
    expect(check.problem).toBeUndefined();
    const fileEntries = check.entries.filter((e) => e.event === 'file').map((e) => e.payload as Record<string, unknown>);
    expect(fileEntries.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(fileEntries[0]).toMatchObject({ status: 'ok', burnedInReview: 'redacted', reviewReasons: ['burned-in-annotation', 'modality'], redactionBoxes: 1 });
    expect(fileEntries[0]!.redactionRegions).toEqual([{ x: 0, y: 0, width: 320, height: 16 }]);
    // The sample CT slices say BurnedInAnnotation YES too: candidates, one confirmed clean, one not reviewed.
    expect(fileEntries[1]).toMatchObject({ status: 'ok', burnedInReview: 'confirmed-clean', reviewReasons: ['burned-in-annotation'] });
    expect(fileEntries[1]).not.toHaveProperty('redactionBoxes');
    expect(fileEntries[2]).toMatchObject({ status: 'ok', burnedInReview: 'unreviewed', reviewReasons: ['burned-in-annotation'] });
    expect(fileEntries[2]).not.toHaveProperty('redactionBoxes');

    // The same fields as the report, file by file.
    const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as { files: Record<string, unknown>[] };
    for (const [i, p] of fileEntries.entries()) {
      for (const k of ['burnedInReview', 'reviewReasons', 'redactionBoxes', 'redactionRegions']) expect(p[k], `file ${i} ${k}`).toEqual(report.files[i]![k]);
    }

    const ok = await verifyAuditCli(zip);
    expect(ok.status, ok.out).toBe(0);

    // Rewriting a review status in the log is caught.
    const forged = new TextDecoder().decode(zip['audit.jsonl']).replace('"burnedInReview":"confirmed-clean"', '"burnedInReview":"redacted"');
    expect(forged).not.toBe(new TextDecoder().decode(zip['audit.jsonl']));
    expect(verifyAuditLog(forged).problem?.kind).toBe('broken');
    const bad = await verifyAuditCli({ ...zip, 'audit.jsonl': new TextEncoder().encode(forged) });
    expect(bad.status).not.toBe(0);
  });
});
