// Turns what the operator gives (a file picker's FileList, a folder picker, a drop of files and
// whole folders) into a flat list of named Blobs. Folders are walked with webkitGetAsEntry;
// ZIP archives are opened in the browser with zip.js and their entries become files too (an
// archive past the limits, or an unsafe entry, is listed as refused: see open-zip.ts). A
// DICOMDIR among them is read as an index (dicomdir-index.ts). Inputs
// stream into the session in batches (loadInputs), so the first file is being read while the
// rest are still being checked.

import { msg, type Message } from '../core/messages/message.ts';
import { errorDetail, notice } from '../core/messages/notice.ts';
import { isZipName, looksLikeZip, openZip, ZipLimitError } from './open-zip.ts';
import { addFiles, zipSignatures, type Incoming } from './actions.ts';
import { readThroughDicomdirs } from './dicomdir-index.ts';

/** A DICOMDIR among `items` is read to find its files (loaded first); the operator is told of any that are missing. */
async function throughDicomdirs(items: Incoming[], onProblem: (m: Message) => void): Promise<Incoming[]> {
  const r = await readThroughDicomdirs(items);
  r.problems.forEach(onProblem);
  return r.items;
}
import { trackInputs } from './files-ready.ts';

const relativeName = (f: File): string => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

/** Open one ZIP archive (listed as refused, or as not DICOM, when it cannot be opened). */
async function openArchive(item: Incoming, onStatus: (m: Message) => void, onProblem: (m: Message) => void): Promise<Incoming[]> {
  onStatus(notice('opening', { name: item.name }));
  try {
    const entries = await throughDicomdirs(await openZip(item.name, item.blob), onProblem);
    const refused = entries.filter((e) => e.refused).length;
    if (refused) onProblem(refused === 1 ? notice('zipEntryRefused', { name: item.name }) : notice('zipEntriesRefused', { name: item.name, n: refused }));
    return entries;
  } catch (err) {
    if (err instanceof ZipLimitError) {
      // Past a limit (size, entry count, a lying header): nothing from it is loaded.
      onProblem(notice('zipRefusedNamed', { name: item.name, error: err.problem }));
      return [{ name: item.name, blob: new Blob([]), refused: msg('zip-archive-refused', { detail: err.problem }) }];
    }
    onProblem(notice('zipNotOpened', { name: item.name, error: errorDetail(err) }));
    return [item]; // listed as not DICOM, with the sniff's reason
  }
}

/** The first batch is small so its first file reaches a worker at once; later ones are larger. */
const FIRST_BATCH = 16;
const MAX_BATCH = 256;
/** How to tell which inputs are ZIP archives without a .zip name (by their first bytes). */
export type SignatureCheck = (blobs: Blob[]) => Promise<boolean[]>;

/** On this thread: for tests and callers without workers. */
export const signaturesHere: SignatureCheck = (blobs) => Promise.all(blobs.map((b) => looksLikeZip(b).catch(() => false)));

/**
 * Files whose first bytes are checked per call (one worker message each). Posting a picked File
 * makes Chromium capture its size and date synchronously (1-2 ms per file on a loaded machine),
 * so a message of 16 keeps each main-thread task short.
 */
const PER_CHECK = 16;

/** Which of the items are ZIP archives: by name, else by the local-header signature. */
async function zipFlags(items: Incoming[], check: SignatureCheck): Promise<boolean[]> {
  const out = items.map((item) => isZipName(item.name));
  const unnamed = items.map((_, i) => i).filter((i) => !out[i]);
  const groups: number[][] = [];
  for (let i = 0; i < unnamed.length; i += PER_CHECK) groups.push(unnamed.slice(i, i + PER_CHECK));
  const results = await Promise.all(groups.map((g) => check(g.map((i) => items[i].blob))));
  groups.forEach((g, k) => g.forEach((i, j) => (out[i] = results[k][j] === true)));
  return out;
}

/**
 * Expand ZIP archives among the inputs as a stream: inputs are checked in batches (a batch's ZIP
 * signatures read together; loadInputs has the pool's workers read them) and handed to `onFiles` in load
 * order as soon as their batch is checked, an archive's entries in its place. `onStatus` gets
 * progress ("Opening …"), `onProblem` what the operator must be told once the files are listed.
 */
export async function streamInputs(
  list: Incoming[], onFiles: (batch: Incoming[]) => void, onStatus: (m: Message) => void, onProblem: (m: Message) => void = onStatus, check: SignatureCheck = signaturesHere,
): Promise<void> {
  list = await throughDicomdirs(list, onProblem);
  let size = FIRST_BATCH;
  for (let i = 0; i < list.length; i += size, size = Math.min(MAX_BATCH, size * 4)) {
    const chunk = list.slice(i, i + size);
    const zipped = await zipFlags(chunk, check);
    let plain: Incoming[] = [];
    for (let k = 0; k < chunk.length; k++) {
      if (!zipped[k]) {
        plain.push(chunk[k]);
        continue;
      }
      if (plain.length) onFiles(plain);
      plain = [];
      onFiles(await openArchive(chunk[k], onStatus, onProblem));
    }
    if (plain.length) onFiles(plain);
  }
}

/** Expand ZIP archives among the inputs; everything else passes through (streamInputs, gathered). */
export async function expandArchives(list: Incoming[], onStatus: (m: Message) => void, onProblem: (m: Message) => void = onStatus): Promise<Incoming[]> {
  const out: Incoming[] = [];
  await streamInputs(list, (batch) => out.push(...batch), onStatus, onProblem);
  return out;
}

export const fromFileList = (files: FileList | File[]): Incoming[] => [...files].map((f) => ({ name: relativeName(f), blob: f }));

function readAllEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries returns at most ~100 entries per call; call until it returns none.
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else {
        all.push(...batch);
        next();
      }
    }, reject);
    next();
  });
}

const entryFile = (e: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => e.file(resolve, reject));

async function walkEntry(entry: FileSystemEntry, prefix: string, out: Incoming[]): Promise<void> {
  const name = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) out.push({ name, blob: await entryFile(entry as FileSystemFileEntry) });
  else if (entry.isDirectory) {
    const children = await readAllEntries(entry as FileSystemDirectoryEntry);
    // A folder's files are asked for at once (each is an asynchronous round trip), kept in order.
    const files = await Promise.all(children.map((c) => (c.isFile ? entryFile(c as FileSystemFileEntry) : null)));
    for (let i = 0; i < children.length; i++) {
      const f = files[i];
      if (f) out.push({ name: `${name}/${children[i].name}`, blob: f });
      else await walkEntry(children[i], name, out);
    }
  }
}

/** Files and folders dropped on the page. Entries must be taken synchronously in the drop event. */
export async function fromDataTransfer(dt: DataTransfer): Promise<Incoming[]> {
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) plain.push(f);
    }
  }
  const out: Incoming[] = fromFileList(plain);
  for (const e of entries) await walkEntry(e, '', out);
  return out;
}

/** Load the operator's inputs into the session as they are checked (see streamInputs). */
export async function loadInputs(list: Incoming[], onStatus: (m: Message) => void, onProblem: (m: Message) => void = onStatus): Promise<void> {
  // The export waits until the last batch is in (files-ready.ts).
  await trackInputs(streamInputs(list, addFiles, onStatus, onProblem, zipSignatures));
}
