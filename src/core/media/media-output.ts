// One output in the CD layout (veil anonymize --dicomdir, the app's export "For CD/USB"), the
// same for CLI and app: its PS3.10 file ID and DICOMDIR entry from the de-identified output as
// written (`parsed`), Type 1 dummies chosen unlike the original's identifying values, and the
// leak gate run on every value this file brings to the DICOMDIR's records (recordValuesDataset:
// each in the attribute it came from), so what the DICOMDIR says is checked against the original
// by the same rules as the output's own bytes and path.

import type { DicomFile } from '../dicom/reader.ts';
import { collectIdentifyingValues, runLeakGate, type LeakHit } from '../leak/gate.ts';
import { DICOMDIR_RECORD_PREFIX } from '../leak/place.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { recordValuesDataset } from './dicomdir-writer.ts';
import { directoryEntryOf, type DirectoryEntry } from './directory-entry.ts';
import { mediaFileId } from './file-id.ts';
import type { Message } from '../messages/message.ts';
import { notListableOnMedia } from './messages.ts';

export type MediaOutput = { entry: DirectoryEntry; path: string; leaks: LeakHit[] } | { problem: Message };

export async function mediaOutput(original: DicomFile, parsed: DicomFile, options: ProfileOptions): Promise<MediaOutput> {
  const avoid = new Set(collectIdentifyingValues(original, options).candidates.map((c) => c.value));
  const listed = directoryEntryOf(parsed, mediaFileId, avoid);
  if ('problem' in listed) return { problem: notListableOnMedia({ reason: listed.problem }) };
  const gate = await runLeakGate(original, recordValuesDataset(listed), null, options);
  const leaks = gate.leaks.map((l) => ({ ...l, foundIn: `${DICOMDIR_RECORD_PREFIX}${l.foundIn}` }));
  return { entry: listed, path: listed.fileId.join('/'), leaks };
}
