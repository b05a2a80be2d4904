// Inputs found through a DICOMDIR (PS3.10 §8): every input named DICOMDIR is read as an index;
// each Referenced File ID is looked up case-insensitively under the DICOMDIR's folder (media
// come back from other systems in any case) and the files it names join the inputs, so a
// DICOMDIR given alone brings its whole File-set. Files it does not reference are read anyway
// (a folder's walk already lists them). The DICOMDIR itself is reported as skipped, with the
// files it references but that are missing as its warnings; it is never copied.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { NotADicomdirError, readBasicDirectory, referencedFileIds } from '../core/media/dicomdir-reader.ts';
import { dicomdirFileMissing, dicomdirUnreadable, dicomdirUsedAsIndex } from '../core/media/messages.ts';
import { MemorySource } from '../core/io/byte-source.ts';
import type { Message } from '../core/messages/message.ts';
import { errorDetail } from '../core/messages/notice.ts';
import type { InputFile, InputRoot } from './inputs.ts';

const DICOMDIR_NAME = /^dicomdir$/i;

/** A folder's entry names, read once per folder. */
function lister(): (dir: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (dir) => {
    let p = cache.get(dir);
    if (!p) cache.set(dir, (p = fsp.readdir(dir).catch(() => [])));
    return p;
  };
}

/** The path of a file ID under `root`, matching each component case-insensitively (an exact match preferred), or null. */
async function resolveUnder(root: string, fileId: string[], list: (dir: string) => Promise<string[]>): Promise<string | null> {
  let at = root;
  for (const component of fileId) {
    const names = await list(at);
    const name = names.includes(component) ? component : names.find((n) => n.toUpperCase() === component.toUpperCase());
    if (name === undefined) return null;
    at = path.join(at, name);
  }
  const st = await fsp.stat(at).catch(() => undefined);
  return st?.isFile() ? at : null;
}

/**
 * Read the DICOMDIRs among `files` and add the files they reference (`add` drops files already
 * listed). The DICOMDIR entries are rewritten in place: skipped, with missing files as warnings.
 * Returns the folders of the DICOMDIRs that brought files, as input roots (--out may not be inside them).
 */
export async function expandDicomdirs(files: InputFile[], add: (f: InputFile) => void): Promise<InputRoot[]> {
  const roots: InputRoot[] = [];
  const list = lister();
  for (const dd of files.filter((f) => !f.skip && DICOMDIR_NAME.test(path.basename(f.abs)))) {
    let ids: string[][];
    try {
      ids = referencedFileIds(await readBasicDirectory(new MemorySource(new Uint8Array(await fsp.readFile(dd.abs)), dd.input)));
    } catch (err) {
      // A data set that is no DICOMDIR under that name is an ordinary input.
      if (!(err instanceof NotADicomdirError)) dd.skip = dicomdirUnreadable({ reason: errorDetail(err) });
      continue;
    }
    const root = path.dirname(dd.abs);
    const warnings: Message[] = [];
    let found = 0;
    for (const id of ids) {
      const abs = await resolveUnder(root, id, list);
      if (!abs) {
        warnings.push(dicomdirFileMissing({ fileId: id.join('\\') }));
        continue;
      }
      found++;
      const fromRoot = path.relative(root, abs);
      add({ input: path.join(path.dirname(dd.input), fromRoot), abs, rel: path.join(path.dirname(dd.rel), fromRoot) });
    }
    dd.skip = dicomdirUsedAsIndex({ referenced: ids.length, found });
    dd.warnings = warnings;
    if (found) roots.push({ given: path.dirname(dd.input), real: await fsp.realpath(root), isDir: true });
  }
  return roots;
}
