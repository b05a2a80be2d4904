// `veil verify-audit KEEP --out OUT`: checks KEEP/audit.jsonl (the private folder of a run) — the
// hash chain (each prev is the SHA-256 of the previous line, each hash recomputes from its entry,
// seq counts up, every run ends) — and the outputs the log names: for each output (the latest
// file entry per output, since a later run may replace a file of the same name), the file must
// still be in OUT with the SHA-256 the log recorded. Without --out the outputs are looked for
// beside the log (`veil verify-audit DIR`: the layout of earlier versions, and an app export
// unpacked into one folder). Outputs named by the hash of a mirrored path are found by hashing the relative
// path of every file in DIR. Exit status 0 when everything holds, 1 otherwise (the first broken
// entry is named by line number and reason), 2 for usage errors.

import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { verifyAuditLog, type AuditEntry } from '../core/audit/chain.ts';
import { portablePath } from '../core/audit/events.ts';
import { sha256Hex, sha256OfSource } from '../core/audit/hashing.ts';
import type { Io } from './anonymize.ts';
import { parseCommandLine, stringFlag, UsageError } from './args.ts';
import { AUDIT_FILE, nativeSha256Hex } from './audit-log.ts';
import { FileSource, TEMP_MARK } from './file-source.ts';
import { verifyAuditHelp } from './usage.ts';
import { walkFolder } from './walk-folder.ts';

interface OutputClaim {
  line: number;
  entry: AuditEntry;
  output?: string;
  pathHash?: string;
  sha256: string;
}

/** The files under `dir` (relative, "/" separated), leaving out a run's temporary files. */
function listFiles(dir: string): string[] {
  return [...walkFolder(dir)].filter((e) => e.dirent.isFile() && !e.dirent.name.includes(TEMP_MARK)).map((e) => e.rel);
}

async function fileSha256(file: string): Promise<string | null> {
  let opened;
  try {
    opened = await FileSource.open(file);
  } catch {
    return null;
  }
  try {
    return await sha256OfSource(opened.source, 1 << 20, () => createHash('sha256'));
  } finally {
    await opened.handle.close();
  }
}

export async function verifyAudit(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { help: { type: 'boolean', short: 'h' }, out: { type: 'string' } }, 'verify-audit');
  if (values.help) {
    io.out(verifyAuditHelp());
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one folder: the private folder of veil anonymize (the one holding audit.jsonl)', 'Run "veil verify-audit --help" for the usage.');
  const logDir = positionals[0];
  const dir = stringFlag(values, 'out') ?? logDir;
  const file = path.join(logDir, AUDIT_FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    io.err(`veil: ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no audit log in this folder' : (err as Error).message}\n`);
    return 1;
  }
  const check = verifyAuditLog(text, nativeSha256Hex);
  // A log whose last run has no run-end is a run that was stopped (killed, power cut, disk full):
  // everything it holds verifies, and its outputs are checked like any other; said, not failed.
  const interrupted = check.problem?.kind === 'unterminated' ? check.problem : null;
  if (check.problem && !interrupted) {
    io.err(`${file}: line ${check.problem.line}: ${check.problem.reason}\n`);
    return 1;
  }
  const entries = check.entries;
  if (entries.length === 0) {
    // A run killed before its first entry leaves an empty log and no output: nothing to vouch for.
    const outputs = listFiles(dir).filter((f) => f.toLowerCase().endsWith('.dcm'));
    if (outputs.length === 0) {
      io.out(`${file}: the log is empty and there are no outputs: a run was stopped before it wrote anything\n`);
      return 0;
    }
    io.err(`${file}: the log is empty, but ${outputs.length} output${outputs.length === 1 ? '' : 's'} are in ${dir}\n`);
    return 1;
  }

  // The latest entry naming each output wins (a later run may have replaced the file).
  const claims = new Map<string, OutputClaim>();
  entries.forEach((e, i) => {
    if (e.event !== 'file') return;
    const p = e.payload as { output?: unknown; outputPathSha256?: unknown; outputSha256?: unknown };
    if (typeof p.outputSha256 !== 'string') return;
    const output = typeof p.output === 'string' ? portablePath(p.output) : undefined;
    const pathHash = output !== undefined ? sha256Hex(output) : typeof p.outputPathSha256 === 'string' ? p.outputPathSha256 : undefined;
    if (!pathHash) return;
    claims.set(pathHash, { line: i + 1, entry: e, output, pathHash, sha256: p.outputSha256 });
  });

  const byPathHash = new Map<string, string>();
  if (!(await fsp.stat(dir).catch(() => undefined))?.isDirectory()) {
    io.err(`veil: ${dir}: no such folder (the outputs the log names are looked for there)\n`);
    return 1;
  }
  for (const f of listFiles(dir)) byPathHash.set(sha256Hex(portablePath(f)), f);

  const problems: string[] = [];
  let verified = 0;
  for (const c of [...claims.values()].sort((a, b) => a.line - b.line)) {
    const index = (c.entry.payload as { index?: unknown }).index;
    const what = `entry seq ${c.entry.seq} (file #${String(index)})`;
    if (c.output !== undefined && (c.output.split('/').includes('..') || path.isAbsolute(c.output))) {
      problems.push(`line ${c.line}: ${what}: names an output outside ${dir} (${c.output})`);
      continue;
    }
    const rel = byPathHash.get(c.pathHash!);
    const shown = c.output ?? 'its output (mirrored path, logged as a hash)';
    if (rel === undefined) {
      problems.push(`line ${c.line}: ${what}: ${shown} is missing from ${dir}`);
      continue;
    }
    const sha = await fileSha256(path.join(dir, rel));
    if (sha !== c.sha256) {
      problems.push(`line ${c.line}: ${what}: ${c.output ?? rel} was modified (its SHA-256 is not the one logged)`);
      continue;
    }
    verified++;
  }
  if (problems.length) {
    for (const p of problems.slice(0, 20)) io.err(`${file}: ${p}\n`);
    if (stringFlag(values, 'out') === undefined && verified === 0) io.err(`veil: no output the log names is beside it; the outputs of a run are in its --out folder: veil verify-audit ${logDir} --out OUT\n`);
    if (problems.length > 20) io.err(`… and ${problems.length - 20} more\n`);
    return 1;
  }
  const runs = entries.filter((e) => e.event === 'run-start').length;
  io.out(`${file}: ${entries.length} entries in ${runs} run${runs === 1 ? '' : 's'}; the chain holds; ${verified} output${verified === 1 ? '' : 's'} present and unmodified\n`);
  const lastEnd = [...entries].reverse().find((e) => e.event === 'run-end' || e.event === 'run-start');
  if (!interrupted && lastEnd?.event === 'run-end' && (lastEnd.payload as { interrupted?: unknown }).interrupted === true) {
    io.out(`${file}: the last run was interrupted (stopped early; its run-end entry says so); the outputs it logged are checked above\n`);
  }
  if (interrupted) io.out(`${file}: the last run was interrupted: it has no run-end entry (${interrupted.reason.replace(/: entries at the end were removed, or the run was killed$/, '')}); a later run records it as unterminated\n`);
  return 0;
}
