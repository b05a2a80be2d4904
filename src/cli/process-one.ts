// One input file of `veil anonymize`, as run in a worker thread (or in-process with --jobs 1):
// open read-only, de-identify, re-read the output bytes with the checks of verifyOutput, run the
// leak gate on them and on the output path (no identifying value of the original may remain,
// PS3.15 E.1.1), claim the final path (no two inputs may share one), and only then keep it: a
// file is either written whole, verified and clean (or flagged and released with
// --allow-flagged), or not at all. Inputs and outputs are hashed (SHA-256) for the audit log.
// Two ways, same checks and same bytes:
// - files up to WHOLE_READ_LIMIT (a CT or MR slice): read with one call, the output built in
//   memory, parsed once for both the re-read check and the leak gate, then written with one
//   write into a temporary file that is renamed into place;
// - larger files stream through windows into a temporary file (memory flat in file size), the
//   input hashed as it is read (HashingSource), then the temporary file is re-read and checked.

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HashingSink, HashingSource } from '../core/audit/hashing.ts';
import { deidentifyFile, describeError, planFile, type FileResult, type ProcessOptions } from '../core/deid/process-file.ts';
import { reportedLeaks, runLeakGate, type ReportedLeak } from '../core/leak/gate.ts';
import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts, type ActionCounts } from '../core/deid/plan.ts';
import { checkParsedOutput, verifyOutput } from '../core/deid/verify-output.ts';
import { readPart10, type DicomFile } from '../core/dicom/reader.ts';
import { BufferSink } from '../core/io/byte-sink.ts';
import { FileSource, ReusableBuffer, TEMP_MARK, TempFileSink, tempPathFor } from './file-source.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { makeSession, type WorkerInit } from './session.ts';
import { threadSha256 } from './thread-sha256.ts';
import { nodeFrameCodecs } from '../codecs/node-loader.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';
import { mediaOutput } from '../core/media/media-output.ts';

export interface Task {
  index: number;
  input: string;
  abs: string;
  /** Output path relative to --out when mirroring. */
  rel: string;
  skip?: string;
  /** Warnings reported with a skipped input (a DICOMDIR's missing files). */
  skipWarnings?: string[];
  /**
   * The mirrored output path is granted in advance: no other input of the batch and no file of
   * the run (CSV, log, report) can have it, so asking the main thread for it would only cost a
   * round trip per file. Not set with --rename (the path is known only after de-identification).
   */
  preclaimed?: boolean;
}

export type Status = 'ok' | 'flagged' | 'refused' | 'skipped';

export interface TaskResult {
  index: number;
  status: Status;
  /** Absolute output path, or null. */
  output: string | null;
  error: string | null;
  warnings: string[];
  actions: ActionCounts;
  transferSyntax: string | null;
  sopClassUID: string | null;
  bytesIn: number;
  bytesOut: number;
  ms: number;
  /** original → new pairs handed out for this file (only for kept outputs). */
  uids: [string, string][];
  patientIds: [string, string][];
  /** SHA-256 of the input, or null when it could not be read. */
  sha256: string | null;
  /** SHA-256 of the kept output, or null. */
  outputSha256: string | null;
  /** Leak gate findings (status flagged), as digests and attribute names. */
  leaks: ReportedLeak[];
  /** A flagged output kept because of --allow-flagged. */
  released: boolean;
  /** Milliseconds the leak gate took (0 when it did not run). */
  gateMs: number;
  /** --dicomdir: what the DICOMDIR says of this kept output (read from its written bytes). */
  directoryEntry?: DirectoryEntry;
  /** --redact: the boxes applied to this file and the templates they came from (for the audit log). */
  redaction?: FileResult['redaction'];
}

