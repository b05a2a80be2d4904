// The audit events and their payloads, shared by the CLI and the app so both write the same
// log. What an entry may hold (PS3.15 E.1: the log travels with de-identified data, so it must
// not re-identify it): hashes, counts, options, attribute names, and the operator's and
// reviewer's names (the point of an audit log). Never a patient name, ID, date, original UID or
// original file path. An input is named by its index in the run and the SHA-256 of its bytes.
// An output is named by the SHA-256 of its bytes, and by its relative path only when that path
// is built from new UIDs (--rename / the app's UID layout); a mirrored path can repeat folder
// names of the originals (patient names, IDs), so it is logged as the SHA-256 of the path, which
// verification recomputes from the files it finds.

import type { ActionCounts } from '../deid/plan.ts';
import type { ProfileOptions } from '../profile/options.ts';
import type { ReportedLeak } from '../leak/gate.ts';
import { sha256Hex } from './hashing.ts';

export type AuditEvent = 'run-start' | 'options' | 'file' | 'release' | 'export' | 'run-end' | 'run-unterminated';

/** `duplicate`: byte-identical to an input of the run that has the output (CLI). */
export type FileStatus = 'ok' | 'flagged' | 'refused' | 'skipped' | 'duplicate';

export interface RunStartPayload {
  tool: string;
  version: string;
  /** 'anonymize' (CLI) or 'export' (app). */
  command: string;
  /** Second named person for releases (--reviewer), or null. */
  reviewer: string | null;
  /** Fingerprint of the project key (keyFingerprint), never the key. */
  keyFingerprint: string;
  inputs: number;
}

export interface OptionsPayload {
  profile: ProfileOptions;
  rename: boolean;
  allowFlagged: boolean;
  requireReviewer: boolean;
  /** Whether a mapping CSV was given (not its path). */
  mapping: boolean;
  jobs?: number;
}

/** How a file entry names its output: by new-UID path, or by the hash of a mirrored path. */
export interface OutputRef {
  output?: string;
  outputPathSha256?: string;
}

/** Relative output paths use "/" in the log, whatever the platform. */
export const portablePath = (relativePath: string): string => relativePath.split(/[\\/]+/).filter(Boolean).join('/');

export function outputRef(relativePath: string, namedByNewUids: boolean): OutputRef {
  const p = portablePath(relativePath);
  return namedByNewUids ? { output: p } : { outputPathSha256: sha256Hex(p) };
}

export interface FilePayload extends OutputRef {
  index: number;
  /** SHA-256 of the input's bytes, or null when it could not be read. */
  sha256: string | null;
  status: FileStatus;
  /** SHA-256 of the output as written, or null when none was kept. */
  outputSha256: string | null;
  released?: boolean;
  counts?: ActionCounts;
  /** Leak gate: how many findings, and their keyed digests (leakDigest). */
  leaks: number;
  leakDigests?: string[];
  bytesIn: number;
  bytesOut: number;
  /**
   * Burned-in text (issue 4): the review status of an image that is a review candidate or was
   * marked ('redacted' | 'confirmed-clean' | 'unreviewed'), the reason codes that made it a
   * candidate, how many redaction boxes applied, and the names of the redaction templates that
   * matched it (CLI --redact). Codes, counts and template names only, never a value.
   */
  burnedInReview?: 'redacted' | 'confirmed-clean' | 'unreviewed';
  reviewReasons?: string[];
  redactionBoxes?: number;
  redactionTemplates?: string[];
  /** The boxes applied, in image pixels (origin top-left; frames 0-based, absent = every frame). */
  redactionRegions?: AuditRegion[];
}

export interface AuditRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  frames?: number[];
}

/** Box geometry for the audit log: numbers only, frames copied. */
export function auditRegions(boxes: readonly AuditRegion[]): AuditRegion[] {
  return boxes.map(({ x, y, width, height, frames }) => ({ x, y, width, height, ...(frames ? { frames: [...frames] } : {}) }));
}

export interface ReleasePayload extends OutputRef {
  index: number;
  sha256: string | null;
  outputSha256: string;
  /** Findings released (digest, kind, attribute names, where found; no values). */
  leaks: ReportedLeak[];
  releasedBy: string | null;
  reviewer: string | null;
  /** The reviewer named on the command line confirmed this release (two-person rule). */
  reviewerConfirmed: boolean;
}

/** A run's files by outcome: the CLI's summary and the audit log's run-end count them alike. */
export interface RunCounts {
  files: number;
  ok: number;
  /** Flagged by the leak gate (released ones included). */
  flagged: number;
  released: number;
  refused: number;
  skipped: number;
}

export interface RunEndPayload extends RunCounts {
  /** Inputs byte-identical to one that has the output (only when there were any). */
  duplicates?: number;
  interrupted: boolean;
  seconds: number;
  /** SHA-256 of the files written besides the outputs (report, mapping CSVs), by role. */
  written?: Record<string, string>;
}

export interface RunUnterminatedPayload {
  /** Line of the run-start whose run has no run-end. */
  runStartLine: number;
}
