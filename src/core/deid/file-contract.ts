// The per-file contract of Veil, the same for the CLI and the app: de-identify one input into an
// output medium the caller hands in, re-read the written bytes (checkParsedOutput: Part 10 in the
// same transfer syntax, new SOP Instance UID in the file meta, PS3.10 §7.1), run the leak gate on
// those bytes and on the output's name (no identifying value of the original may remain,
// PS3.15 E.1.1), and return a typed outcome: status, name, digests, counts, ids, pairs handed
// out, redaction, leaks, and every reason and warning as a Message ({code, params}).
// Hashing and the medium are the caller's (node:crypto and a temporary file in the CLI, WebCrypto
// and memory in the app), so the core stays pure. The caller decides what happens to a kept
// output (claim a path, write, add to a ZIP); a refused output is discarded here.

import { placeOf } from '../leak/place.ts';
import type { ByteSink } from '../io/byte-sink.ts';
import type { ByteSource } from '../io/byte-source.ts';
import { readPart10, type DicomFile } from '../dicom/reader.ts';
import { reportedLeaks, type ReportedLeak } from '../leak/gate.ts';
import { gateAndClean, type OutputStore } from '../leak/clean.ts';
import { capMessages, msg, type Message } from '../messages/message.ts';
import type { SessionState } from './file-rules.ts';
import { emptyCounts, type ActionCounts } from './plan.ts';
import { deidentifyFile, planFile, type FileResult, type ProcessOptions } from './process-file.ts';
import { outputPath, type OutputIds } from './output-name.ts';
import { checkParsedOutput } from './verify-output.ts';
import type { DirectoryEntry } from '../media/directory-entry.ts';
import { mediaOutput } from '../media/media-output.ts';

export type FileStatus = 'ok' | 'flagged' | 'refused' | 'skipped';

/** Where the output is written, and how it is read back: the caller's. */
export interface OutputMedium {
  sink: ByteSink;
  /** After de-identification: the written bytes as a source, their SHA-256, their length. */
  written(): Promise<{ source: ByteSource; sha256: string; bytes: number; close?(): Promise<void> }>;
  /** Drops what was written (a refused file leaves nothing behind). */
  discard(): Promise<void>;
  /** Where the leak gate writes an output it cleaned (leak/clean.ts); default: memory. */
  rewrites?: OutputStore;
  /** The cleaned rewrite becomes the output (its digest and length). */
  adopt(rewritten: { source: ByteSource; sink: ByteSink }): Promise<{ sha256: string; bytes: number }>;
}

export interface FileInput {
  source: ByteSource;
  /** SHA-256 (hex) of the input; asked for once the work is done (a streamed input is hashed as it is read). */
  inputSha256(): Promise<string>;
  session: SessionState;
  options?: ProcessOptions;
  /** The output's name relative to the output folder; default: outputPath() of the new ids (--keep-paths: the input's). */
  keepPath?: string;
  /**
   * 'media': the CD layout (--dicomdir, the app's "For CD/USB"): the output is named with its
   * PS3.10 file ID (media/file-id.ts mediaFileId) instead of keepPath/outputPath, comes back with
   * its DICOMDIR entry, and the entry's record values go through the leak gate too.
   */
  naming?: 'media';
  /** Plan only: nothing is written, no medium is made. */
  dryRun?: boolean;
  /** The output medium, made when there is something to write. */
  medium(): OutputMedium;
}

