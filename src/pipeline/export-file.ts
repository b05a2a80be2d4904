// One file of an export, in a worker: hash the original (for the report's non-identifying
// input label), de-identify into memory, re-read the output with verifyOutput before it may go
// into the archive, and hand back the bytes with the UID and Patient ID pairs it used.

import { sha256 } from '@noble/hashes/sha2.js';
import type { SessionState } from '../core/deid/file-rules.ts';
import { toHex } from '../core/deid/keyed-hash.ts';
import type { ActionCounts } from '../core/deid/plan.ts';
import { deidentifyFile } from '../core/deid/process-file.ts';
import { verifyOutput } from '../core/deid/verify-output.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { MemorySink } from '../core/io/byte-sink.ts';
import { capWarnings } from './session.ts';

export interface ExportedFile {
  status: 'ok' | 'refused' | 'skipped';
  error: string | null;
  warnings: string[];
  counts: ActionCounts;
  sha256: string;
  bytesIn: number;
  /** The verified output, when status is ok. */
  bytes: Uint8Array | null;
  ids: { patientID: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string } | null;
  uids: [string, string][];
  patientIds: [string, string][];
}

const SLICE = 4 * 1024 * 1024;

export async function sha256Hex(source: ByteSource): Promise<string> {
  const h = sha256.create();
  for (let at = 0; at < source.size; at += SLICE) h.update(await source.read(at, Math.min(SLICE, source.size - at)));
  return toHex(h.digest());
}

export async function exportFile(source: ByteSource, session: SessionState): Promise<ExportedFile> {
  const digest = await sha256Hex(source);
  session.uids.seen.clear();
  session.pseudonyms.seen.clear();
  const sink = new MemorySink();
  const base = { sha256: digest, bytesIn: source.size, bytes: null, ids: null, uids: [], patientIds: [] };
  const r = await deidentifyFile(source, sink, session);
  if (r.status !== 'ok' || !r.outcome || !r.pixel || !r.transferSyntaxUID) {
    return { ...base, status: r.status === 'ok' ? 'refused' : r.status, error: r.error ?? 'de-identification gave no output', warnings: capWarnings(r.warnings), counts: r.counts };
  }
  const bytes = sink.bytes();
  const ids = r.outcome.ids;
  const problems = await verifyOutput(new MemorySource(bytes), { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel });
  if (problems.length) {
    return { ...base, status: 'refused', error: `the written output failed its re-read check: ${problems.join('; ')}`, warnings: capWarnings(r.warnings), counts: r.counts };
  }
  return {
    ...base, status: 'ok', error: null, warnings: capWarnings(r.warnings), counts: r.counts, bytes,
    ids: { patientID: ids.patientID, studyInstanceUID: ids.studyInstanceUID, seriesInstanceUID: ids.seriesInstanceUID, sopInstanceUID: ids.sopInstanceUID },
    uids: [...session.uids.seen], patientIds: [...session.pseudonyms.seen],
  };
}
