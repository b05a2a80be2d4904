// `veil anonymize --dicomdir`: the outputs are named with PS3.10 file IDs (process-one.ts, through
// core/media/file-id.ts mediaFileId) and, once the run is over, --out gets a DICOMDIR (PS3.10 §8)
// listing exactly the outputs kept in this run, built from what each worker read back from the
// written bytes. A DICOMDIR already in --out is refused up front: it would list files of another
// run, and a File-set has one DICOMDIR. --out is the shareable bundle; the mapping files, report
// and audit log stay in the private folder (bundles.ts).

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../core/audit/hashing.ts';
import { buildDicomdir } from '../core/media/dicomdir-writer.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';
import { UsageError } from './args.ts';
import { DICOMDIR_NAME } from './bundles.ts';
import type { TaskResult } from './process-one.ts';
import { writeFileAtomic } from './report.ts';

/** The DICOMDIR's name in --out (the one non-.dcm name bundles.ts checkShareable allows there). */
export const DICOMDIR_FILE = DICOMDIR_NAME;

export async function checkNoDicomdir(outDir: string, out: string): Promise<void> {
  const names = await fsp.readdir(outDir).catch(() => [] as string[]);
  const found = names.find((n) => n.toUpperCase() === DICOMDIR_FILE);
  if (found) throw new UsageError(`--out ${out} already holds a DICOMDIR (${found}); --dicomdir writes a whole File-set with its own: choose an empty output folder`);
}

/** Write the DICOMDIR of the kept outputs (none when no output was kept); returns its SHA-256 (for the audit log), or null. */
export async function writeDicomdir(outDir: string, results: readonly (TaskResult | undefined)[]): Promise<string | null> {
  const entries: DirectoryEntry[] = [];
  for (const r of results) if (r?.output && r.directoryEntry) entries.push(r.directoryEntry);
  if (entries.length === 0) return null;
  const bytes = buildDicomdir(entries);
  await writeFileAtomic(path.join(outDir, DICOMDIR_FILE), bytes);
  return sha256Hex(bytes);
}
