// The two bundles of `veil anonymize`. The shareable one, --out, holds de-identified DICOM only
// (PS3.10 files, plus a DICOMDIR when asked for): it is what users hand over. The private one,
// --keep (default: the sibling folder `<out>.private`), holds what re-identifies patients or
// names original files — uid_mapping.csv, patid_mapping.csv, report.json, audit.jsonl — and the
// run lock; it is created readable by its owner only. Neither may lie inside the other, and
// --report may not point into --out. After the run, checkShareable walks --out and lists every
// file that is not DICOM (PS3.10 §7.1: 128-byte preamble, then "DICM").

import { makeFolder } from './write-fault.ts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args.ts';
import { isWithin, realPathLoose, type InputRoot } from './inputs.ts';
import { walkFolder } from './walk-folder.ts';

/** The file name a DICOMDIR has (PS3.10 §8.6); the only name in --out that need not end in .dcm. */
export const DICOMDIR_NAME = 'DICOMDIR';

/** The private folder of a run: --keep, or `<out>.private` beside --out. */
export const defaultKeepDir = (out: string): string => `${path.resolve(out).replace(/[\\/]+$/, '')}.private`;

/**
 * Refuse a --keep inside --out (or the same folder), an --out inside --keep, and a --report
 * inside --out: what re-identifies patients never sits in the folder users share. The private
 * folder may not hold an input or lie in an input folder either (originals are never mixed with
 * what a run writes).
 */
export async function checkBundlePlacement(roots: InputRoot[], out: string, keep: string, keepGiven: boolean, report: string | undefined): Promise<void> {
  const realOut = await realPathLoose(out);
  const realKeep = await realPathLoose(keep);
  const keepShown = keepGiven ? `--keep ${keep}` : `the private folder ${keep}`;
  for (const r of roots) {
    if ((r.isDir && isWithin(realKeep, r.real)) || isWithin(r.real, realKeep)) {
      throw new UsageError(`${keepShown} and the input ${r.given} overlap; choose a private folder apart from the inputs, so the originals are never mixed with what a run writes`);
    }
  }
  if (isWithin(realKeep, realOut)) {
    throw new UsageError(`${keepShown} is ${sameDir(realKeep, realOut) ? '--out itself' : `inside --out ${out}`}; the mapping files, the report and the audit log re-identify patients and must never travel with the shared data`, 'Choose a --keep folder outside --out.');
  }
  if (isWithin(realOut, realKeep)) {
    throw new UsageError(`--out ${out} is inside ${keepShown}; the shared folder must not sit in the private one`, 'Choose --out and --keep side by side.');
  }
  if (report !== undefined && isWithin(await realPathLoose(report), realOut)) {
    throw new UsageError(`--report ${report} is inside --out ${out}; the report names the original files, and --out is the folder you share`, 'Write the report elsewhere, or leave out --report: it is then written to the private folder.');
  }
}

const sameDir = (a: string, b: string) => isWithin(a, b) && isWithin(b, a);

/** Create the private folder (owner only: 0700) and tighten it when it already exists. */
export function makePrivateDir(dir: string): void {
  makeFolder(dir);
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
}

function isPart10(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(4);
    return fs.readSync(fd, b, 0, 4, 128) === 4 && b.toString('latin1') === 'DICM';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Files under `dir` (relative, "/" separated) that do not belong in a shareable bundle: anything
 * that is not a PS3.10 file, and a PS3.10 file whose name neither ends in .dcm nor is DICOMDIR
 * unless `anyName` (outputs that mirror input names keep those names). Links and other
 * non-regular entries are listed too. `written` holds the outputs this run verified (re-read and
 * gated in memory before they were renamed into place): their first bytes are not read again.
 */
export function checkShareable(dir: string, anyName: boolean, written: ReadonlySet<string> = new Set()): string[] {
  const bad: string[] = [];
  const missingRoot = (err: NodeJS.ErrnoException, rel: string) => err.code === 'ENOENT' && rel === '';
  for (const { rel, path: file, dirent } of walkFolder(dir, { skipUnreadable: missingRoot })) {
    if (!dirent.isFile()) bad.push(rel);
    else if (!(anyName || /\.dcm$/i.test(dirent.name) || dirent.name === DICOMDIR_NAME) || !(written.has(file) || isPart10(file))) bad.push(rel);
  }
  return bad;
}
