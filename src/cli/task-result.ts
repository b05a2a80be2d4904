// What `veil anonymize` hands a worker for one input (Task) and what comes back (TaskResult):
// plain, structured-clone friendly data shared by the pool, the worker threads, the report and
// the audit log.

import type { ReportedLeak } from '../core/leak/gate.ts';
import type { FileResult } from '../core/deid/process-file.ts';
import type { FileStatus } from '../core/deid/file-contract.ts';
import type { ActionCounts } from '../core/deid/plan.ts';
import type { Message } from '../core/messages/message.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';

export interface Task {
  index: number;
  input: string;
  abs: string;
  /** Output path relative to --out when mirroring. */
  rel: string;
  skip?: Message;
  /** Warnings reported with a skipped input (a DICOMDIR's missing files). */
  skipWarnings?: Message[];
}

/** `duplicate`: byte-identical to an input that has the output (see output-claims.ts). */
export type Status = FileStatus | 'duplicate';

export interface TaskResult {
  index: number;
  status: Status;
  /** Absolute output path, or null. */
  output: string | null;
  /** The reason (refused, skipped, flagged) in English, and as a code when the contract gave one. */
  error: string | null;
  reason?: Message | null;
  /** Warnings in English, and as codes. */
  warnings: string[];
  warningMessages?: Message[];
  actions: ActionCounts;
  transferSyntax: string | null;
  sopClassUID: string | null;
  bytesIn: number;
  bytesOut: number;
  ms: number;
  /** original → new pairs handed out for this file (only for kept outputs). */
  uids: [string, string][];
  patientIds: [string, string][];
  /** SHA-256 of the input, or null when it could not be read. */
  sha256: string | null;
  /** SHA-256 of the kept output, or null. */
  outputSha256: string | null;
  /** Leak gate findings (status flagged), as digests and attribute names. */
  leaks: ReportedLeak[];
  /** A flagged output kept because of --allow-flagged. */
  released: boolean;
  /** Milliseconds the leak gate took (0 when it did not run). */
  gateMs: number;
  /** --dicomdir: what the DICOMDIR says of this kept output (read from its written bytes). */
  directoryEntry?: DirectoryEntry;
  /** --redact: the boxes applied to this file and the templates they came from (for the audit log). */
  redaction?: FileResult['redaction'];
  /** Writing the output failed on the disk (errno code and the path): the run decides whether to stop. */
  fault?: { code: string; where: string };
  /** Status duplicate: the input whose bytes these are, which has the output. */
  duplicateOf?: string;
}
