// Failures of the disk under a run, in words. A write can fail anywhere — an output, its temporary
// file, the audit log, the mapping CSVs, the report — with ENOSPC (disk full), EDQUOT (quota),
// EROFS (read-only), EACCES/EPERM (no permission), EIO (the device), EFBIG (file too large for the
// file system). Such a failure is not about one input: the run stops, says what happened and
// where, and leaves only whole files behind (outputs are renamed into place only when complete;
// the audit log is cut back to its last whole entry). Exit status 3 says a run was stopped so.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Exit status of a run stopped by a failed write (documented in --help and the README). */
export const EXIT_WRITE_FAILED = 3;

const WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'there is no permission to write there',
  EPERM: 'the operation is not permitted there',
  EIO: 'the disk reported an input/output error',
  EFBIG: 'the file is too large for that file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  ENAMETOOLONG: 'the path is too long for that file system',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this machine',
};

/** Error codes of writes that no later file of the run can avoid: the run stops on them. */
const RUN_STOPPERS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EFBIG', 'EMFILE', 'ENFILE']);

/** The errno code of a failed file-system call, or null. */
export function errnoCode(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/** True when a failed write means the whole run must stop (the disk, not the file, is the problem). */
export const stopsTheRun = (code: string | null): boolean => code !== null && RUN_STOPPERS.has(code);

/** "the disk is full (ENOSPC)" — what a code means, for people. */
export function faultWords(code: string): string {
  return `${WORDS[code] ?? 'the write failed'} (${code})`;
}

/** A failed write of one of the run's own files (audit log, CSV, report), with what and where. */
export class WriteFault extends Error {
  constructor(
    readonly code: string,
    /** What was being written, e.g. "the audit log". */
    readonly what: string,
    readonly where: string,
  ) {
    super(`${faultWords(code)} while writing ${what} ${where}`);
    this.name = 'WriteFault';
  }
}

/**
 * mkdir -p that reports the real reason: Node's recursive mkdir says ENOENT on a read-only file
 * system, so on ENOENT the first missing folder is made alone to surface EROFS, EACCES….
 */
export function makeFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
    let first = path.resolve(dir);
    while (!fs.existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
    fs.mkdirSync(first); // throws the real error
    throw err;
  }
}

/** A file-system error becomes a WriteFault naming what and where; any other error passes through. */
function faultOf(what: string, where: string, err: unknown): unknown {
  const code = errnoCode(err);
  return code === null || err instanceof WriteFault ? err : new WriteFault(code, what, where);
}

/**
 * Run `write`; a file-system error it throws (or, for an asynchronous write, the promise it
 * returns rejects with) becomes a WriteFault naming what and where.
 */
export function guardWrite<T>(what: string, where: string, write: () => Promise<T>): Promise<T>;
export function guardWrite<T>(what: string, where: string, write: () => T): T;
export function guardWrite<T>(what: string, where: string, write: () => T | Promise<T>): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = write();
  } catch (err) {
    throw faultOf(what, where, err);
  }
  return result instanceof Promise
    ? result.catch((err: unknown) => {
        throw faultOf(what, where, err);
      })
    : result;
}

/** What a run stopped by a failed write tells the user. */
export function stoppedLines(f: WriteFault, kept: number, out: string, keep: string): string[] {
  return [
    `veil: stopped: ${f.message}.`,
    `      ${kept} output${kept === 1 ? ' was' : 's were'} written whole and verified before it; no partial file was left behind.`,
    `      The audit log ends with its last whole entry ("veil verify-audit ${keep} --out ${out}" reads it as an interrupted run).`,
    `      ${f.code === 'ENOSPC' || f.code === 'EDQUOT' ? 'Free some space' : 'Fix the folder (or choose another --out)'} and run again.`,
  ];
}
