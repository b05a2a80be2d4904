// The app's export end to end in Node (the real runExport, the pipeline run in-process instead
// of in workers, the real ZIP writer): every output passes the leak gate; a flagged file is left
// out (status flagged, findings by digest, listed with its reason) unless released, and a
// release with two-person release on needs a reviewer other than the operator; the ZIP (the
// shareable bundle) holds de-identified DICOM only, under names that carry nothing of the
// originals; the private records (mapping CSVs, report.json, audit.jsonl) come apart, and the
// audit log passes core's verifyAuditLog and `veil verify-audit KEEP --out OUT` (records in KEEP,
// the ZIP unpacked into OUT; output paths are relative to the ZIP's root), holds no identifying value, and tampering with an
// output is caught.

import { inEnglish } from '../../src/i18n/render-code.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configure } from '@zip.js/zip.js';
import { unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditEntry } from '../../src/core/audit/chain.ts';
import { sha256Hex } from '../../src/core/audit/hashing.ts';
import { leakDigest } from '../../src/core/leak/gate.ts';
import { runExport } from '../../src/state/export-run.ts';
import { ZipTarget } from '../../src/state/output-targets.ts';
import { PRIVATE_FILES, privateRecords, writePrivateRecords } from '../../src/state/private-records.ts';
import { inProcessPool, verifyAuditCli } from './export-harness.ts';
import { answerRelease } from '../../src/state/release.ts';
import { DEFAULT_SETTINGS, store } from '../../src/state/store.ts';
import { CT_VALUES, FIXTURE_UID_ROOT, makeCtLike } from '../fixtures/make.ts';
import { msg, type Message } from '../../src/core/messages/message.ts';

configure({ useWebWorkers: false, useCompressionStream: true });

const uid = (s: string) => `${FIXTURE_UID_ROOT}.${s}`;
const KEY = new Uint8Array(32).fill(7);
const clean = makeCtLike({ sopInstanceUID: uid('9.1') });
const leaky = makeCtLike({ patientId: 'PID-0077', patientName: 'Roe^Richard', sopInstanceUID: uid('9.2') });
// An operator's mistake the de-identifier follows but the leak gate catches: the mapping CSV
// gives patient PID-0077 its real name as the "new" name.
const MAPPING: [string, { patientID: string; patientName: string }][] = [
  [CT_VALUES.patientId, { patientID: 'NEW-0042', patientName: 'NEW-0042' }],
  ['PID-0077', { patientID: 'NEW-0077', patientName: 'Roe^Richard' }],
];
const IDENTIFYING = [CT_VALUES.patientId, 'Doe', 'Jane', 'PID-0077', 'Roe', 'Richard', FIXTURE_UID_ROOT, 'two.dcm', 'in/', 'notes.txt', 'evil'];

function load(): void {
  const file = (id: number, name: string, bytes: Uint8Array, refusal?: Message) => ({ id, name, size: bytes.length, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), ...(refusal ? { refusal } : {}) });
  store.set({
    files: [
      file(0, 'in/one.dcm', clean),
      file(1, 'in/PID-0077/two.dcm', leaky),
      file(2, 'in/notes.txt', new TextEncoder().encode('not DICOM')),
      file(3, 'in.zip/../evil.dcm', new Uint8Array(0), msg('zip-entry-refused', { why: msg('zip-name-dotdot') })),
    ],
    key: KEY, mapping: { name: 'm.csv', pairs: MAPPING }, operator: '', settings: { ...DEFAULT_SETTINGS }, exporting: { ...store.get().exporting, phase: 'idle' },
  });
}

const zipSink = () => {
  const chunks: Uint8Array[] = [];
  const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  return { stream, unzip: async () => unzipSync(new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer())) };
};

/**
 * Run an export into memory; `decide` answers the release dialog when it opens. Returns the
 * shareable ZIP's entries (checked to be DICOM only) together with the private records' files,
 * as "Save private records" writes them.
 */
