// The bookkeeping of one export, file by file in load order: the report entry, the failure list,
// the mapping pairs of written outputs, output path claims, and the audit entries. A clean
// output is queued for writing; a flagged one (leak gate hit) is held back as a Blob until the
// operator decides: released outputs are written and logged with a release entry, the others
// stay out with their reason in plain words.

import { inputLabel } from '../workspace/output-naming.ts';
import { duplicateInput, OutputClaims } from '../core/deid/output-claims.ts';
import type { ReportFileEntry } from '../core/report/batch-report.ts';
import type { ExportedFile } from '../pipeline/export-file.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';
import type { Message } from '../core/messages/message.ts';
import { notice } from '../core/messages/notice.ts';
import { inEnglish } from '../i18n/render-code.ts';
import type { ExportAudit, FileFacts } from './export-audit.ts';
import type { ReleaseDecision } from './release.ts';
import type { ExportFailure, FlaggedFile } from './store.ts';

export interface ExportInput {
  id: number;
  name: string;
}

interface Held {
  index: number;
  entry: ReportFileEntry;
  facts: FileFacts;
  path: string;
  blob: Blob;
  outputSha256: string;
  crc32: number | null;
  uids: [string, string][];
  patientIds: [string, string][];
  directoryEntry?: DirectoryEntry;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export class ExportResults {
  readonly entries: ReportFileEntry[];
  readonly failures: ExportFailure[] = [];
  private readonly reasons = new Map<ReportFileEntry, Message>();
  readonly uids = new Map<string, string>();
  readonly patientIds = new Map<string, string>();
  /** Export "For CD/USB": the DICOMDIR entries of the outputs written. */
  readonly directory: DirectoryEntry[] = [];
  /**
   * The same name rule as the CLI: a byte-identical input is a duplicate, another input with a
   * taken name gets a suffix ("For CD/USB": is refused, as under --dicomdir).
   */
  private readonly claims: OutputClaims;
  private readonly held: Held[] = [];
  written = 0;
  bytesOut = 0;
  gateMs = 0;

  constructor(
    private readonly files: readonly ExportInput[],
    private readonly audit: ExportAudit,
    private readonly write: (path: string, bytes: Uint8Array, crc32?: number | null) => Promise<void>,
    media = false,
  ) {
    this.entries = new Array(files.length);
    this.claims = new OutputClaims(undefined, !media);
  }

  /** Book the result of files[index]; returns the work to run in the (serial) write chain. */
  accept(index: number, r: ExportedFile): () => Promise<void> {
    const f = this.files[index];
    const label = inputLabel(f.id, r.sha256 || EMPTY_SHA256);
    const entry: ReportFileEntry = { input: label, output: null, status: r.status, error: null, warnings: r.warnings.map(inEnglish), actions: r.counts, leaks: r.leaks, released: false };
    this.entries[index] = entry;
    if (r.error) this.because(entry, r.error);
    this.gateMs += r.gateMs;
    const facts: FileFacts = {
      index: f.id, sha256: r.sha256 || null, status: r.status, output: null, outputSha256: null, counts: r.counts, leaks: r.leaks, bytesIn: r.bytesIn, bytesOut: 0,
    };
    const fail = () => this.failures.push({ input: label, name: f.name, status: entry.status as ExportFailure['status'], message: this.reasons.get(entry) ?? notice('noReason') });
    if (r.status === 'flagged' && r.bytes && r.path) {
      this.held.push({ index, entry, facts: { ...facts, released: false }, path: r.path, blob: new Blob([r.bytes as Uint8Array<ArrayBuffer>]), outputSha256: r.outputSha256 ?? '', crc32: r.crc32 ?? null, uids: r.uids, patientIds: r.patientIds, directoryEntry: r.directoryEntry });
      fail();
      return async () => {};
    }
    if (r.status === 'ok' && r.bytes && r.path) {
      const answer = this.claims.claim(r.path, label, r.sha256 || null);
      if ('path' in answer) {
        const bytes = r.bytes;
        const path = answer.path;
        if (answer.warning) entry.warnings.push(inEnglish(answer.warning));
        return async () => {
          await this.write(path, bytes, r.crc32);
          this.kept(entry, facts, path, bytes.length, r.outputSha256, r.uids, r.patientIds, r.directoryEntry);
          this.audit.file(facts);
        };
      }
      if ('duplicateOf' in answer) {
        entry.status = facts.status = 'duplicate';
        this.because(entry, duplicateInput({ first: answer.duplicateOf }));
        return async () => this.audit.file(facts);
      }
      entry.status = facts.status = 'refused';
      this.because(entry, answer.error);
    }
    if (entry.status !== 'ok') fail();
    return async () => this.audit.file(facts);
  }

  /** The entry's reason: in English in report.json, as a Message for the screen. */
  private because(entry: ReportFileEntry, reason: Message): void {
    entry.error = inEnglish(reason);
    this.reasons.set(entry, reason);
  }

  private kept(entry: ReportFileEntry, facts: FileFacts, path: string, size: number, sha: string | null, uids: [string, string][], pats: [string, string][], dir?: DirectoryEntry): void {
    if (dir) this.directory.push(dir);
    entry.output = facts.output = path;
    facts.outputSha256 = sha;
    facts.bytesOut = size;
    this.written++;
    this.bytesOut += size;
    for (const [o, n] of uids) this.uids.set(o, n);
    for (const [o, n] of pats) this.patientIds.set(o, n);
  }

  /** The flagged files waiting for a decision, as the dialog lists them. */
  flagged(): FlaggedFile[] {
    return this.held.map((h) => ({ input: h.entry.input, name: this.files[h.index].name, leaks: h.entry.leaks ?? [] }));
  }

  /** Apply the operator's decision to every held file, in load order. */
  async decide(d: ReleaseDecision, operator: string | null): Promise<void> {
    for (const h of this.held) {
      const { entry, facts } = h;
      if (d.release) {
        const answer = this.claims.claim(h.path, entry.input, facts.sha256);
        if (!('path' in answer)) {
          entry.status = facts.status = 'duplicateOf' in answer ? 'duplicate' : 'refused';
          this.because(entry, 'duplicateOf' in answer ? duplicateInput({ first: answer.duplicateOf }) : answer.error);
          this.replaceFailure(entry);
        } else {
          h.path = answer.path;
          if (answer.warning) entry.warnings.push(inEnglish(answer.warning));
          const bytes = new Uint8Array(await h.blob.arrayBuffer());
          await this.write(h.path, bytes, h.crc32);
          this.kept(entry, facts, h.path, bytes.length, h.outputSha256, h.uids, h.patientIds, h.directoryEntry);
          entry.released = facts.released = true;
          const n = new Set(facts.leaks.map((l) => l.valueHash)).size;
          this.because(entry, d.reviewer ? (n === 1 ? notice('releasedReviewerOne') : notice('releasedReviewer', { n })) : n === 1 ? notice('releasedOne') : notice('released', { n }));
          const i = this.failures.findIndex((x) => x.input === entry.input);
          if (i >= 0) this.failures.splice(i, 1);
          this.audit.file(facts);
          this.audit.release({ ...facts, output: h.path, outputSha256: h.outputSha256 }, { operator, reviewer: d.reviewer });
          continue;
        }
      }
      this.audit.file(facts);
    }
    this.held.length = 0;
  }

  private replaceFailure(entry: ReportFileEntry): void {
    const i = this.failures.findIndex((x) => x.input === entry.input);
    if (i >= 0) this.failures[i] = { input: entry.input, name: this.failures[i].name, status: 'refused', message: this.reasons.get(entry) ?? notice('noReason') };
  }

  summary(): { files: number; ok: number; flagged: number; released: number; refused: number; skipped: number } {
    const count = (s: string) => this.entries.filter((e) => e.status === s).length;
    return {
      files: this.entries.length, ok: count('ok'), flagged: count('flagged'), released: this.entries.filter((e) => e.status === 'flagged' && e.released).length,
      refused: count('refused'), skipped: count('skipped'),
    };
  }
}