/** The run settings of WorkerInit (out dir, rename, dry run, release, fsync, redaction…) plus the session. */
export type RunContext = Omit<WorkerInit, 'key' | 'options' | 'mapping'> & {
  session: SessionState;
  /**
   * Reserve `finalPath` for this input; resolves to null, or an error in words. `tempPath`: the
   * temporary file that will be written and renamed once granted (for clean-up if the thread dies).
   */
  claim(finalPath: string, task: Task, tempPath?: string): Promise<string | null>;
  /** Temporary files in progress, for clean-up when the run is stopped. */
  temps: Set<string>;
};

/** One builder for the in-process runner and the worker threads, so a new setting reaches both. */
export function runContext(init: WorkerInit, temps: Set<string>, claim: RunContext['claim']): RunContext {
  const { key: _k, options: _o, mapping: _m, ...run } = init;
  return { ...run, session: makeSession(init), temps, claim };
}

const MAX_WARNINGS = 50;

/** node:crypto's SHA-256 for whole files (same digests as the core's @noble/hashes, much faster). */
const nativeSha256 = () => createHash('sha256');
const WHOLE_READ_LIMIT = 32 * 1024 * 1024;
/** This thread's input and output buffers for files worked on in memory (nothing keeps them after the file). */
const inputBuffer = new ReusableBuffer();
const outputBuffer = new ReusableBuffer();
/** Room for what de-identification adds to a header (markers, a method code sequence): the output buffer is input size + this. */
const OUTPUT_SLACK = 64 * 1024;

/** Slices in which the streamed input's remaining bytes (never read by the work) are hashed. */
const STREAM_HASH_CHUNK = 4 * 1024 * 1024;

/** Warnings for the report: duplicates dropped, at most MAX_WARNINGS kept (a file can have thousands). */
export function capWarnings(list: string[]): string[] {
  const unique = [...new Set(list)];
  if (unique.length <= MAX_WARNINGS && unique.length === list.length) return unique;
  const kept = unique.slice(0, MAX_WARNINGS);
  kept.push(`… ${list.length - kept.length} more warnings not shown (${unique.length} distinct)`);
  return kept;
}

/** Redaction (when asked for) decodes compressed frames with the Cornerstone codecs, loaded lazily. */
function processOptions(ctx: RunContext): ProcessOptions {
  if (!ctx.redaction) return {};
  return { redactionTemplates: ctx.redaction, codecs: nodeFrameCodecs(), reencode: ctx.reencode ? 'same-family-lossless' : 'explicit-le' };
}

/**
 * The temporary file of a task: named from the task (and the run's random stem, WorkerInit.tempStem,
 * when there is one), so the main thread knows it without being told and can delete it if the
 * thread running the task dies.
 */
export function tempPathOf(task: Task, run: Pick<WorkerInit, 'outDir' | 'rename' | 'dicomdir' | 'tempStem'>): string {
  const mirrorFinal = path.join(run.outDir, task.rel);
  const named = run.rename || run.dicomdir === true;
  const dir = named ? run.outDir : path.dirname(mirrorFinal);
  const name = named ? 'file' : path.basename(mirrorFinal);
  return run.tempStem ? path.join(dir, `.${name}${TEMP_MARK}${run.tempStem}-${task.index}`) : tempPathFor(dir, name);
}

/** A path component made from a UID (which may be malformed under --retain-uids). */
export function uidComponent(uid: string): string {
  const s = uid.replace(/[^0-9A-Za-z._-]/g, '_');
  return /^\.*$/.test(s) ? `_${s}` : s;
}

