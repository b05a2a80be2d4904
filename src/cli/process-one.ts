// One input file of `veil anonymize`, as run in a worker thread (or in-process with --jobs 1): the
// CLI's adapter of the per-file contract (src/core/deid/file-contract.ts), which de-identifies,
// re-reads and runs the leak gate. Here: open the input read-only, hand the contract node:crypto
// hashing and an output medium, then claim the final path (no two inputs may share one) and keep
// the output — written whole, verified and clean (or flagged and released with --allow-flagged),
// or not at all. The claim (output-claims.ts) answers with the path (maybe suffixed), or the earlier
// input this one duplicates byte for byte. A value the leak gate can clean is removed and the
// output rewritten by the contract (core/leak/clean.ts): in memory, or here streamed into another
// temporary file (rewrite-store.ts). Messages are rendered in English for the report (the codes
// travel along).
// Two media, same checks and same bytes:
// - files up to WHOLE_READ_LIMIT (a CT or MR slice): read with one call, the output built in
//   memory, then written with one write into a temporary file that is renamed into place;
// - larger files stream through windows into a temporary file (memory flat in file size), the
//   input hashed on a helper thread as it is read (HashingSource), the temporary file re-read.

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HashingSink, HashingSource } from '../core/audit/hashing.ts';
import { describeError, type FileResult, type ProcessOptions } from '../core/deid/process-file.ts';
import { flaggedReason, processFile, type FileOutcome, type FileStatus, type OutputMedium } from '../core/deid/file-contract.ts';
import type { ReportedLeak } from '../core/leak/gate.ts';
import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts, type ActionCounts } from '../core/deid/plan.ts';
import { BufferSink } from '../core/io/byte-sink.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { FileSource, ReusableBuffer, TEMP_MARK, TempFileSink, tempPathFor } from './file-source.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { makeSession, type WorkerInit } from './session.ts';
import { threadSha256 } from './thread-sha256.ts';
import { nodeFrameCodecs } from '../codecs/node-loader.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';
import { WriteFault } from './write-fault.ts';
import { duplicateInput, type ClaimAnswer } from './output-claims.ts';
import { TempRewriteStore } from './rewrite-store.ts';

export interface Task {
  index: number;
  input: string;
  abs: string;
  /** Output path relative to --out when mirroring. */
  rel: string;
  skip?: Message;
  /** Warnings reported with a skipped input (a DICOMDIR's missing files). */
  skipWarnings?: Message[];
}

/** `duplicate`: byte-identical to an input that has the output (see output-claims.ts). */
export type Status = FileStatus | 'duplicate';

export interface TaskResult {
  index: number;
  status: Status;
  /** Absolute output path, or null. */
  output: string | null;
  /** The reason (refused, skipped, flagged) in English, and as a code when the contract gave one. */
  error: string | null;
  reason?: Message | null;
  /** Warnings in English, and as codes. */
  warnings: string[];
  warningMessages?: Message[];
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
  /** Writing the output failed on the disk (errno code and the path): the run decides whether to stop. */
  fault?: { code: string; where: string };
  /** Status duplicate: the input whose bytes these are, which has the output. */
  duplicateOf?: string;
}

/** The run settings of WorkerInit (out dir, naming, dry run, release, fsync, redaction…) plus the session. */
export type RunContext = Omit<WorkerInit, 'key' | 'options' | 'mapping'> & {
  session: SessionState;
  /**
   * Ask for `finalPath` for this input, whose bytes hash to `sha256` (see output-claims.ts: the
   * path, maybe suffixed; or the earlier input it duplicates). `tempPath`: the temporary file
   * that will be written and renamed once granted (for clean-up if the thread dies).
   */
  claim(finalPath: string, task: Task, sha256: string | null, tempPath?: string): Promise<ClaimAnswer>;
  /** Temporary files in progress, for clean-up when the run is stopped. */
  temps: Set<string>;
};

