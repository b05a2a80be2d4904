// audit.jsonl in --out: the file side of the tamper-evident audit log (core/audit/chain.ts).
// A run appends to the log already in the folder after verifying it; a broken log is never
// extended (the run stops with a usage error), and a log whose last run was cut off gets a
// run-unterminated entry first. Each entry is written with one append as soon as it exists, so
// a crash loses at most the entry being written; the file is synced when the run ends.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditChain, verifyAuditLog } from '../core/audit/chain.ts';
import type { AuditEvent } from '../core/audit/events.ts';
import { UsageError } from './args.ts';

export const AUDIT_FILE = 'audit.jsonl';

/** node:crypto's SHA-256 of a string's UTF-8 bytes (the same digests as the core's default). */
const nativeSha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class AuditLogFile {
  private fd: number | null;

  private constructor(
    readonly file: string,
    fd: number,
    private readonly chain: AuditChain,
  ) {
    this.fd = fd;
  }

  /** Open (or start) the log in `dir` for appending; throws UsageError when the existing log does not verify. */
  static open(dir: string, operator: string | null, now?: () => Date): AuditLogFile {
    const file = path.join(dir, AUDIT_FILE);
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const check = verifyAuditLog(text);
    if (check.problem?.kind === 'broken') {
      throw new UsageError(
        `${file} does not verify (line ${check.problem.line}: ${check.problem.reason}); a broken audit log is never extended`,
        `Keep it as evidence, move it out of the folder (or choose another --out), then run again. "veil verify-audit ${dir}" shows the problem.`,
      );
    }
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(file, 'a', 0o644);
    const log = new AuditLogFile(file, fd, new AuditChain({ prev: check.tail.prev, nextSeq: check.tail.nextSeq, operator, now, sha256Hex: nativeSha256Hex }));
    if (check.problem?.kind === 'unterminated' && check.tail.openRunLine !== null) log.append('run-unterminated', { runStartLine: check.tail.openRunLine });
    return log;
  }

  append(event: AuditEvent, payload: object): void {
    if (this.fd === null) throw new Error('the audit log is closed');
    const { line } = this.chain.append(event, payload as Record<string, unknown>);
    const bytes = Buffer.from(line + '\n', 'utf8');
    let at = 0;
    while (at < bytes.length) at += fs.writeSync(this.fd, bytes, at, bytes.length - at);
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