export interface FileOutcome {
  status: FileStatus;
  /** Why a file is refused, skipped or flagged; null when ok. */
  reason: Message | null;
  /** Capped and de-duplicated (capMessages). */
  warnings: Message[];
  /** The output's name relative to the output folder ('/' separated unless --keep-paths), or null. */
  name: string | null;
  inputSha256: string | null;
  outputSha256: string | null;
  bytesIn: number;
  bytesOut: number;
  counts: ActionCounts;
  ids: (OutputIds & { sopClassUID: string }) | null;
  transferSyntaxUID: string | null;
  /** original → new pairs handed out for this file (only with an output). */
  uids: [string, string][];
  patientIds: [string, string][];
  redaction?: FileResult['redaction'];
  /** Leak gate findings as keyed digests (never the value). */
  leaks: ReportedLeak[];
  /** Milliseconds the leak gate took (0 when it did not run). */
  gateMs: number;
  /** naming 'media': what the DICOMDIR says of this output (read from its written bytes). */
  directoryEntry?: DirectoryEntry;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export { placeOf } from '../leak/place.ts';

/** The flagged reason: how many distinct values, and where (at most three places, then how many more). */
export function flaggedReason(leaks: readonly ReportedLeak[], code: 'leak-flagged' | 'leak-released' = 'leak-flagged'): Message {
  const count = new Set(leaks.map((l) => l.valueHash)).size;
  const where = [...new Map(leaks.map((l) => [`${l.source}|${l.foundIn}`, l])).values()];
  const shown: Message[] = where.slice(0, 3).map((l) => msg('leak-where', { source: l.source, place: placeOf(l.foundIn) }));
  if (where.length > 3) shown.push(msg('and-more', { count: where.length - 3 }));
  return msg(code, { count, where: shown });
}

/** One input through the contract (see the header). */
export async function processFile(input: FileInput): Promise<FileOutcome> {
  const { source, session } = input;
  const options = input.options ?? {};
  const digest = () => input.inputSha256().catch(() => null);
  session.uids.seen.clear();
  session.pseudonyms.seen.clear();
  const result = (r: Pick<FileResult, 'warnings' | 'counts' | 'transferSyntaxUID' | 'redaction'> & { outcome?: FileResult['outcome'] }, status: FileStatus, reason: Message | null, extra: Partial<FileOutcome> = {}): FileOutcome => {
    const o = r.outcome?.ids;
    return {
      status, reason, warnings: capMessages(r.warnings), name: null, inputSha256: null, outputSha256: null, bytesIn: source.size, bytesOut: 0,
      counts: r.counts, ids: o ? { patientID: o.patientID, studyInstanceUID: o.studyInstanceUID, seriesInstanceUID: o.seriesInstanceUID, sopInstanceUID: o.sopInstanceUID, sopClassUID: o.sopClassUID } : null,
      transferSyntaxUID: r.transferSyntaxUID ?? null, uids: [], patientIds: [], ...(r.redaction ? { redaction: r.redaction } : {}), leaks: [], gateMs: 0, ...extra,
    };
  };
  if (input.dryRun) {
    const r = await planFile(source, session, options);
    return result(r, r.status, r.reason, { inputSha256: await digest() });
  }
  const medium = input.medium();
  let r: FileResult & { file?: DicomFile };
  try {
    r = await deidentifyFile(source, medium.sink, session, options);
  } catch (err) {
    await medium.discard();
    throw err;
  }
  const inputSha256 = await digest();
  if (r.status !== 'ok' || !r.outcome || !r.pixel || !r.transferSyntaxUID || !r.file) {
    await medium.discard();
    return result(r, r.status === 'ok' ? 'refused' : r.status, r.reason ?? msg('no-output'), { inputSha256 });
  }
  const ids = r.outcome.ids;
  let written;
  try {
    written = await medium.written();
  } catch (err) {
    await medium.discard();
    return result(r, 'refused', msg('write-failed', { detail: (err as Error).message }), { inputSha256 });
  }
  try {
    // The written bytes, parsed once, for the re-read check and the leak gate both.
    let parsed: DicomFile | undefined;
    let problems: Message[];
    try {
      parsed = await readPart10(written.source);
      problems = checkParsedOutput(parsed, { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel });
    } catch (err) {
      problems = [msg('reread-unreadable', { detail: (err as Error).message })];
    }
    if (problems.length) {
      await medium.discard();
      return result(r, 'refused', msg('reread-failed', { problems }), { inputSha256 });
    }
    const media = input.naming === 'media' ? await mediaOutput(r.file, parsed!, session.options) : null;
    if (media && 'problem' in media) {
      await medium.discard();
      return result(r, 'refused', media.problem, { inputSha256 });
    }
    const name = media ? media.path : (input.keepPath ?? outputPath(ids));
    const g0 = now();
    // The leak gate; a value it can clean (in a kept text value) is removed, the output rewritten
    // into the medium's store, re-read and gated again.
    const gate = await gateAndClean(r.file, { source: written.source, parsed }, name, session.options, { store: medium.rewrites });
    let out = { sha256: written.sha256, bytes: written.bytes };
    if (gate.rewritten) {
      const again = checkParsedOutput(gate.rewritten.parsed, { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel });
      if (again.length) {
        await medium.discard();
        return result(r, 'refused', msg('reread-failed', { problems: again }), { inputSha256 });
      }
      out = await medium.adopt(gate.rewritten);
      r.warnings.push(...gate.warnings);
    }
    // The DICOMDIR entry is read from the output as kept (the cleaned rewrite when there is one).
    const listed = media && gate.rewritten ? await mediaOutput(r.file, gate.rewritten.parsed, session.options) : media;
    if (listed && 'problem' in listed) {
      await medium.discard();
      return result(r, 'refused', listed.problem, { inputSha256 });
    }
    if (listed) gate.leaks.push(...listed.leaks);
    const leaks = reportedLeaks(session.key, gate.leaks);
    const gateMs = Math.round((now() - g0) * 100) / 100;
    return result(r, leaks.length ? 'flagged' : 'ok', leaks.length ? flaggedReason(leaks) : null, {
      name, inputSha256, outputSha256: out.sha256, bytesOut: out.bytes, leaks, gateMs,
      uids: [...session.uids.seen], patientIds: [...session.pseudonyms.seen], ...(listed ? { directoryEntry: listed.entry } : {}),
    });
  } finally {
    await written.close?.();
  }
}

export const emptyOutcome = (status: FileStatus, reason: Message): FileOutcome => ({
  status, reason, warnings: [], name: null, inputSha256: null, outputSha256: null, bytesIn: 0, bytesOut: 0, counts: emptyCounts(),
  ids: null, transferSyntaxUID: null, uids: [], patientIds: [], leaks: [], gateMs: 0,
});
