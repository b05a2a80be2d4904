// `veil anonymize`: checks the command line, finds the inputs, runs the files through the pool,
// then writes the mapping CSVs and the report and prints the summary. Every run that writes to
// --out appends to its tamper-evident audit log (audit.jsonl: run-start, options, one file
// entry per input, release entries for flagged outputs kept with --allow-flagged, run-end).
// Exit status 0 when no file was refused or flagged without release, 1 otherwise, 2 for usage
// errors (thrown as UsageError).

import type { TemplateFile } from '../core/redaction/template.ts';
import { readRedactionRules, RULES_FORMAT_NAME, type ReadRules } from '../core/redaction/read-rules.ts';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha256Hex } from '../core/audit/hashing.ts';
import { parseMappingCsv } from '../core/deid/pseudonymizer.ts';
import { lockOutDir } from './out-lock.ts';
import { parseCommandLine, positiveInt, profileFlagSpecs, profileOptionsFrom, stringFlag, UsageError } from './args.ts';
import { AUDIT_FILE, AuditLogFile } from './audit-log.ts';
import { checkPlacement, collectInputs, isWithin, realPathLoose } from './inputs.ts';
import { loadOrCreateKey } from './key-file.ts';
import type { Task, TaskResult } from './process-one.ts';
import type { Pool as PoolType } from './pool.ts';
import { Progress } from './progress.ts';
import {
  mappingCsv, mergePairs, PATID_CSV, readExistingMapping, reportJson, summarize, summaryLines, UID_CSV, writeFileAtomic, type ReportEntry,
} from './report.ts';
import { filePayload, optionsPayload, releasePayload, releaseRuleError, runEndPayload, runStartPayload, type RunFacts } from './run-audit.ts';
import type { WorkerInit } from './session.ts';
import { anonymizeHelp } from './usage.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  version: string;
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const claimKey = (p: string) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p));

