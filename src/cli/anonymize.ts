// `veil anonymize`: checks the command line, finds the inputs, runs the files through the pool,
// then writes the mapping CSVs and the report and prints the summary. Two bundles (bundles.ts):
// --out holds de-identified DICOM only; the private folder (--keep, default `<out>.private`)
// holds the mapping CSVs, the report, the run lock and the tamper-evident audit log (audit.jsonl:
// run-start, options, one file entry per input, release entries for flagged outputs kept with
// --allow-flagged, run-end). A last check walks --out and fails the run if anything there is not
// DICOM. Output paths are handed out by OutputClaims (duplicates, suffixes). The files its flags
// name (--redact, --mapping) are read by flag-files.ts.
// Exit status 0 when no file was refused or flagged without release and --out holds DICOM only,
// 1 otherwise, 2 for usage errors (thrown as UsageError), 3 when a failed write (disk full,
// read-only, I/O error) stopped the run: it then says what and where, keeps every whole output,
// removes its temporary files, releases its lock and leaves an audit log that verify-audit reads
// as an interrupted run.

import type { TemplateFile } from '../core/redaction/template.ts';
import { readMappingFlag, readRedactFlag } from './flag-files.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha256Hex } from '../core/audit/hashing.ts';
import { checkBundlePlacement, checkShareable, defaultKeepDir, makePrivateDir } from './bundles.ts';
import { lockOutDir, sweepTemporaries } from './out-lock.ts';
import { pathClaims } from './output-claims.ts';
import { TEMP_MARK } from './file-source.ts';
import { parseCommandLine, positiveInt, profileFlagSpecs, profileOptionsFrom, stringFlag, UsageError } from './args.ts';
import { AuditLogFile } from './audit-log.ts';
import { checkPlacement, collectInputs } from './inputs.ts';
import { loadOrCreateKey } from './key-file.ts';
import type { Task, TaskResult } from './process-one.ts';
import type { Pool as PoolType } from './pool.ts';
import { Progress } from './progress.ts';
import {
  mappingCsv, mergePairs, PATID_CSV, readExistingMapping, REPORT_JSON, reportJson, summarize, summaryLines, UID_CSV, writeFileAtomic, type ReportEntry,
} from './report.ts';
import { filePayload, optionsPayload, releasePayload, releaseRuleError, runEndPayload, runStartPayload, type RunFacts } from './run-audit.ts';
import type { WorkerInit } from './session.ts';
import { anonymizeHelp } from './usage.ts';
import { checkNoDicomdir, DICOMDIR_FILE, writeDicomdir } from './dicomdir-output.ts';
import { EXIT_WRITE_FAILED, guardWrite, makeFolder, stoppedLines, stopsTheRun, WriteFault } from './write-fault.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  version: string;
}

