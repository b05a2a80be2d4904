// The audit log of one app export (audit.jsonl inside the ZIP or folder): the CLI's event
// shapes (core/audit/events.ts) chained with core's AuditChain — run-start, options, one file
// entry per input, a release entry per released flagged file, export, run-end. Nothing
// identifying goes in: inputs by index (the report's "#<index + 1>") and SHA-256, outputs by
// their new-UID path inside the archive and SHA-256, findings by keyed digest; no names, IDs,
// original UIDs or original file paths. The operator's and reviewer's names are the point.
// Each file entry also carries its burned-in-text review (status, reason codes, box count) when
// it has one, the same fields as report.json, so the review is covered by the chain too.

import { AuditChain } from '../core/audit/chain.ts';
import {
  outputRef, type FilePayload, type OptionsPayload, type ReleasePayload, type RunEndPayload, type RunStartPayload,
} from '../core/audit/events.ts';
import { keyFingerprint } from '../core/audit/hashing.ts';
import type { ActionCounts } from '../core/deid/plan.ts';
import type { ReportedLeak } from '../core/leak/gate.ts';
import type { ProfileOptions } from '../core/profile/options.ts';

export const AUDIT_JSONL = 'audit.jsonl';

export interface ExportFacts {
  version: string;
  key: Uint8Array;
  inputs: number;
  options: ProfileOptions;
  requireReviewer: boolean;
  mapping: boolean;
  jobs: number;
  operator: string | null;
  now?: () => Date;
  /** The burned-in-text review fields of a file, by its index (empty object: none). */
  reviewOf?: (index: number) => ReviewFields;
}

/** The review fields a file entry may carry (see FilePayload). */
export type ReviewFields = Pick<FilePayload, 'burnedInReview' | 'reviewReasons' | 'redactionBoxes' | 'redactionRegions'>;

/** One input's outcome as the log records it. */
export interface FileFacts {
  index: number;
  sha256: string | null;
  status: FilePayload['status'];
  /** Path inside the archive when an output was written (always a new-UID path). */
  output: string | null;
  outputSha256: string | null;
  released?: boolean;
  counts: ActionCounts;
  leaks: readonly ReportedLeak[];
  bytesIn: number;
  bytesOut: number;
}

/** Only the known fields, only when set (a status code, reason codes, a count: nothing else). */
function reviewFields(r: ReviewFields | undefined): ReviewFields {
  if (!r) return {};
  return {
    ...(r.burnedInReview ? { burnedInReview: r.burnedInReview } : {}),
    ...(r.reviewReasons?.length ? { reviewReasons: [...r.reviewReasons] } : {}),
    ...(r.redactionBoxes ? { redactionBoxes: r.redactionBoxes } : {}),
    ...(r.redactionRegions?.length ? { redactionRegions: r.redactionRegions } : {}),
  };
}

export class ExportAudit {
  private readonly chain: AuditChain;
  private readonly lines: string[] = [];

  constructor(readonly facts: ExportFacts) {
    this.chain = new AuditChain({ operator: facts.operator, now: facts.now });
    const start: RunStartPayload = {
      tool: 'veil', version: facts.version, command: 'export', reviewer: null, keyFingerprint: keyFingerprint(facts.key), inputs: facts.inputs,
    };
    const options: OptionsPayload = {
      profile: { ...facts.options }, rename: true, allowFlagged: false, requireReviewer: facts.requireReviewer, mapping: facts.mapping, jobs: facts.jobs,
    };
    this.append('run-start', start);
    this.append('options', options);
  }

  private append(event: string, payload: object): void {
    this.lines.push(this.chain.append(event, payload as Record<string, unknown>).line);
  }

  file(f: FileFacts): void {
    const p: FilePayload = {
      index: f.index, sha256: f.sha256, status: f.status, ...(f.output ? outputRef(f.output, true) : {}),
      outputSha256: f.output ? f.outputSha256 : null,
      ...(f.status === 'flagged' ? { released: f.released === true } : {}),
      counts: f.counts, leaks: f.leaks.length, ...(f.leaks.length ? { leakDigests: [...new Set(f.leaks.map((l) => l.valueHash))] } : {}),
      bytesIn: f.bytesIn, bytesOut: f.bytesOut, ...reviewFields(this.facts.reviewOf?.(f.index)),
    };
    this.append('file', p);
  }

  release(f: FileFacts & { output: string; outputSha256: string }, by: { operator: string | null; reviewer: string | null }): void {
    const p: ReleasePayload = {
      index: f.index, sha256: f.sha256, ...outputRef(f.output, true), outputSha256: f.outputSha256, leaks: [...f.leaks],
      releasedBy: by.operator, reviewer: by.reviewer, reviewerConfirmed: by.reviewer !== null,
    };
    this.append('release', p);
  }

  /** The export itself: where it went (kind only), what it holds; then run-end. Returns the log's text. */
  finish(exported: { target: 'zip' | 'folder'; outputs: number; bytesOut: number }, end: RunEndPayload): string {
    this.append('export', exported);
    this.append('run-end', end);
    return this.text();
  }

  text(): string {
    return this.lines.map((l) => l + '\n').join('');
  }
}