/** One builder for the in-process runner and the worker threads, so a new setting reaches both. */
export function runContext(init: WorkerInit, temps: Set<string>, claim: RunContext['claim']): RunContext {
  const { key: _k, options: _o, mapping: _m, ...run } = init;
  return { ...run, session: makeSession(init), temps, claim };
}

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

/** Redaction (when asked for) decodes compressed frames with the Cornerstone codecs, loaded lazily. */
function processOptions(ctx: RunContext): ProcessOptions {
  const burnedIn = ctx.requireCleanPixels ? 'refuse' : 'warn';
  if (!ctx.redaction) return { burnedIn };
  return {
    redactionTemplates: ctx.redaction, codecs: nodeFrameCodecs(), reencode: ctx.reencode ? 'same-family-lossless' : 'explicit-le',
    ...(ctx.maxFrameBytes ? { decodeLimits: { maxFrameBytes: ctx.maxFrameBytes } } : {}), burnedIn,
  };
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

/** The output built in memory: re-read from the very buffer that is written to disk after the claim, in one write. */
function memoryMedium(capacity: number, into: Uint8Array): OutputMedium & { bytes(): Uint8Array } {
  const sink = new BufferSink(capacity, into);
  let cleaned: Uint8Array | undefined;
  return {
    sink,
    bytes: () => cleaned ?? sink.bytes(),
    written: async () => {
      const bytes = sink.bytes();
      return { source: new MemorySource(bytes), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    },
    // A rewrite by the leak gate (in memory) becomes the output.
    adopt: async (rewritten) => {
      cleaned = await rewritten.source.read(0, rewritten.source.size);
      return { sha256: createHash('sha256').update(cleaned).digest('hex'), bytes: cleaned.length };
    },
    discard: async () => {},
  };
}

/**
 * The output streamed into a temporary file, hashed as written, re-opened for the re-read check. A
 * rewrite by the leak gate streams into another temporary file (memory stays flat), which then
 * becomes the output.
 */
function tempFileMedium(tmp: string, ctx: RunContext): OutputMedium & { file: TempFileSink } {
  const first = new TempFileSink(tmp, (p) => ctx.temps.add(p), (p) => ctx.temps.delete(p), ctx.fsync === true);
  const hashing = new HashingSink(first, nativeSha256);
  const rewrites = new TempRewriteStore(tmp, ctx.temps, ctx.fsync === true);
  const medium: OutputMedium & { file: TempFileSink } = {
    sink: hashing,
    file: first,
    rewrites,
    written: async () => {
      await medium.file.finish();
      const check = await FileSource.open(tmp);
      return { source: check.source, sha256: hashing.hex(), bytes: medium.file.bytes, close: () => check.handle.close() };
    },
    adopt: async (rewritten) => {
      const kept = (await rewrites.settle(rewritten.sink))!;
      await medium.file.discard();
      medium.file = kept.file;
      return { sha256: kept.sha256, bytes: kept.file.bytes };
    },
    discard: async () => {
      await rewrites.settle(null);
      await medium.file.discard();
    },
  };
  return medium;
}

export async function processOne(task: Task, ctx: RunContext): Promise<TaskResult> {
  const t0 = performance.now();
  let sha256: string | null = null;
  const base = (status: Status, reason: Message | null, extra: Partial<TaskResult> = {}): TaskResult => ({
    index: task.index, status, output: null, error: reason ? inEnglish(reason) : null, reason, warnings: [], actions: emptyCounts(), transferSyntax: null, sopClassUID: null,
    bytesIn: 0, bytesOut: 0, uids: [], patientIds: [], sha256, outputSha256: null, leaks: [], released: false, gateMs: 0,
    ...extra, ms: Math.round(performance.now() - t0),
  });
  if (task.skip) return base('skipped', task.skip, { warnings: (task.skipWarnings ?? []).map(inEnglish), warningMessages: task.skipWarnings ?? [] });

  let opened;
  try {
    opened = await FileSource.open(task.abs);
  } catch (err) {
    return { ...base('refused', null), error: `cannot open the file: ${(err as Error).message}` };
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
    return { ...base('refused', null), error: `cannot read the file: ${(err as Error).message}` };
  }
  const fromOutcome = (o: FileOutcome, status: Status, reason: Message | null, extra: Partial<TaskResult> = {}) =>
    base(status, reason, {
      warnings: o.warnings.map(inEnglish), warningMessages: o.warnings, actions: o.counts, transferSyntax: o.transferSyntaxUID,
      sopClassUID: o.ids?.sopClassUID || null, bytesIn: source.size, ...(o.redaction ? { redaction: o.redaction } : {}), ...extra,
    });

  const tmp = tempPathOf(task, ctx);
  let medium: (OutputMedium & { bytes?(): Uint8Array; file?: TempFileSink }) | undefined;
  /** The temporary file of a whole-read output, written once the name is granted (removed on failure). */
  let file: TempFileSink | undefined;
  try {
    const o = await processFile({
      source, inputSha256: inputDigest, session: ctx.session, options: processOptions(ctx), dryRun: ctx.dryRun,
      ...(ctx.dicomdir ? { naming: 'media' as const } : ctx.rename ? {} : { keepPath: task.rel }),
      medium: () => {
        if (!whole) return (medium = tempFileMedium(tmp, ctx));
        const output = outputBuffer.borrow(size + OUTPUT_SLACK);
        lent.push(output.release);
        return (medium = memoryMedium(size + OUTPUT_SLACK, output.bytes));
      },
    });
    sha256 = o.inputSha256;
    if (ctx.dryRun || o.status === 'refused' || o.status === 'skipped') return fromOutcome(o, o.status, o.reason);
    if (o.status === 'flagged' && !ctx.allowFlagged) {
      await medium!.discard();
      return fromOutcome(o, 'flagged', o.reason, { leaks: o.leaks, gateMs: o.gateMs });
    }
    const answer = await ctx.claim(path.join(ctx.outDir, o.name!), task, sha256, whole ? tmp : undefined);
    if ('error' in answer) {
      await medium!.discard();
      return fromOutcome(o, 'refused', answer.error, { gateMs: o.gateMs });
    }
    if ('duplicateOf' in answer) {
      await medium!.discard();
      return fromOutcome(o, 'duplicate', duplicateInput({ first: answer.duplicateOf }), { duplicateOf: answer.duplicateOf, gateMs: o.gateMs });
    }
    const final = answer.path;
    if (answer.warning) o.warnings.push(answer.warning);
    file = medium!.file;
    if (medium!.bytes) {
      // Verified and clean: now written, with one write, and renamed into place.
      file = new TempFileSink(tmp, undefined, undefined, ctx.fsync === true);
      await file.write(medium!.bytes());
      await file.finish();
    }
    await file!.commit(final);
    const released = o.status === 'flagged';
    return fromOutcome(o, o.status, released ? flaggedReason(o.leaks, 'leak-released') : null, {
      output: final, bytesOut: file!.bytes, outputSha256: o.outputSha256, leaks: o.leaks, released, gateMs: o.gateMs, uids: o.uids, patientIds: o.patientIds,
      ...(o.directoryEntry ? { directoryEntry: o.directoryEntry } : {}),
    });
  } catch (err) {
    await medium?.discard().catch(() => {});
    await file?.discard().catch(() => {});
    if (sha256 === null) sha256 = await inputDigest().catch(() => null);
    if (err instanceof WriteFault) {
      return base('refused', msg('output-write-fault', { errno: err.code }), { bytesIn: source.size, fault: { code: err.code, where: err.where } });
    }
    return base('refused', describeError(err), { bytesIn: source.size });
  } finally {
    for (const release of lent) release();
    await handle.close().catch(() => {});
  }
}
