// The bookkeeping of one export, file by file in load order: the report entry, the failure list,
// the mapping pairs of written outputs, output path claims, and the audit entries. A clean
// output is queued for writing; a flagged one (leak gate hit) is held back as a Blob until the
// operator decides: released outputs are written and logged with a release entry, the others
// stay out with their reason in plain words.

import { inputLabel } from '../workspace/output-naming.ts';
import { duplicateInput, OutputClaims } from '../core/deid/output-claims.ts';
import type { ReportFileEntry } from '../core/report/batch-report.ts';
import type { ExportedFile } from '../pipeline/export-file.ts';
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
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export class ExportResults {
  readonly entries: ReportFileEntry[];
  readonly failures: ExportFailure[] = [];
  readonly uids = new Map<string, string>();
  readonly patientIds = new Map<string, string>();
  /** The same name rule as the CLI: a byte-identical input is a duplicate, another input with a taken name gets a suffix. */
  private readonly claims = new OutputClaims();
  private readonly held: Held[] = [];
  written = 0;
  bytesOut = 0;
  gateMs = 0;

  constructor(
    private readonly files: readonly ExportInput[],
    private readonly audit: ExportAudit,
    private readonly write: (path: string, bytes: Uint8Array, crc32?: number | null) => Promise<void>,
  ) {
    this.entries = new Array(files.length);
  }

  /** Book the result of files[index]; returns the work to run in the (serial) write chain. */
  accept(index: number, r: ExportedFile): () => Promise<void> {
    const f = this.files[index];
    const label = inputLabel(f.id, r.sha256 || EMPTY_SHA256);
    const entry: ReportFileEntry = { input: label, output: null, status: r.status, error: r.error && inEnglish(r.error), warnings: r.warnings.map(inEnglish), actions: r.counts, leaks: r.leaks, released: false };
    this.entries[index] = entry;
    this.gateMs += r.gateMs;
    const facts: FileFacts = {
      index: f.id, sha256: r.sha256 || null, status: r.status, output: null, outputSha256: null, counts: r.counts, leaks: r.leaks, bytesIn: r.bytesIn, bytesOut: 0,
    };
    const fail = () => this.failures.push({ input: label, name: f.name, status: entry.status as ExportFailure['status'], error: entry.error ?? 'no reason given', ...(r.error && entry.status === r.status ? { message: r.error } : {}) });
    if (r.status === 'flagged' && r.bytes && r.path) {
      this.held.push({ index, entry, facts: { ...facts, released: false }, path: r.path, blob: new Blob([r.bytes as Uint8Array<ArrayBuffer>]), outputSha256: r.outputSha256 ?? '', crc32: r.crc32 ?? null, uids: r.uids, patientIds: r.patientIds });
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
          this.kept(entry, facts, path, bytes.length, r.outputSha256, r.uids, r.patientIds);
          this.audit.file(facts);
        };
      }
      if ('duplicateOf' in answer) {
        entry.status = facts.status = 'duplicate';
        entry.error = inEnglish(duplicateInput({ first: answer.duplicateOf }));
        return async () => this.audit.file(facts);
      }
    }
    if (entry.status !== 'ok') fail();
    return async () => this.audit.file(facts);
  }

  private kept(entry: ReportFileEntry, facts: FileFacts, path: string, size: number, sha: string | null, uids: [string, string][], pats: [string, string][]): void {
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
          entry.status = facts.status = 'duplicate';
          entry.error = inEnglish(duplicateInput({ first: 'duplicateOf' in answer ? answer.duplicateOf : '?' }));
          this.replaceFailure(entry);
        } else {
          h.path = answer.path;
          if (answer.warning) entry.warnings.push(inEnglish(answer.warning));
          const bytes = new Uint8Array(await h.blob.arrayBuffer());
          await this.write(h.path, bytes, h.crc32);
          this.kept(entry, facts, h.path, bytes.length, h.outputSha256, h.uids, h.patientIds);
          entry.released = facts.released = true;
          const n = new Set(facts.leaks.map((l) => l.valueHash)).size;
          entry.error = `released by the operator${d.reviewer ? ' and a second reviewer' : ''}: the leak gate found ${n} identifying value${n === 1 ? '' : 's'} of the original in the output`;
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
    if (i >= 0) this.failures[i] = { input: entry.input, name: this.failures[i].name, status: 'refused', error: entry.error ?? '' };
  }

  summary(): { files: number; ok: number; flagged: number; released: number; refused: number; skipped: number } {
    const count = (s: string) => this.entries.filter((e) => e.status === s).length;
    return {
      files: this.entries.length, ok: count('ok'), flagged: count('flagged'), released: this.entries.filter((e) => e.status === 'flagged' && e.released).length,
      refused: count('refused'), skipped: count('skipped'),
    };
  }
}
