// One input file of `veil anonymize`, as run in a worker thread (or in-process with --jobs 1):
// open read-only, de-identify into a temporary file, re-read it with verifyOutput, claim the
// final path (no two inputs may share one), then rename into place atomically. Anything else
// deletes the temporary file: a file is either written whole and verified, or not at all.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deidentifyFile, describeError, planFile, type FileResult } from '../core/deid/process-file.ts';
import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts, type ActionCounts } from '../core/deid/plan.ts';
import { verifyOutput } from '../core/deid/verify-output.ts';
import { FileSource, TempFileSink, tempPathFor } from './file-source.ts';

export interface Task {
  index: number;
  input: string;
  abs: string;
  /** Output path relative to --out when mirroring. */
  rel: string;
  skip?: string;
}

export type Status = 'ok' | 'refused' | 'skipped';

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
}

export interface RunContext {
  session: SessionState;
  outDir: string;
  rename: boolean;
  dryRun: boolean;
  /** Reserve `finalPath` for this input; resolves to null, or an error in words. */
  claim(finalPath: string, task: Task): Promise<string | null>;
  /** Temporary files in progress, for clean-up when the run is stopped. */
  temps: Set<string>;
}

const MAX_WARNINGS = 50;

/** Warnings for the report: duplicates dropped, at most MAX_WARNINGS kept (a file can have thousands). */
export function capWarnings(list: string[]): string[] {
  const unique = [...new Set(list)];
  if (unique.length <= MAX_WARNINGS && unique.length === list.length) return unique;
  const kept = unique.slice(0, MAX_WARNINGS);
  kept.push(`… ${list.length - kept.length} more warnings not shown (${unique.length} distinct)`);
  return kept;
}

/** A path component made from a UID (which may be malformed under --retain-uids). */
export function uidComponent(uid: string): string {
  const s = uid.replace(/[^0-9A-Za-z._-]/g, '_');
  return /^\.*$/.test(s) ? `_${s}` : s;
}

export async function processOne(task: Task, ctx: RunContext): Promise<TaskResult> {
  const t0 = performance.now();
  const base = (status: Status, error: string | null, extra: Partial<TaskResult> = {}): TaskResult => ({
    index: task.index, status, output: null, error, warnings: [], actions: emptyCounts(), transferSyntax: null, sopClassUID: null,
    bytesIn: 0, bytesOut: 0, uids: [], patientIds: [], ...extra, ms: Math.round(performance.now() - t0),
  });
  if (task.skip) return base('skipped', task.skip);

  let opened;
  try {
    opened = await FileSource.open(task.abs);
  } catch (err) {
    return base('refused', `cannot open the file: ${(err as Error).message}`);
  }
  const { source, handle } = opened;
  const { uids, pseudonyms } = ctx.session;
  uids.seen.clear();
  pseudonyms.seen.clear();
  const fromResult = (r: FileResult, status: Status, error: string | null, extra: Partial<TaskResult> = {}) =>
    base(status, error, {
      warnings: capWarnings(r.warnings), actions: r.counts, transferSyntax: r.transferSyntaxUID ?? null, sopClassUID: r.outcome?.ids.sopClassUID || null,
      bytesIn: source.size, ...extra,
    });
  const pairs = () => ({ uids: [...uids.seen], patientIds: [...pseudonyms.seen] });

  let sink: TempFileSink | undefined;
  try {
    if (ctx.dryRun) {
      const r = await planFile(source, ctx.session);
      return fromResult(r, r.status, r.error);
    }
    const mirrorFinal = path.join(ctx.outDir, task.rel);
    const tempDir = ctx.rename ? ctx.outDir : path.dirname(mirrorFinal);
    const tmp = tempPathFor(tempDir, ctx.rename ? 'file' : path.basename(mirrorFinal));
    sink = new TempFileSink(tmp, (p) => ctx.temps.add(p), (p) => ctx.temps.delete(p));
    const r = await deidentifyFile(source, sink, ctx.session);
    await sink.finish();
    if (r.status !== 'ok' || !r.outcome || !r.pixel || !r.transferSyntaxUID) {
      await sink.discard();
      return fromResult(r, r.status === 'ok' ? 'refused' : r.status, r.error ?? 'de-identification gave no output');
    }
    const ids = r.outcome.ids;
    const check = await FileSource.open(tmp);
    let problems: string[];
    try {
      problems = await verifyOutput(check.source, { transferSyntaxUID: r.transferSyntaxUID, sopInstanceUID: ids.sopInstanceUID, pixel: r.pixel });
    } finally {
      await check.handle.close();
    }
    if (problems.length) {
      await sink.discard();
      return fromResult(r, 'refused', `the written output failed its re-read check: ${problems.join('; ')}`);
    }
    let final = mirrorFinal;
    if (ctx.rename) {
      if (!ids.sopInstanceUID) {
        await sink.discard();
        return fromResult(r, 'refused', 'the file has no SOP Instance UID, so --rename cannot name its output');
      }
      final = path.join(
        ctx.outDir,
        uidComponent(ids.studyInstanceUID || 'no-study-uid'),
        uidComponent(ids.seriesInstanceUID || 'no-series-uid'),
        `${uidComponent(ids.sopInstanceUID)}.dcm`,
      );
    }
    const conflict = await ctx.claim(final, task);
    if (conflict) {
      await sink.discard();
      return fromResult(r, 'refused', conflict);
    }
    await sink.commit(final);
    return fromResult(r, 'ok', null, { output: final, bytesOut: sink.bytes, ...pairs() });
  } catch (err) {
    await sink?.discard();
    return base('refused', describeError(err), { bytesIn: source.size });
  } finally {
    await handle.close().catch(() => {});
  }
}