export async function processOne(task: Task, ctx: RunContext): Promise<TaskResult> {
  const t0 = performance.now();
  let sha256: string | null = null;
  const base = (status: Status, error: string | null, extra: Partial<TaskResult> = {}): TaskResult => ({
    index: task.index, status, output: null, error, warnings: [], actions: emptyCounts(), transferSyntax: null, sopClassUID: null,
    bytesIn: 0, bytesOut: 0, uids: [], patientIds: [], sha256, outputSha256: null, leaks: [], released: false, gateMs: 0,
    ...extra, ms: Math.round(performance.now() - t0),
  });
  if (task.skip) return base('skipped', task.skip, { warnings: task.skipWarnings ?? [] });

  let opened;
  try {
    opened = await FileSource.open(task.abs);
  } catch (err) {
    return base('refused', `cannot open the file: ${(err as Error).message}`);
  }
  const { handle } = opened;
  // Files up to WHOLE_READ_LIMIT are read in one call and worked on in memory: one read instead of
  // several, and the audit hash comes from the same bytes. Larger files stream through windows,
  // hashed as they are read (a second pass only over bytes the work never reads).
  const size = opened.source.size;
  let whole: Uint8Array | undefined;
  let source: ByteSource;
  let inputDigest: () => Promise<string>;
  const lent: (() => void)[] = [];
  try {
    if (size <= (ctx.wholeReadLimit ?? WHOLE_READ_LIMIT)) {
      const input = inputBuffer.borrow(size);
      lent.push(input.release);
      whole = opened.source.readAllInto(input.bytes);
      source = new MemorySource(whole, opened.source.name);
      const digest = createHash('sha256').update(whole).digest('hex');
      inputDigest = () => Promise.resolve(digest);
    } else {
      // The input's digest on a helper thread, while this one writes and hashes the output.
      const tee = new HashingSource(opened.source, threadSha256, STREAM_HASH_CHUNK);
      source = tee;
      let p: Promise<string> | undefined;
      inputDigest = () => (p ??= tee.hex());
    }
  } catch (err) {
    for (const release of lent) release();
    await handle.close().catch(() => {});
    return base('refused', `cannot read the file: ${(err as Error).message}`);
  }
  const { uids, pseudonyms } = ctx.session;
  uids.seen.clear();
  pseudonyms.seen.clear();
  const fromResult = (r: FileResult, status: Status, error: string | null, extra: Partial<TaskResult> = {}) =>
    base(status, error, {
      warnings: capWarnings(r.warnings), actions: r.counts, transferSyntax: r.transferSyntaxUID ?? null, sopClassUID: r.outcome?.ids.sopClassUID || null,
      bytesIn: source.size, ...(r.redaction ? { redaction: r.redaction } : {}), ...extra,
    });
  const pairs = () => ({ uids: [...uids.seen], patientIds: [...pseudonyms.seen] });

  let sink: TempFileSink | undefined;
  try {
    if (whole) sha256 = await inputDigest();
    if (ctx.dryRun) {
      const r = await planFile(source, ctx.session, processOptions(ctx));
      sha256 = await inputDigest();
      return fromResult(r, r.status, r.error);
    }
    const mirrorFinal = path.join(ctx.outDir, task.rel);
    const tmp = tempPathOf(task, ctx);
    let r: FileResult & { file?: DicomFile };
    let outputSha256: string;
    let outBytes: Uint8Array | undefined;
    if (whole) {
      const output = outputBuffer.borrow(size + OUTPUT_SLACK);
      lent.push(output.release);
      const collected = new BufferSink(size + OUTPUT_SLACK, output.bytes);
      r = await deidentifyFile(source, collected, ctx.session, processOptions(ctx));
      outBytes = collected.bytes();
      outputSha256 = createHash('sha256').update(outBytes).digest('hex');
    } else {
      sink = new TempFileSink(tmp, (p) => ctx.temps.add(p), (p) => ctx.temps.delete(p), ctx.fsync === true);
      const hashing = new HashingSink(sink, nativeSha256);
      r = await deidentifyFile(source, hashing, ctx.session, processOptions(ctx));
      sha256 = await inputDigest();
      await sink.finish();
      outputSha256 = hashing.hex();
    }
    if (r.status !== 'ok' || !r.outcome || !r.pixel || !r.transferSyntaxUID || !r.file) {
      await sink?.discard();
      return fromResult(r, r.status === 'ok' ? 'refused' : r.status, r.error ?? 'de-identification gave no output');
    }
    const ids = r.outcome.ids;
    const expected = { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel };
    // The re-read check: the bytes written (in memory: the very buffer that goes to disk, in one
    // write; streamed: the temporary file), parsed once here and given to the leak gate too.
    const check = outBytes ? { source: new MemorySource(outBytes) as ByteSource, handle: undefined } : await FileSource.open(tmp);
    try {
      let parsed: DicomFile | undefined;
      let problems: string[];
      try {
        parsed = await readPart10(check.source);
        problems = checkParsedOutput(parsed, expected);
      } catch (err) {
        problems = [`the written output does not re-read: ${(err as Error).message}`];
      }
      if (problems.length) {
        await sink?.discard();
        return fromResult(r, 'refused', `the written output failed its re-read check: ${problems.join('; ')}`);
      }
      let final = mirrorFinal;
      if (ctx.rename) {
        if (!ids.sopInstanceUID) {
          await sink?.discard();
          return fromResult(r, 'refused', 'the file has no SOP Instance UID, so --rename cannot name its output');
        }
        final = path.join(
          ctx.outDir,
          uidComponent(ids.studyInstanceUID || 'no-study-uid'),
          uidComponent(ids.seriesInstanceUID || 'no-series-uid'),
          `${uidComponent(ids.sopInstanceUID)}.dcm`,
        );
      }
      // --dicomdir: the CD layout's name and the DICOMDIR entry, both from the output as written.
      const media = ctx.dicomdir ? await mediaOutput(r.file, parsed!, ctx.session.options) : null;
      if (media && 'problem' in media) {
        await sink?.discard();
        return fromResult(r, 'refused', media.problem);
      }
      const entry = media?.entry;
      if (media) final = path.join(ctx.outDir, media.path);
      // The leak gate, on the written bytes and the output's path under --out (and on the DICOMDIR records).
      const g0 = performance.now();
      const gate = await runLeakGate(r.file, check.source, path.relative(ctx.outDir, final), ctx.session.options, { parsed });
      if (media) gate.leaks.push(...media.leaks);
      const leaks = reportedLeaks(ctx.session.key, gate.leaks);
      const gateMs = Math.round((performance.now() - g0) * 100) / 100;
      const status: Status = leaks.length ? 'flagged' : 'ok';
      const distinct = new Set(leaks.map((l) => l.valueHash)).size;
      if (leaks.length && !ctx.allowFlagged) {
        await sink?.discard();
        const where = [...new Set(leaks.map((l) => `${l.source} in ${l.foundIn}`))].slice(0, 3).join('; ');
        return fromResult(r, 'flagged', `the leak gate found ${distinct} identifying value(s) of the original in the output (${where}); no output was kept`, { leaks, gateMs });
      }
      const conflict = task.preclaimed && !ctx.rename && !entry && final === mirrorFinal ? null : await ctx.claim(final, task, outBytes ? tmp : undefined);
      if (conflict) {
        await sink?.discard();
        return fromResult(r, 'refused', conflict, { gateMs });
      }
      if (outBytes) {
        // Verified and clean: now written, with one write, and renamed into place.
        sink = new TempFileSink(tmp, undefined, undefined, ctx.fsync === true);
        await sink.write(outBytes);
        await sink.finish();
      }
      await sink!.commit(final);
      const error = leaks.length ? `released with --allow-flagged: the leak gate found ${distinct} identifying value(s) in the output` : null;
      return fromResult(r, status, error, { output: final, bytesOut: sink!.bytes, outputSha256, leaks, released: leaks.length > 0, gateMs, ...pairs(), ...(entry ? { directoryEntry: entry } : {}) });
    } finally {
      await check.handle?.close();
    }
  } catch (err) {
    await sink?.discard();
    if (sha256 === null) sha256 = await inputDigest().catch(() => null);
    return base('refused', describeError(err), { bytesIn: source.size });
  } finally {
    for (const release of lent) release();
    await handle.close().catch(() => {});
  }
}
