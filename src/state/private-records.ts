// The private records of the last export, kept apart from the shareable bundle (issue 11): the
// de-identified DICOM goes where the operator shares it; uid_mapping.csv and patid_mapping.csv
// (every original UID and Patient ID next to its replacement), report.json (it may name the
// original files) and audit.jsonl re-identify the patients and are saved only on request, by
// "Save private records", as a ZIP download or into a folder the operator picks. The audit log
// names each output by its path inside the DICOM bundle, so `veil verify-audit KEEP --out OUT`
// checks a run with the records in KEEP and the unpacked bundle in OUT.

import { useSyncExternalStore } from 'react';
import { PATID_MAPPING_CSV, REPORT_JSON, UID_MAPPING_CSV } from '../core/report/batch-report.ts';
import { AUDIT_JSONL } from './export-audit.ts';
import { downloadTarget, pickFolderTarget, type OutputTarget } from './output-targets.ts';

/** The four files, by their names (the CLI's --keep folder holds the same). */
export interface PrivateRecords {
  [UID_MAPPING_CSV]: string;
  [PATID_MAPPING_CSV]: string;
  [REPORT_JSON]: string;
  [AUDIT_JSONL]: string;
}

export const PRIVATE_FILES = [UID_MAPPING_CSV, PATID_MAPPING_CSV, REPORT_JSON, AUDIT_JSONL] as const;

let records: PrivateRecords | null = null;
const listeners = new Set<() => void>();

/** The export finished (records) or started again (null: the old records no longer match the bundle). */
export function setPrivateRecords(r: PrivateRecords | null): void {
  records = r;
  for (const l of listeners) l();
}

export const privateRecords = (): PrivateRecords | null => records;

export function usePrivateRecords(): PrivateRecords | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => records);
}

export const privateZipName = (now = new Date()): string => `veil-private-records-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;

/** Write the records into a target (a ZIP or a folder); nothing when there are none. */
export async function writePrivateRecords(target: OutputTarget, r: PrivateRecords | null = records): Promise<boolean> {
  if (!r) return false;
  try {
    for (const name of PRIVATE_FILES) await target.add(name, r[name]);
    await target.close();
    return true;
  } catch (err) {
    await target.abort();
    throw err;
  }
}

export const savePrivateRecordsZip = (): Promise<boolean> => writePrivateRecords(downloadTarget(privateZipName()));

/** Into a folder the operator picks (File System Access API); false when none was chosen. */
export async function savePrivateRecordsToFolder(): Promise<boolean> {
  let target: OutputTarget;
  try {
    target = await pickFolderTarget();
  } catch (err) {
    if ((err as Error).name === 'AbortError') return false;
    throw err;
  }
  return writePrivateRecords(target);
}
