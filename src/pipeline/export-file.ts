// One file of an export, in a worker: hash the original (for the report's non-identifying
// input label and the audit log), de-identify into memory, re-read the output with verifyOutput,
// then run the leak gate (the same core call as the CLI) on the output's bytes and on its path
// inside the archive, and checksum the output (SHA-256 for the audit, CRC-32 for the ZIP entry).
// A hit makes the file 'flagged': its bytes still come back (the operator may release it) with
// the findings as keyed digests — a found value never leaves the worker.

import type { SessionState } from '../core/deid/file-rules.ts';
import type { ActionCounts } from '../core/deid/plan.ts';
import { deidentifyFile, type ProcessOptions } from '../core/deid/process-file.ts';
import type { FrameCodecs } from '../core/pixels/frame-codec.ts';
import type { RedactionBox } from '../core/pixels/redaction-box.ts';
import { checkParsedOutput } from '../core/deid/verify-output.ts';
import { readPart10, type DicomFile } from '../core/dicom/reader.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { MemorySink } from '../core/io/byte-sink.ts';
import { reportedLeaks, runLeakGate, type ReportedLeak } from '../core/leak/gate.ts';
import { outputPath } from '../app/output-naming.ts';
import { crc32 } from '../app/crc32.ts';
import { sha256OfBytes, sha256OfInput } from './native-sha256.ts';
import { capWarnings } from './session.ts';

export interface ExportedFile {
  status: 'ok' | 'flagged' | 'refused' | 'skipped';
  error: string | null;
  warnings: string[];
  counts: ActionCounts;
  /** SHA-256 of the input ('' when it could not be read). */
  sha256: string;
  bytesIn: number;
  /** The verified output, when status is ok or flagged. */
  bytes: Uint8Array | null;
  ids: { patientID: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string } | null;
  /** The output's path inside the archive (outputPath of ids), when there is an output. */
  path: string | null;
  /** SHA-256 of the output bytes, when there is an output. */
  outputSha256: string | null;
  /** CRC-32 of the output bytes (for the ZIP entry, computed here off the main thread), when there is an output. */
  crc32?: number | null;
  /** Leak gate findings (status flagged): attribute, where found, keyed digest; never the value. */
  leaks: ReportedLeak[];
  /** Milliseconds the leak gate took (0 when it did not run). */
  gateMs: number;
  uids: [string, string][];
  patientIds: [string, string][];
}

export const sha256Hex = (source: ByteSource): Promise<string> => sha256OfInput(source);

const now = (): number => performance.now();

/** What the export knows of one image's pixels: the boxes that apply to it and who vouches for them (src/core/deid/pixel-claim.ts). */
export interface PixelReview {
  boxes: RedactionBox[];
  /** Reviewed and confirmed free of burned-in text (113101 + BurnedInAnnotation NO without boxes). */
  confirmedClean?: boolean;
  /** Marked "redacted" in review after looking at it, or its boxes come from a device template in use. */
  boxesReviewed?: boolean;
  /** A review candidate (likely to carry burned-in text): unreviewed boxes leave Burned In Annotation YES. */
  burnedInCandidate?: boolean;
}

/** Pixel redaction for one file: its review, and codecs for compressed images. */
export interface FileRedaction extends PixelReview {
  codecs?: FrameCodecs;
}

export async function exportFile(source: ByteSource, session: SessionState, redaction?: FileRedaction): Promise<ExportedFile> {
  const digest = await sha256Hex(source);
  session.uids.seen.clear();
  session.pseudonyms.seen.clear();
  const sink = new MemorySink();
  const base = { sha256: digest, bytesIn: source.size, bytes: null, ids: null, path: null, outputSha256: null, leaks: [], gateMs: 0, uids: [], patientIds: [] };
  const opts: ProcessOptions = redaction && redaction.boxes.length ? { redactionBoxes: redaction.boxes, codecs: redaction.codecs } : {};
  if (redaction?.confirmedClean) opts.confirmedClean = true;
  if (redaction?.boxesReviewed) opts.boxesReviewed = true;
  if (redaction?.burnedInCandidate) opts.burnedInCandidate = true;
  const r = await deidentifyFile(source, sink, session, opts);
  if (r.status !== 'ok' || !r.outcome || !r.pixel || !r.transferSyntaxUID || !r.file) {
    return { ...base, status: r.status === 'ok' ? 'refused' : r.status, error: r.error ?? 'de-identification gave no output', warnings: capWarnings(r.warnings), counts: r.counts };
  }
  const bytes = sink.bytes();
  const o = r.outcome.ids;
  const ids = { patientID: o.patientID, studyInstanceUID: o.studyInstanceUID, seriesInstanceUID: o.seriesInstanceUID, sopInstanceUID: o.sopInstanceUID };
  // The output is parsed once, for the re-read check and the leak gate both (as in the CLI).
  const output = new MemorySource(bytes);
  let parsed: DicomFile | undefined;
  let problems: string[];
  try {
    parsed = await readPart10(output);
    problems = checkParsedOutput(parsed, { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel });
  } catch (err) {
    problems = [`the written output does not re-read: ${(err as Error).message}`];
  }
  if (problems.length) {
    return { ...base, status: 'refused', error: `the written output failed its re-read check: ${problems.join('; ')}`, warnings: capWarnings(r.warnings), counts: r.counts };
  }
  const path = outputPath(ids);
  const g0 = now();
  const gate = await runLeakGate(r.file, output, path, session.options, { parsed });
  const leaks = reportedLeaks(session.key, gate.leaks);
  const gateMs = Math.round((now() - g0) * 100) / 100;
  return {
    ...base, status: leaks.length ? 'flagged' : 'ok', error: leaks.length ? flaggedReason(leaks) : null, warnings: capWarnings(r.warnings), counts: r.counts,
    bytes, ids, path, outputSha256: await sha256OfBytes(bytes), crc32: crc32(bytes), leaks, gateMs,
    uids: [...session.uids.seen], patientIds: [...session.pseudonyms.seen],
  };
}

/** The plain-words reason of a flagged file (attribute names and places only). */
export function flaggedReason(leaks: readonly ReportedLeak[]): string {
  const distinct = new Set(leaks.map((l) => l.valueHash)).size;
  const where = [...new Set(leaks.map((l) => `${l.source} in ${l.foundIn}`))];
  const shown = where.slice(0, 3).join('; ') + (where.length > 3 ? `; and ${where.length - 3} more` : '');
  return `the leak gate found ${distinct} identifying value${distinct === 1 ? '' : 's'} of the original in the output (${shown}); it was left out`;
}
