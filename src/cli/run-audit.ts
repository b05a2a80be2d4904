// The audit entries of a `veil anonymize` run, built from the command line and the per-file
// results (payload shapes: core/audit/events.ts). Nothing identifying goes in: inputs are named
// by index and SHA-256, outputs by SHA-256 and — unless --keep-paths, as their paths are new UIDs —
// by relative path (mirrored paths by the SHA-256 of the path); errors by status, not text
// (an error message can quote a path). A file redacted with --redact records how many boxes
// were burned in and the names of the templates that matched it (names the operator gave the
// device templates, never a value of the file).

import * as path from 'node:path';
import { keyFingerprint } from '../core/audit/hashing.ts';
import {
  outputRef, type FilePayload, type OptionsPayload, type ReleasePayload, type RunEndPayload, type RunStartPayload,
} from '../core/audit/events.ts';
import type { ProfileOptions } from '../core/profile/options.ts';
import type { TaskResult } from './process-one.ts';
import type { Summary } from './report.ts';

export interface RunFacts {
  version: string;
  key: Uint8Array;
  inputs: number;
  options: ProfileOptions;
  rename: boolean;
  allowFlagged: boolean;
  requireReviewer: boolean;
  mapping: boolean;
  jobs: number;
  operator: string | null;
  reviewer: string | null;
  outDir: string;
}

export const runStartPayload = (f: RunFacts): RunStartPayload => ({
  tool: 'veil', version: f.version, command: 'anonymize', reviewer: f.reviewer, keyFingerprint: keyFingerprint(f.key), inputs: f.inputs,
});

export const optionsPayload = (f: RunFacts): OptionsPayload => ({
  profile: { ...f.options }, rename: f.rename, allowFlagged: f.allowFlagged, requireReviewer: f.requireReviewer, mapping: f.mapping, jobs: f.jobs,
});

const refOf = (r: TaskResult, f: RunFacts) => (r.output ? outputRef(path.relative(f.outDir, r.output), f.rename) : {});

export function filePayload(r: TaskResult, f: RunFacts): FilePayload {
  return {
    index: r.index, sha256: r.sha256, status: r.status, ...refOf(r, f),
    outputSha256: r.output ? r.outputSha256 : null,
    ...(r.status === 'flagged' ? { released: r.released } : {}),
    counts: r.actions, leaks: r.leaks.length, ...(r.leaks.length ? { leakDigests: [...new Set(r.leaks.map((l) => l.valueHash))] } : {}),
    bytesIn: r.bytesIn, bytesOut: r.bytesOut,
    ...(r.redaction && r.redaction.boxes > 0 ? { redactionBoxes: r.redaction.boxes, redactionTemplates: [...r.redaction.templates], redactionRegions: r.redaction.regions } : {}),
  };
}

export function releasePayload(r: TaskResult, f: RunFacts): ReleasePayload {
  return {
    index: r.index, sha256: r.sha256, ...refOf(r, f), outputSha256: r.outputSha256 ?? '', leaks: r.leaks,
    releasedBy: f.operator, reviewer: f.reviewer, reviewerConfirmed: f.reviewer !== null,
  };
}

export const runEndPayload = (s: Summary, interrupted: boolean, written: Record<string, string>): RunEndPayload => ({
  files: s.files, ok: s.ok, flagged: s.flagged, released: s.released, refused: s.refused, skipped: s.skipped, ...(s.duplicates ? { duplicates: s.duplicates } : {}), interrupted, seconds: s.seconds, written,
});

/**
 * The release rules: --require-reviewer with --allow-flagged needs --operator and --reviewer,
 * two different people. Returns an error in words, or null.
 */
export function releaseRuleError(o: { allowFlagged: boolean; requireReviewer: boolean; operator: string | null; reviewer: string | null }): string | null {
  if (!o.allowFlagged || !o.requireReviewer) {
    if (o.reviewer !== null && o.operator !== null && same(o.reviewer, o.operator)) return '--reviewer must name another person than --operator';
    return null;
  }
  if (o.operator === null || o.reviewer === null) return '--require-reviewer: releasing flagged files (--allow-flagged) needs --operator NAME and --reviewer NAME';
  if (same(o.operator, o.reviewer)) return '--require-reviewer: the reviewer must be another person than the operator';
  return null;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