async function exportZip(decide: () => void): Promise<Record<string, Uint8Array>> {
  const chunks: Uint8Array[] = [];
  const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) });
  const stop = store.subscribe(() => {
    if (store.get().release) queueMicrotask(decide);
  });
  try {
    await runExport(async () => new ZipTarget('test', stream), { makePool: inProcessPool, now: () => new Date('2025-01-02T03:04:05.678Z') });
  } finally {
    stop();
  }
  expect(inEnglish(store.get().exporting.message!)).toMatch(/^Export done/);
  const shared = unzipSync(new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()));
  expect(Object.keys(shared).filter((n) => !n.endsWith('.dcm'))).toEqual([]);
  for (const v of IDENTIFYING) expect(Object.keys(shared).join('\n'), v).not.toContain(v);
  const keep = zipSink();
  expect(await writePrivateRecords(new ZipTarget('private', keep.stream))).toBe(true);
  const records = await keep.unzip();
  expect(Object.keys(records).sort()).toEqual([...PRIVATE_FILES].sort());
  expect(new TextDecoder().decode(records['audit.jsonl'])).toBe(privateRecords()!['audit.jsonl']);
  return { ...shared, ...records };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const entriesOf = (zip: Record<string, Uint8Array>): AuditEntry[] => {
  const check = verifyAuditLog(text(zip['audit.jsonl']));
  expect(check.problem).toBeUndefined();
  return check.entries;
};


beforeEach(load);

