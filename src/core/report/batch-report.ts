// What a batch export writes besides the de-identified files, shared by the app and the CLI:
// the mapping CSVs (header "id_old,id_new", rows sorted by id_old in code-unit order, fields
// CSV-quoted when needed) and the JSON report's per-file entries with their action counts and
// leak gate findings (by keyed digest, never the value).

import { csvField } from '../deid/pseudonymizer.ts';
import type { ActionCounts } from '../deid/plan.ts';
import type { ReportedLeak } from '../leak/gate.ts';

export const UID_MAPPING_CSV = 'uid_mapping.csv';
export const PATID_MAPPING_CSV = 'patid_mapping.csv';
export const REPORT_JSON = 'report.json';

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A mapping CSV of original → new pairs (the same text the CLI writes). */
export function mappingCsv(pairs: Iterable<[string, string]>): string {
  const rows = [...new Map(pairs)].sort((a, b) => byCodeUnits(a[0], b[0]));
  return ['id_old,id_new', ...rows.map(([o, n]) => `${csvField(o)},${csvField(n)}`)].join('\n') + '\n';
}

export type ReportStatus = 'ok' | 'flagged' | 'refused' | 'skipped' | 'duplicate';

export interface ReportFileEntry {
  /** Never an original path that could identify: e.g. "#12 sha256:3fa1…". */
  input: string;
  /** Path of the output inside the archive or folder, or null when nothing was written. */
  output: string | null;
  status: ReportStatus;
  error: string | null;
  warnings: string[];
  actions: ActionCounts;
  /** Leak gate findings (status flagged): attribute, where found, keyed digest of the value. */
  leaks?: ReportedLeak[];
  /** A flagged output the operator released into the export. */
  released?: boolean;
  /**
   * Burned-in text review (issue 4), for images likely to carry it and images marked clean:
   * "redacted" (boxes applied, marked by the operator), "confirmed-clean" (reviewed, no text;
   * 113101 + BurnedInAnnotation NO), "unreviewed" (exported without review).
   */
  burnedInReview?: 'redacted' | 'confirmed-clean' | 'unreviewed';
  /** Why the image was a review candidate: burned-in-annotation, modality, image-type, ocr-text. */
  reviewReasons?: string[];
  /** Redaction boxes applied to the image (drawn, OCR-accepted or from a template). */
  redactionBoxes?: number;
}

/** The JSON report: `{"files":[…]}` plus optional run facts that carry no identifying value. */
export function reportJson(files: ReportFileEntry[], run: Record<string, unknown> = {}): string {
  const summary = {
    files: files.length,
    ok: files.filter((f) => f.status === 'ok').length,
    flagged: files.filter((f) => f.status === 'flagged').length,
    released: files.filter((f) => f.status === 'flagged' && f.released === true).length,
    refused: files.filter((f) => f.status === 'refused').length,
    skipped: files.filter((f) => f.status === 'skipped').length,
  };
  return JSON.stringify({ ...run, summary, files }, null, 2) + '\n';
}