export async function anonymize(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      out: { type: 'string' }, keep: { type: 'string' }, key: { type: 'string' }, mapping: { type: 'string' }, report: { type: 'string' }, jobs: { type: 'string' },
      'dry-run': { type: 'boolean' }, rename: { type: 'boolean' }, 'keep-paths': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...profileFlagSpecs(),
      fsync: { type: 'boolean' }, redact: { type: 'string' }, 'max-frame-mb': { type: 'string' }, reencode: { type: 'boolean' }, 'allow-flagged': { type: 'boolean' }, operator: { type: 'string' }, reviewer: { type: 'string' }, 'require-reviewer': { type: 'boolean' },
      'require-clean-pixels': { type: 'boolean' },
      dicomdir: { type: 'boolean' },
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
  // Outputs are named by pseudonym and new UIDs unless --keep-paths (--rename: the default, accepted).
  const rename = values['keep-paths'] !== true;
  const dicomdir = values.dicomdir === true;
  if (dicomdir && !rename) throw new UsageError('--dicomdir names the outputs itself (PS3.10 file IDs); leave out --keep-paths', hint);
  const reportPath = stringFlag(values, 'report');
  const mappingPath = stringFlag(values, 'mapping');
  const allowFlagged = values['allow-flagged'] === true;
  const requireReviewer = values['require-reviewer'] === true;
  const operator = stringFlag(values, 'operator')?.trim() || null;
  const reviewer = stringFlag(values, 'reviewer')?.trim() || null;
  const releaseError = releaseRuleError({ allowFlagged, requireReviewer, operator, reviewer });
  if (releaseError) throw new UsageError(releaseError, hint);

  const maxFrameMb = stringFlag(values, 'max-frame-mb');
  const maxFrameBytes = maxFrameMb ? positiveInt(maxFrameMb, 'max-frame-mb') * 1024 * 1024 : undefined;
  const redactPath = stringFlag(values, 'redact');
  const rules = redactPath ? await readRedactFlag(redactPath, io.err) : undefined;
  const redaction: TemplateFile | null = rules?.file ?? null;
  const { files, roots } = await collectInputs(positionals);
  await checkPlacement(roots, out, reportPath);
  const keepFlag = stringFlag(values, 'keep');
  const keepDir = path.resolve(keepFlag ?? defaultKeepDir(out));
  await checkBundlePlacement(roots, out, keepDir, keepFlag !== undefined, reportPath);
  const outDir = path.resolve(out);
  const outStat = await fsp.stat(outDir).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder`);
  if (dicomdir && !dryRun) await checkNoDicomdir(outDir, out);

  const mapping: WorkerInit['mapping'] = mappingPath ? await readMappingFlag(mappingPath) : null;
  const uidPairs = dryRun ? new Map<string, string>() : await readExistingMapping(path.join(keepDir, UID_CSV));
  const patPairs = dryRun ? new Map<string, string>() : await readExistingMapping(path.join(keepDir, PATID_CSV));
  const { key } = await loadOrCreateKey(stringFlag(values, 'key'), io.err);
  const facts: RunFacts = {
    version: io.version, key, inputs: files.length, options, rename, allowFlagged, requireReviewer, mapping: mapping !== null, jobs, operator, reviewer, outDir,
  };
  // One run at a time per private folder (the audit log's chain and the mapping CSVs are shared).
  let lock: ReturnType<typeof lockOutDir> | null = null;
  let fault: WriteFault | null = null;
  let kept = 0;
  try {
    if (!dryRun) {
      guardWrite('the private folder', keepDir, () => makePrivateDir(keepDir));
      guardWrite('the output folder', outDir, () => makeFolder(outDir));
    }
    lock = dryRun ? null : guardWrite('the run lock in', keepDir, () => lockOutDir(keepDir, keepDir, io.err));
    if (lock?.tookOver) {
      const swept = sweepTemporaries(outDir, TEMP_MARK) + sweepTemporaries(keepDir, TEMP_MARK);
      if (swept) io.err(`veil: removed ${swept} temporary file${swept === 1 ? '' : 's'} the stopped run left in ${out}\n`);
    }
    // A dry run writes nothing, the audit log included.
    const audit = dryRun ? null : AuditLogFile.open(keepDir, operator);
    audit?.append('run-start', runStartPayload(facts));
    audit?.append('options', optionsPayload(facts));
    // A failed write stops the run: files in progress finish (or fail the same way), no new ones start.
    const stopFor = (f: WriteFault) => {
      fault ??= f;
      pool?.stop();
    };
    const logResult = (r: TaskResult) => {
      if (r.output) kept++;
      if (r.fault && stopsTheRun(r.fault.code)) stopFor(new WriteFault(r.fault.code, 'an output', r.fault.where));
      if (audit?.failure) return;
      try {
        audit?.append('file', filePayload(r, facts));
        if (r.status === 'flagged' && r.released) audit?.append('release', releasePayload(r, facts));
      } catch (err) {
        if (!(err instanceof WriteFault)) throw err;
        stopFor(err);
      }
    };

    // Output paths handed out so far: two inputs never share one, and none is lost to a clash.
    const claims = pathClaims(!dicomdir);
    const claim = (finalPath: string, task: Task, sha256: string | null) =>
      claims.claim(finalPath, task.input, sha256, (p) => path.join(out, path.relative(outDir, p)));
    const tasks: Task[] = files.map((f, index) => ({ index, input: f.input, abs: f.abs, rel: f.rel, skip: f.skip, ...(f.warnings?.length ? { skipWarnings: f.warnings } : {}) }));
    const results: (TaskResult | undefined)[] = new Array(tasks.length);
    let pool: PoolType | undefined;
    const progress = new Progress(tasks.length);
    const started = Date.now();
    // The pool pulls in the whole core: loaded only once the command line is known to be good.
    const { Pool, failedResult } = await import('./pool.ts');
    pool = new Pool({
      jobs, exactJobs: jobsFlag !== undefined,
      init: { key, options, mapping, outDir, rename, dicomdir, dryRun, allowFlagged, fsync: values.fsync === true, redaction, reencode: values.reencode === true, ...(maxFrameBytes ? { maxFrameBytes } : {}), requireCleanPixels: values['require-clean-pixels'] === true, tempStem: randomBytes(6).toString('hex') },
      claim,
      onResult: (r) => {
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
        r = failedResult(i, fault ? `not processed: the run stopped because ${fault.message}` : 'not processed: the run was interrupted');
        logResult(r);
      }
      return {
        input: t.input,
        output: r.output ? path.join(out, path.relative(outDir, r.output)) : null,
        status: r.status, error: r.error, errorCode: r.reason?.code ?? null, warnings: r.warnings, warningCodes: (r.warningMessages ?? []).map((m) => m.code), actions: r.actions,
        transferSyntax: r.transferSyntax, sopClassUID: r.sopClassUID, bytesIn: r.bytesIn, bytesOut: r.bytesOut, ms: r.ms,
        sha256: r.sha256, outputSha256: r.outputSha256, leaks: r.leaks, released: r.released, gateMs: r.gateMs,
        ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}),
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
        io.err(`veil: warning: ${conflicts} rows of the mapping files already in ${keepDir} had other new values (an earlier run with another key or mapping?); they were replaced\n`);
      }
      const uidText = mappingCsv(uidPairs);
      const patText = mappingCsv(patPairs);
      // Written even after a failed write stopped the run (they are small, and they are what links
      // the outputs already kept to their patients); a failure here is reported like any other.
      for (const [name, text] of [[UID_CSV, uidText], [PATID_CSV, patText]] as const) {
        const where = path.join(keepDir, name);
        try {
          await guardWrite('the mapping file', where, () => writeFileAtomic(where, text, 0o600));
          written[name] = sha256Hex(text);
        } catch (err) {
          if (!(err instanceof WriteFault)) throw err;
          fault ??= err;
        }
      }
      if (dicomdir) {
        const where = path.join(outDir, DICOMDIR_FILE);
        try {
          const dicomdirHash = await guardWrite('the DICOMDIR', where, () => writeDicomdir(outDir, results));
          if (dicomdirHash) written[DICOMDIR_FILE] = dicomdirHash;
        } catch (err) {
          if (!(err instanceof WriteFault)) throw err;
          fault ??= err;
        }
      }
    }

    const summary = summarize(entries, seconds, dryRun);
    // Without --report, a real run keeps its report in the private folder; a dry run writes only the --report asked for.
    const reportFile = reportPath ? path.resolve(reportPath) : dryRun ? null : path.join(keepDir, REPORT_JSON);
    if (reportFile) {
      const redactionRules = rules && redactPath ? { file: redactPath, format: rules.format, templates: rules.file.templates.length, skipped: rules.skipped.map((s) => ({ rule: s.rule, reason: inEnglish(s.reason) })) } : undefined;
      const text = reportJson({ version: io.version, options, rename, dryRun, jobs, mapping: mappingPath ?? null, out, allowFlagged, redactionRules }, summary, entries);
      try {
        await guardWrite('the report', reportFile, () => writeFileAtomic(reportFile, text, 0o600));
        written.report = sha256Hex(text);
      } catch (err) {
        if (!(err instanceof WriteFault)) throw err;
        fault ??= err;
      }
    }
    try {
      if (!audit?.failure) audit?.append('run-end', runEndPayload(summary, interrupts > 0 || fault !== null, written));
      audit?.close();
    } catch (err) {
      if (!(err instanceof WriteFault)) throw err;
      fault ??= err;
    }
    for (const line of summaryLines(summary, entries)) io.err(line + '\n');
    if (fault) {
      io.err(stoppedLines(fault, kept, out, keepDir).join('\n') + '\n');
      return EXIT_WRITE_FAILED;
    }
    if (!dryRun) io.err(`private records (mapping files, report, audit log; they re-identify patients, never share them): ${keepDir}\n`);
    const strays = dryRun ? [] : checkShareable(outDir, !rename || dicomdir, new Set(results.flatMap((r) => (r?.output ? [r.output] : []))));
    if (strays.length) {
      io.err(`veil: error: --out ${out} must hold de-identified DICOM only, but it holds ${strays.length} other file(s): ${strays.slice(0, 10).join(', ')}${strays.length > 10 ? ', …' : ''}; move them out before sharing the folder\n`);
    }
    if (interrupts) return 130;
    return summary.refused > 0 || summary.flagged > summary.released || strays.length > 0 ? 1 : 0;
  } catch (err) {
    // A failed write before any file ran (the folders, the lock, opening the audit log): nothing was written.
    if (!(err instanceof WriteFault)) throw err;
    io.err(stoppedLines(err, kept, out, keepDir).join('\n') + '\n');
    return EXIT_WRITE_FAILED;
  } finally {
    try {
      lock?.release();
    } catch {
      /* the lock is in a folder that can no longer be written; a later run takes a dead run's lock over */
    }
  }
}
