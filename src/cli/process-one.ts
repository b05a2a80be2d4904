// One input file of `veil anonymize`, as run in a worker thread (or in-process with --jobs 1): the
// CLI's adapter of the per-file contract (src/core/deid/file-contract.ts), which de-identifies,
// re-reads and runs the leak gate. Here: open the input read-only, hand the contract node:crypto
// hashing and an output medium (output-media.ts), and write the output — verified and clean (or
// flagged and released with --allow-flagged) — whole into a temporary file. What is kept is then
// decided where output paths are handed out (keep-output.ts): prepareOne returns the written
// output as a PendingOutput, processOne (in-process) claims and keeps it at once. A value the leak
// gate can clean is removed and the output rewritten by the contract (core/leak/clean.ts).
// Messages are rendered in English for the report (the codes travel along).
// Files up to WHOLE_READ_LIMIT (a CT or MR slice) are read with one call and worked on in memory;
// larger files stream through windows, the input hashed on a helper thread as it is read
// (HashingSource), the output through a temporary file that is re-read.

import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HashingSource } from '../core/audit/hashing.ts';
import { describeError, type ProcessOptions } from '../core/deid/process-file.ts';
import { flaggedReason, processFile, type FileOutcome, type OutputMedium } from '../core/deid/file-contract.ts';
import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts } from '../core/deid/plan.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { FileSource, ReusableBuffer, TEMP_MARK, TempFileSink, tempPathFor } from './file-source.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { makeSession, type WorkerInit } from './session.ts';
import { threadSha256 } from './thread-sha256.ts';
import { nodeFrameCodecs } from '../codecs/node-loader.ts';
import { WriteFault } from './write-fault.ts';
import type { ClaimAnswer } from './output-claims.ts';
import { keepOutput, type PendingOutput } from './keep-output.ts';
import { memoryMedium, tempFileMedium } from './output-media.ts';
import type { Status, Task, TaskResult } from './task-result.ts';

export type { Status, Task, TaskResult } from './task-result.ts';

/** The run settings of WorkerInit (out dir, naming, dry run, release, fsync, redaction…) plus the session. */
export type RunContext = Omit<WorkerInit, 'key' | 'options' | 'mapping'> & {
  session: SessionState;
  /**
   * Ask for `finalPath` for this input, whose bytes hash to `sha256` (see output-claims.ts: the
   * path, maybe suffixed; or the earlier input it duplicates). Used by processOne (in-process);
   * a worker thread posts its PendingOutput to the main thread instead.
   */
  claim?(finalPath: string, task: Task, sha256: string | null): Promise<ClaimAnswer>;
  /** Temporary files in progress, for clean-up when the run is stopped. */
  temps: Set<string>;
};

/** One builder for the in-process runner and the worker threads, so a new setting reaches both. */
export function runContext(init: WorkerInit, temps: Set<string>, claim?: RunContext['claim']): RunContext {
  const { key: _k, options: _o, mapping: _m, ...run } = init;
  return { ...run, session: makeSession(init), temps, ...(claim ? { claim } : {}) };
}

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

/** One file run in-process: prepared, then its output claimed and kept (or removed) at once. */
export async function processOne(task: Task, ctx: RunContext): Promise<TaskResult> {
  const r = await prepareOne(task, ctx);
  if (!('pending' in r)) return r;
  const { pending } = r;
  if (!ctx.claim) throw new Error('processOne needs a claim');
  const answer = await ctx.claim(pending.final, task, pending.sha256);
  ctx.temps.delete(pending.temp); // renamed into place or removed
  return keepOutput(pending, answer, ctx.outDir);
}

/**
 * One file up to its written output: a final result (refused, skipped, flagged, dry run…), or the
 * output verified and written whole into its temporary file, waiting for its path (PendingOutput).
 */
export async function prepareOne(task: Task, ctx: Omit<RunContext, 'claim'>): Promise<TaskResult | { pending: PendingOutput }> {
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
  /** The temporary file of a whole-read output, written once verified and clean (removed on failure). */
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
    file = medium!.file;
    if (medium!.bytes) {
      // Verified and clean: now written, with one write, into the temporary file.
      file = new TempFileSink(tmp, undefined, undefined, ctx.fsync === true);
      await file.write(medium!.bytes());
      await file.finish();
    }
    const released = o.status === 'flagged';
    const kept = fromOutcome(o, o.status, released ? flaggedReason(o.leaks, 'leak-released') : null, {
      bytesOut: file!.bytes, outputSha256: o.outputSha256, leaks: o.leaks, released, gateMs: o.gateMs, uids: o.uids, patientIds: o.patientIds,
      ...(o.directoryEntry ? { directoryEntry: o.directoryEntry } : {}),
    });
    return { pending: { kept, temp: file!.tempPath, final: path.join(ctx.outDir, o.name!), sha256 } };
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