describe('the app export with the leak gate and the audit log', () => {
  it('leaves a flagged file out, reports it by digest, and writes an audit.jsonl that verifies', async () => {
    const zip = await exportZip(() => answerRelease(false));
    const dcm = Object.keys(zip).filter((n) => n.endsWith('.dcm'));
    expect(dcm).toHaveLength(1);
    expect(Object.keys(zip).sort()).toEqual([...dcm, 'audit.jsonl', 'patid_mapping.csv', 'report.json', 'uid_mapping.csv'].sort());

    const report = JSON.parse(text(zip['report.json']));
    expect(report.summary).toEqual({ files: 4, ok: 1, flagged: 1, released: 0, refused: 1, skipped: 1 });
    const flagged = report.files[1];
    expect(flagged).toMatchObject({ status: 'flagged', output: null, released: false });
    expect(flagged.error).toMatch(/^the leak gate found 1 identifying value of the original in the output \(PatientName \(0010,0010\) in element PatientName \(0010,0010\)\); no output was kept$/);
    expect(flagged.leaks).toEqual([{ valueHash: leakDigest(KEY, 'Roe^Richard'), kind: 'name', source: 'PatientName (0010,0010)', foundIn: 'element PatientName (0010,0010)' }]);
    expect(report.files[3]).toMatchObject({ status: 'refused', output: null, error: expect.stringMatching(/not extracted/) });
    expect(store.get().exporting.failures.map((f) => f.status)).toEqual(['flagged', 'skipped', 'refused']);
    expect(text(zip['patid_mapping.csv'])).not.toContain('PID-0077'); // no output: no pairs
    expect(text(zip['report.json'])).not.toContain('Roe');

    const entries = entriesOf(zip);
    expect(entries.map((e) => e.event)).toEqual(['run-start', 'options', 'file', 'file', 'file', 'file', 'export', 'run-end']);
    expect(entries.every((e) => e.ts === '2025-01-02T03:04:05.678Z' && e.operator === null)).toBe(true);
    expect(entries[0].payload).toMatchObject({ tool: 'veil', command: 'export', inputs: 4, reviewer: null });
    expect(entries[1].payload).toMatchObject({ rename: true, allowFlagged: false, requireReviewer: false, mapping: true });
    // Files in load order, except flagged ones: they are logged once the operator has decided.
    const files = entries.filter((e) => e.event === 'file').map((e) => e.payload);
    expect(files.map((f) => f.index)).toEqual([0, 2, 3, 1]);
    files.sort((a, b) => (a.index as number) - (b.index as number));
    expect(files[0]).toMatchObject({ index: 0, status: 'ok', sha256: sha256Hex(clean), output: dcm[0], outputSha256: sha256Hex(zip[dcm[0]]) });
    expect(files[1]).toMatchObject({ index: 1, status: 'flagged', released: false, outputSha256: null, leaks: 1, leakDigests: [leakDigest(KEY, 'Roe^Richard')], sha256: sha256Hex(leaky) });
    expect(files[1]).not.toHaveProperty('output');
    expect(files[2]).toMatchObject({ index: 2, status: 'skipped', outputSha256: null });
    expect(files[3]).toMatchObject({ index: 3, status: 'refused', sha256: null });
    expect(entries[7].payload).toMatchObject({
      files: 4, ok: 1, flagged: 1, released: 0, refused: 1, skipped: 1, interrupted: false,
      written: { 'report.json': sha256Hex(zip['report.json']), 'uid_mapping.csv': sha256Hex(zip['uid_mapping.csv']), 'patid_mapping.csv': sha256Hex(zip['patid_mapping.csv']) },
    });
    for (const v of IDENTIFYING) expect(text(zip['audit.jsonl']), v).not.toContain(v);

    const cli = await verifyAuditCli(zip);
    expect(cli.out).toMatch(/8 entries in 1 run; the chain holds; 1 output present and unmodified/);
    expect(cli.status).toBe(0);
  });

  it('two-person release: needs an operator first, then a reviewer who is someone else; the release is logged', async () => {
    store.set({ settings: { ...DEFAULT_SETTINGS, requireReviewer: true } });
    await runExport(async () => {
      throw new Error('no target should be opened');
    }, { makePool: inProcessPool });
    expect(store.get().exporting.phase).toBe('failed');
    expect(inEnglish(store.get().exporting.message!)).toMatch(/enter your name as operator/);

    store.set({ operator: 'Alice' });
    const answers: (string | null)[] = [];
    const zip = await exportZip(() => {
      expect(store.get().release).toMatchObject({ requireReviewer: true, operator: 'Alice', files: [{ input: expect.stringMatching(/^#2 sha256:/), name: 'in/PID-0077/two.dcm' }] });
      answers.push(...[answerRelease(true, ''), answerRelease(true, ' alice '), answerRelease(true, 'Bob')].map((m) => m && inEnglish(m)));
    });
    expect(answers[0]).toMatch(/enter the reviewer/);
    expect(answers[1]).toMatch(/another person than the operator/);
    expect(answers[2]).toBeNull();

    const dcm = Object.keys(zip).filter((n) => n.endsWith('.dcm'));
    expect(dcm).toHaveLength(2);
    const report = JSON.parse(text(zip['report.json']));
    expect(report.summary).toMatchObject({ ok: 1, flagged: 1, released: 1 });
    expect(report.files[1]).toMatchObject({ status: 'flagged', released: true, output: dcm[1], error: expect.stringMatching(/^released by the operator and a second reviewer/) });
    expect(store.get().exporting.failures.map((f) => f.status)).toEqual(['skipped', 'refused']);

    const entries = entriesOf(zip);
    expect(entries.map((e) => e.event)).toEqual(['run-start', 'options', 'file', 'file', 'file', 'file', 'release', 'export', 'run-end']);
    expect(entries.every((e) => e.operator === 'Alice')).toBe(true);
    const released = entries.find((e) => e.event === 'file' && e.payload.index === 1)!.payload;
    expect(released).toMatchObject({ status: 'flagged', released: true, output: dcm[1], outputSha256: sha256Hex(zip[dcm[1]]) });
    expect(entries[6].payload).toMatchObject({
      index: 1, output: dcm[1], releasedBy: 'Alice', reviewer: 'Bob', reviewerConfirmed: true,
      leaks: [{ valueHash: leakDigest(KEY, 'Roe^Richard'), source: 'PatientName (0010,0010)', foundIn: 'element PatientName (0010,0010)' }],
    });
    expect(entries[8].payload).toMatchObject({ flagged: 1, released: 1 });
    expect(text(zip['patid_mapping.csv'])).toContain('PID-0077,'); // a released output hands out its pairs

    expect((await verifyAuditCli(zip)).status).toBe(0);
    const tampered = await verifyAuditCli(zip, (dir) => fs.appendFileSync(path.join(dir, dcm[1]), 'x'));
    expect(tampered.status).toBe(1);
    expect(tampered.out).toMatch(/was modified/);
  });
});
