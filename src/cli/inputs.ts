// Finding the input files of `veil anonymize`: files given directly, and folders walked
// recursively in sorted order (so runs are deterministic), following symbolic links but never
// walking a folder twice (no symlink loops). Also the safety checks that keep --out (and the
// report) apart from the originals.

import { msg, type Message } from '../core/messages/message.ts';
import { promises as fsp, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args.ts';
import { expandDicomdirs } from './dicomdir-inputs.ts';

export interface InputFile {
  /** The path as the user sees it: as given, or joined to the folder as given. */
  input: string;
  /** Absolute path to open. */
  abs: string;
  /** Output path relative to --out when mirroring the input layout. */
  rel: string;
  /** Set when the entry cannot be read as a file at all (broken link, FIFO…): reported as skipped. */
  skip?: Message;
  /** Warnings of a skipped entry (a DICOMDIR's missing files). */
  warnings?: Message[];
}

export interface InputRoot {
  given: string;
  real: string;
  isDir: boolean;
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const norm = (p: string) => (caseInsensitive ? p.toLowerCase() : p);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** true when `child` is `parent` or inside it. */
export function isWithin(child: string, parent: string): boolean {
  const c = norm(path.resolve(child));
  const p = norm(path.resolve(parent));
  if (c === p) return true;
  return c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
}

/** The real path of `p`, resolving the longest part that exists (p itself need not exist). */
export async function realPathLoose(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      const real = await fsp.realpath(cur);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return abs;
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

export async function collectInputs(args: string[]): Promise<{ files: InputFile[]; roots: InputRoot[] }> {
  const files: InputFile[] = [];
  const roots: InputRoot[] = [];
  const visited = new Set<string>();
  const taken = new Set<string>();
  const add = (f: InputFile) => {
    const k = norm(f.abs);
    if (taken.has(k)) return;
    taken.add(k);
    files.push(f);
  };

  for (const given of args) {
    let st;
    try {
      st = await fsp.stat(given);
    } catch (err) {
      throw new UsageError(`cannot read the input ${given}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
    }
    const real = await fsp.realpath(given);
    roots.push({ given, real, isDir: st.isDirectory() });
    if (st.isDirectory()) {
      await walk(given, path.resolve(given), '', visited, add);
    } else {
      add({ input: given, abs: path.resolve(given), rel: path.basename(given), skip: st.isFile() ? undefined : msg('input-not-regular-file') });
    }
  }
  roots.push(...(await expandDicomdirs(files, add)));
  return { files, roots };
}

async function walk(shown: string, abs: string, rel: string, visited: Set<string>, add: (f: InputFile) => void): Promise<void> {
  const real = norm(await fsp.realpath(abs));
  if (visited.has(real)) return; // a symbolic link back to a folder already walked
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(abs, { withFileTypes: true });
  } catch (err) {
    add({ input: shown, abs, rel: rel || '.', skip: msg('input-folder-unlisted', { detail: (err as Error).message }) });
    return;
  }
  entries.sort((a, b) => byCodeUnits(a.name, b.name));
  for (const e of entries) {
    const childAbs = path.join(abs, e.name);
    const childShown = path.join(shown, e.name);
    const childRel = rel ? path.join(rel, e.name) : e.name;
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await fsp.stat(childAbs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        add({ input: childShown, abs: childAbs, rel: childRel, skip: msg('input-broken-link') });
        continue;
      }
    }
    if (isDir) await walk(childShown, childAbs, childRel, visited, add);
    else add({ input: childShown, abs: childAbs, rel: childRel, skip: isFile ? undefined : msg('input-not-regular-file') });
  }
}

/**
 * Refuse an --out that is an input folder or inside one, an input inside --out, and a report
 * inside an input folder: originals are never modified nor mixed with outputs.
 */
export async function checkPlacement(roots: InputRoot[], out: string, report: string | undefined): Promise<void> {
  const realOut = await realPathLoose(out);
  for (const r of roots) {
    if (r.isDir && isWithin(realOut, r.real)) {
      throw new UsageError(
        `--out ${out} is ${norm(realOut) === norm(r.real) ? 'the input folder' : 'inside the input folder'} ${r.given}; choose an output folder outside the inputs, so the originals are never modified or mixed with de-identified files`,
      );
    }
    if (isWithin(r.real, realOut)) {
      throw new UsageError(`the input ${r.given} is inside --out ${out}; choose an output folder that does not hold the originals`);
    }
  }
  if (report !== undefined) {
    const realReport = await realPathLoose(report);
    for (const r of roots) {
      if (r.isDir ? isWithin(realReport, r.real) : norm(realReport) === norm(r.real)) {
        throw new UsageError(`--report ${report} would be written ${r.isDir ? 'inside the input folder' : 'over the input'} ${r.given}; choose a place outside the inputs`);
      }
    }
  }
}