export async function anonymize(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      out: { type: 'string' }, key: { type: 'string' }, mapping: { type: 'string' }, report: { type: 'string' }, jobs: { type: 'string' },
      'dry-run': { type: 'boolean' }, rename: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...profileFlagSpecs(),
      fsync: { type: 'boolean' }, redact: { type: 'string' }, reencode: { type: 'boolean' }, 'allow-flagged': { type: 'boolean' }, operator: { type: 'string' }, reviewer: { type: 'string' }, 'require-reviewer': { type: 'boolean' },
    },
    'anonymize',
  );
  if (values.help) {
    io.out(anonymizeHelp());
    return 0;
  }
  const hint = 'Run "veil anonymize --help" for the usage.';
  if (positionals.length === 0) throw new UsageError('give at least one input file or folder', hint);
  const out = stringFlag(values, 'out');
  if (!out) throw new UsageError('--out DIR is required', hint);
  const options = profileOptionsFrom(values);
  const jobsFlag = stringFlag(values, 'jobs');
  const jobs = jobsFlag ? positiveInt(jobsFlag, 'jobs') : os.availableParallelism();
  const dryRun = values['dry-run'] === true;
  const rename = values.rename === true;
  const reportPath = stringFlag(values, 'report');
  const mappingPath = stringFlag(values, 'mapping');
  const allowFlagged = values['allow-flagged'] === true;
  const requireReviewer = values['require-reviewer'] === true;
  const operator = stringFlag(values, 'operator')?.trim() || null;
  const reviewer = stringFlag(values, 'reviewer')?.trim() || null;
  const releaseError = releaseRuleError({ allowFlagged, requireReviewer, operator, reviewer });
  if (releaseError) throw new UsageError(releaseError, hint);

  const redactPath = stringFlag(values, 'redact');
  let redaction: TemplateFile | null = null;
  let rules: ReadRules | undefined;
  if (redactPath) {
    let text: string;
    try {
      text = await fsp.readFile(redactPath, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --redact ${redactPath}: ${(err as Error).message}`);
    }
    try {
      rules = readRedactionRules(text);
      redaction = rules.file;
    } catch (err) {
      throw new UsageError(`--redact ${redactPath}: ${(err as Error).message}`);
    }
    if (rules.format !== 'template') {
      io.err(`veil: --redact ${redactPath}: ${RULES_FORMAT_NAME[rules.format]}, ${rules.file.templates.length} template(s) imported, ${rules.skipped.length} rule(s) skipped\n`);
    }
    for (const s of rules.skipped) io.err(`veil: --redact ${redactPath}: skipped rule "${s.rule}": ${s.reason}\n`);
  }
  const { files, roots } = await collectInputs(positionals);
  await checkPlacement(roots, out, reportPath);
  const outDir = path.resolve(out);
  const outStat = await fsp.stat(outDir).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder`);

  let mapping: WorkerInit['mapping'] = null;
  if (mappingPath) {
    let text: string;
    try {
      text = await fsp.readFile(mappingPath, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the mapping CSV ${mappingPath}: ${(err as Error).message}`);
    }
    try {
      mapping = [...parseMappingCsv(text).byId];
    } catch (err) {
      throw new UsageError(`${mappingPath}: ${(err as Error).message}`);
    }
  }
  const uidPairs = dryRun ? new Map<string, string>() : await readExistingMapping(path.join(outDir, UID_CSV));
  const patPairs = dryRun ? new Map<string, string>() : await readExistingMapping(path.join(outDir, PATID_CSV));
  const { key } = await loadOrCreateKey(stringFlag(values, 'key'), io.err);
  const facts: RunFacts = {
    version: io.version, key, inputs: files.length, options, rename, allowFlagged, requireReviewer, mapping: mapping !== null, jobs, operator, reviewer, outDir,
  };
  // One run at a time per --out (the audit log's chain and the mapping CSVs are shared).
  const lock = dryRun ? null : lockOutDir(outDir, out, io.err);
  try {
    // A dry run writes nothing to --out, the audit log included.
    const audit = dryRun ? null : AuditLogFile.open(outDir, operator);
    audit?.append('run-start', runStartPayload(facts));
    audit?.append('options', optionsPayload(facts));
    const logResult = (r: TaskResult) => {
      audit?.append('file', filePayload(r, facts));
      if (r.status === 'flagged' && r.released) audit?.append('release', releasePayload(r, facts));
    };

    // Final output paths handed out so far (two inputs never share one; the CSVs, the log and the report keep theirs).
    const claims = new Map<string, string>();
    for (const f of [UID_CSV, PATID_CSV]) claims.set(claimKey(path.join(outDir, f)), `the mapping file ${f}`);
    claims.set(claimKey(path.join(outDir, AUDIT_FILE)), 'the audit log');
    if (reportPath) claims.set(claimKey(reportPath), 'the report');
    const claim = (finalPath: string, task: Task): string | null => {
      const k = claimKey(finalPath);
      const holder = claims.get(k);
      if (holder !== undefined) {
        return `its output path ${path.relative(outDir, finalPath)} is already taken by ${holder}${rename ? ' (the same SOP Instance UID)' : ''}; no output was written`;
      }
      claims.set(k, task.input);
      return null;
    };

    // A mirrored output path that no other input and no file of the run can take is granted up front
    // (the worker then needs no claim round trip); any other path is claimed when its file is ready.
    const mirrorCount = new Map<string, number>();
    if (!rename) {
      for (const f of files) {
        if (f.skip) continue;
        const k = claimKey(path.join(outDir, f.rel));
        mirrorCount.set(k, (mirrorCount.get(k) ?? 0) + 1);
      }
    }
    const tasks: Task[] = files.map((f, index) => {
      const k = claimKey(path.join(outDir, f.rel));
      const preclaimed = !rename && !f.skip && mirrorCount.get(k) === 1 && !claims.has(k);
      return { index, input: f.input, abs: f.abs, rel: f.rel, skip: f.skip, ...(preclaimed ? { preclaimed } : {}) };
    });
    const results: (TaskResult | undefined)[] = new Array(tasks.length);
    const progress = new Progress(tasks.length);
    const started = Date.now();
    // The pool pulls in the whole core: loaded only once the command line is known to be good.
    const { Pool, failedResult } = await import('./pool.ts');
    const pool: PoolType = new Pool({
      jobs,
      init: { key, options, mapping, outDir, rename, dryRun, allowFlagged, fsync: values.fsync === true, redaction, reencode: values.reencode === true, tempStem: randomBytes(6).toString('hex') },
      claim,
      onResult: (r) => {
        // A granted path is on record like a claimed one.
        if (r.output && tasks[r.index].preclaimed) claims.set(claimKey(r.output), tasks[r.index].input);
        results[r.index] = r;
        logResult(r);
        progress.tick();
      },
    });

    let interrupts = 0;
    const onSigint = () => {
      interrupts++;
      progress.clear();
      if (interrupts === 1) {
        io.err('veil: stopping after the files in progress (press Ctrl-C again to stop at once)\n');
        pool.stop();
      } else {
        io.err('veil: stopping now; files in progress get no output\n');
        pool.abort();
      }
    };
    process.on('SIGINT', onSigint);
    try {
      await pool.run(tasks);
    } finally {
      process.off('SIGINT', onSigint);
    }
    progress.clear();
    const seconds = (Date.now() - started) / 1000;

    const entries: ReportEntry[] = tasks.map((t, i) => {
      let r = results[i];
      if (!r) {
        r = failedResult(i, 'not processed: the run was interrupted');
        logResult(r);
      }
      return {
        input: t.input,
        output: r.output ? path.join(out, path.relative(outDir, r.output)) : null,
        status: r.status, error: r.error, warnings: r.warnings, actions: r.actions,
        transferSyntax: r.transferSyntax, sopClassUID: r.sopClassUID, bytesIn: r.bytesIn, bytesOut: r.bytesOut, ms: r.ms,
        sha256: r.sha256, outputSha256: r.outputSha256, leaks: r.leaks, released: r.released, gateMs: r.gateMs,
      };
    });

    const written: Record<string, string> = {};
    if (!dryRun) {
      let conflicts = 0;
      for (const r of results) {
        if (!r?.output) continue; // only kept outputs (ok, or flagged and released) hand out pairs
        conflicts += mergePairs(uidPairs, r.uids) + mergePairs(patPairs, r.patientIds);
      }
      if (conflicts) {
        io.err(`veil: warning: ${conflicts} rows of the mapping files already in ${out} had other new values (an earlier run with another key or mapping?); they were replaced\n`);
      }
      const uidText = mappingCsv(uidPairs);
      const patText = mappingCsv(patPairs);
      await writeFileAtomic(path.join(outDir, UID_CSV), uidText, 0o600);
      await writeFileAtomic(path.join(outDir, PATID_CSV), patText, 0o600);
      written[UID_CSV] = sha256Hex(uidText);
      written[PATID_CSV] = sha256Hex(patText);
    }

    const summary = summarize(entries, seconds, dryRun);
    if (reportPath && dryRun && isWithin(await realPathLoose(reportPath), await realPathLoose(outDir))) {
      io.err(`veil: dry run: the report was not written, because ${reportPath} is inside --out\n`);
    } else if (reportPath) {
      const redactionRules = rules && redactPath ? { file: redactPath, format: rules.format, templates: rules.file.templates.length, skipped: rules.skipped } : undefined;
      const text = reportJson({ version: io.version, options, rename, dryRun, jobs, mapping: mappingPath ?? null, out, allowFlagged, redactionRules }, summary, entries);
      await writeFileAtomic(path.resolve(reportPath), text);
      written.report = sha256Hex(text);
    }
    audit?.append('run-end', runEndPayload(summary, interrupts > 0, written));
    audit?.close();
    for (const line of summaryLines(summary, entries)) io.err(line + '\n');
    if (interrupts) return 130;
    return summary.refused > 0 || summary.flagged > summary.released ? 1 : 0;
  } finally {
    lock?.release();
  }
}
