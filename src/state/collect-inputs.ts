// Turns what the operator gives (a file picker's FileList, a folder picker, a drop of files and
// whole folders) into a flat list of named Blobs. Folders are walked with webkitGetAsEntry;
// ZIP archives are opened in the browser with zip.js and their entries become files too (an
// archive past the limits, or an unsafe entry, is listed as refused: see open-zip.ts).

import { isZipName, looksLikeZip, openZip, ZipLimitError } from './open-zip.ts';
import type { Incoming } from './actions.ts';

const relativeName = (f: File): string => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

/**
 * Expand ZIP archives among the inputs; everything else passes through. `onStatus` gets progress
 * ("Opening …"), `onProblem` what the operator must be told once the files are listed.
 */
export async function expandArchives(list: Incoming[], onStatus: (text: string) => void, onProblem: (text: string) => void = onStatus): Promise<Incoming[]> {
  const out: Incoming[] = [];
  for (const item of list) {
    if (isZipName(item.name) || (await looksLikeZip(item.blob))) {
      onStatus(`Opening ${item.name}…`);
      try {
        const entries = await openZip(item.name, item.blob);
        const refused = entries.filter((e) => e.refused).length;
        if (refused) onProblem(`${item.name}: ${refused} entr${refused === 1 ? 'y was' : 'ies were'} refused and not extracted (unsafe names or sizes); see Other files.`);
        out.push(...entries);
      } catch (err) {
        if (err instanceof ZipLimitError) {
          // Past a limit (size, entry count, a lying header): nothing from it is loaded.
          const reason = `this ZIP archive was refused and nothing from it was loaded: ${err.message}`;
          out.push({ name: item.name, blob: new Blob([]), refused: reason });
          onProblem(`${item.name}: ${reason}.`);
        } else {
          out.push(item); // listed as not DICOM, with the sniff's reason
          onProblem(`${item.name} could not be opened as a ZIP archive: ${(err as Error).message}`);
        }
      }
    } else out.push(item);
  }
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
  else if (entry.isDirectory) for (const child of await readAllEntries(entry as FileSystemDirectoryEntry)) await walkEntry(child, name, out);
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
