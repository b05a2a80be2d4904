// A DICOMDIR among the loaded files (a folder, a drop, a ZIP archive): read as an index (PS3.10
// §8) to find the files it references, matched case-insensitively against the names loaded
// beside it. The files it references are loaded first, in the directory's order (patient, study,
// series, instance: the disc's first series shows first), then every other file as given (files
// it does not reference are read too). The DICOMDIR itself is listed with the other files and
// never exported (core/deid/sniff.ts); the operator is told which referenced files are missing,
// so an incomplete copy of a disc shows.

import { BlobSource } from '../core/io/byte-source.ts';
import { NotADicomdirError, readBasicDirectory, referencedFileIds } from '../core/media/dicomdir-reader.ts';
import { resolveFileIds } from '../core/media/file-id.ts';
import { dicomdirFilesMissing, dicomdirUnreadable } from '../core/media/messages.ts';
import type { Message } from '../core/messages/message.ts';
import { errorDetail, notice } from '../core/messages/notice.ts';
import type { Incoming } from './actions.ts';

export interface DicomdirIndex {
  /** The DICOMDIR's name as loaded. */
  name: string;
  /** Names (as loaded) of the files it references that are present, in directory order. */
  found: string[];
  /** File IDs it references that are not loaded. */
  missing: string[];
  /** Its notice for the operator (missing files, or why it could not be read), or null. */
  problem: Message | null;
}

const isDicomdirName = (name: string): boolean => /(^|\/)dicomdir$/i.test(name);

/** Read every DICOMDIR among `items` and resolve its file IDs against the other items' names. */
export async function indexByDicomdirs(items: readonly Incoming[]): Promise<DicomdirIndex[]> {
  const out: DicomdirIndex[] = [];
  for (const dd of items.filter((i) => !i.refused && isDicomdirName(i.name))) {
    const slash = dd.name.lastIndexOf('/');
    const prefix = slash >= 0 ? dd.name.slice(0, slash + 1) : '';
    let ids: string[][];
    try {
      ids = referencedFileIds(await readBasicDirectory(new BlobSource(dd.blob, dd.name)));
    } catch (err) {
      if (err instanceof NotADicomdirError) continue; // an ordinary file under that name
      out.push({ name: dd.name, found: [], missing: [], problem: notice('named', { name: dd.name, message: dicomdirUnreadable({ reason: errorDetail(err) }) }) });
      continue;
    }
    const present = items.filter((i) => i.name.startsWith(prefix) && i !== dd).map((i) => i.name.slice(prefix.length));
    const resolved = resolveFileIds(ids, present);
    const found = resolved.filter((r): r is string => r !== null).map((r) => prefix + r);
    const missing = ids.filter((_, k) => resolved[k] === null).map((id) => id.join('\\'));
    const problem = missing.length ? dicomdirFilesMissing({ name: dd.name, count: missing.length, first: missing[0]! }) : null;
    out.push({ name: dd.name, found, missing, problem });
  }
  return out;
}

/** `items` with the files the DICOMDIRs reference first (directory order), and each DICOMDIR's notice. */
export async function readThroughDicomdirs(items: readonly Incoming[]): Promise<{ items: Incoming[]; problems: Message[] }> {
  const indexes = await indexByDicomdirs(items);
  const byName = new Map(items.map((i) => [i.name, i]));
  const first: Incoming[] = [];
  const taken = new Set<Incoming>();
  for (const ix of indexes) {
    for (const name of ix.found) {
      const item = byName.get(name);
      if (item && !taken.has(item)) {
        taken.add(item);
        first.push(item);
      }
    }
  }
  return { items: [...first, ...items.filter((i) => !taken.has(i))], problems: indexes.flatMap((ix) => (ix.problem ? [ix.problem] : [])) };
}
