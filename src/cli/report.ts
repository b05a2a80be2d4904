// What `veil anonymize` writes besides the de-identified files, all into the private folder
// (bundles.ts): uid_mapping.csv and patid_mapping.csv (core's mappingCsv format; merged with the
// files already there, so split runs into one --out accumulate), the JSON report (one entry per
// input file), and the final summary lines. All files are written to a temporary name, then renamed.

import { errorInEnglish } from '../i18n/render-code.ts';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { RunCounts } from '../core/audit/events.ts';
import { parseMappingCsv } from '../core/deid/pseudonymizer.ts';
import { mappingCsv, PATID_MAPPING_CSV, REPORT_JSON, UID_MAPPING_CSV } from '../core/report/batch-report.ts';
import type { ReportedLeak } from '../core/leak/gate.ts';
import type { ProfileOptions } from '../core/profile/options.ts';
import { UsageError } from './args.ts';
import type { Status, TaskResult } from './process-one.ts';

export const UID_CSV = UID_MAPPING_CSV;
export const PATID_CSV = PATID_MAPPING_CSV;
export { REPORT_JSON };

export async function writeFileAtomic(file: string, text: string | Uint8Array, mode = 0o644): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.veil-tmp-${randomBytes(6).toString('hex')}`);
  try {
    await fsp.writeFile(tmp, text, { mode, flag: 'wx' });
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}

export { mappingCsv };

/** The pairs of a mapping CSV that an earlier run left in --out (empty when there is none). */
export async function readExistingMapping(file: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return new Map([...parseMappingCsv(text).byId].map(([o, p]) => [o, p.patientID]));
  } catch (err) {
    throw new UsageError(`${file} exists but is not a Veil mapping file (${errorInEnglish(err)}); move it out of the private folder first`);
  }
}

/** Add `pairs` to `into`; returns how many existing rows disagreed (an earlier run with another key). */
export function mergePairs(into: Map<string, string>, pairs: Iterable<[string, string]>): number {
  let conflicts = 0;
  for (const [o, n] of pairs) {
    const had = into.get(o);
    if (had !== undefined && had !== n) conflicts++;
    into.set(o, n);
  }
  return conflicts;
}

export interface ReportEntry {
  input: string;
  output: string | null;
  status: Status;
  error: string | null;
  /** The code of `error` (src/core/messages/message.ts), when it has one. */
  errorCode: string | null;
  warnings: string[];
  /** The code of each warning, in the order of `warnings`. */
  warningCodes: string[];
  actions: TaskResult['actions'];
  transferSyntax: string | null;
  sopClassUID: string | null;
  bytesIn: number;
  bytesOut: number;
  ms: number;
  /** SHA-256 of the input and of the kept output (null when none). */
  sha256: string | null;
  outputSha256: string | null;
  /**
   * Leak gate findings (status flagged): the attribute the value came from, where it was found,
   * and a keyed digest of the value (the report travels with the outputs: never the value).
   */
  leaks: ReportedLeak[];
  /** A flagged output kept with --allow-flagged. */
  released: boolean;
  /** Milliseconds the leak gate took (re-reading the original, scanning the output and its path). */
  gateMs: number;
  /** Status duplicate: the input with the same bytes, which has the output. */
  duplicateOf?: string;
}

export interface Summary extends RunCounts {
  /** Byte-identical copies of an input that has the output (no output of their own). */
  duplicates: number;
  seconds: number;
  bytesIn: number;
  bytesOut: number;
  dryRun: boolean;
}

export function summarize(entries: ReportEntry[], seconds: number, dryRun: boolean): Summary {
  const count = (s: Status) => entries.filter((e) => e.status === s).length;
  return {
    files: entries.length, ok: count('ok'), flagged: count('flagged'), released: entries.filter((e) => e.status === 'flagged' && e.released).length,
    refused: count('refused'), skipped: count('skipped'), duplicates: count('duplicate'),
    seconds: Math.round(seconds * 1000) / 1000,
    bytesIn: entries.reduce((n, e) => n + e.bytesIn, 0),
    bytesOut: entries.reduce((n, e) => n + e.bytesOut, 0),
    dryRun,
  };
}

export function summaryLines(s: Summary, entries: ReportEntry[]): string[] {
  const t = Math.max(s.seconds, 0.001);
  const rate = (s.files / t).toFixed(1);
  const mbs = (s.bytesIn / 1e6 / t).toFixed(1);
  const flagged = s.flagged ? `${s.flagged} flagged by the leak gate (${s.released} released), ` : '';
  const lines = [`${s.files} files: ${s.ok} de-identified, ${flagged}${s.refused} refused, ${s.skipped} skipped${s.duplicates ? `, ${s.duplicates} duplicate` : ''} in ${s.seconds.toFixed(1)} s (${rate} files/s, ${mbs} MB/s)`];
  if (s.dryRun) lines.push('dry run: nothing was written to the output folder');
  for (const e of entries) {
    if (e.status === 'refused') lines.push(`refused: ${e.input}: ${e.error ?? 'no reason given'}`);
    if (e.status === 'duplicate') lines.push(`duplicate: ${e.input}: ${e.error ?? 'byte-identical to another input'}`);
    if (e.status === 'flagged') lines.push(`${e.released ? 'released' : 'flagged'}: ${e.input}: ${e.error ?? 'identifying values found'}`);
  }
  return lines;
}

export interface ReportRunInfo {
  version: string;
  options: ProfileOptions;
  rename: boolean;
  dryRun: boolean;
  jobs: number;
  mapping: string | null;
  out: string;
  allowFlagged: boolean;
  /** --redact with a CTP script or a deid recipe: what was imported and every rule skipped, with its reason. */
  redactionRules?: { file: string; format: string; templates: number; skipped: { rule: string; reason: string }[] };
}

export function reportJson(info: ReportRunInfo, summary: Summary, entries: ReportEntry[]): string {
  const { version, ...run } = info;
  const runInfo = { out: run.out, rename: run.rename, dryRun: run.dryRun, jobs: run.jobs, mapping: run.mapping, allowFlagged: run.allowFlagged };
  const rules = run.redactionRules ? { redactionRules: run.redactionRules } : {};
  return JSON.stringify({ veil: version, options: { ...run.options }, run: runInfo, ...rules, summary, files: entries }, null, 2) + '\n';
}
