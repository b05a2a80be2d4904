// One output in the CD layout (veil anonymize --dicomdir, the app's export "For CD/USB"), the
// same for CLI and app: its PS3.10 file ID and DICOMDIR entry from the de-identified output as
// written (`parsed`), Type 1 dummies chosen unlike the original's identifying values, and the
// leak gate run on the records this file brings to the DICOMDIR (a one-entry DICOMDIR), so the
// DICOMDIR's bytes are checked against the original like the output's own bytes and path.

import type { DicomFile } from '../dicom/reader.ts';
import { collectIdentifyingValues, runLeakGate, type LeakHit } from '../leak/gate.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { buildDicomdir } from './dicomdir-writer.ts';
import { directoryEntryOf, type DirectoryEntry } from './directory-entry.ts';
import { mediaFileId } from './file-id.ts';
import { notListableOnMedia } from './messages.ts';

export type MediaOutput = { entry: DirectoryEntry; path: string; leaks: LeakHit[] } | { problem: string };

export async function mediaOutput(original: DicomFile, parsed: DicomFile, options: ProfileOptions): Promise<MediaOutput> {
  const avoid = new Set(collectIdentifyingValues(original, options).candidates.map((c) => c.value));
  const listed = directoryEntryOf(parsed, mediaFileId, avoid);
  if ('problem' in listed) return { problem: notListableOnMedia({ reason: listed.problem }) };
  const gate = await runLeakGate(original, buildDicomdir([listed]), null, options);
  const leaks = gate.leaks.map((l) => ({ ...l, foundIn: `DICOMDIR record: ${l.foundIn}` }));
  return { entry: listed, path: listed.fileId.join('/'), leaks };
}

/** The entry renamed for the `attempt`-th try (two instances of a series whose names hash alike). */
export const renamedEntry = (entry: DirectoryEntry, attempt: number): DirectoryEntry => ({ ...entry, fileId: mediaFileId(entry, attempt) });
