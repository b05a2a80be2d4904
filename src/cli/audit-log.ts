// audit.jsonl in --out: the file side of the tamper-evident audit log (core/audit/chain.ts).
// A run appends to the log already in the folder after verifying it; a broken log is never
// extended (the run stops with a usage error), and a log whose last run was cut off gets a
// run-unterminated entry first. Each entry is written whole as soon as it exists; a write that
// fails part-way (disk full, I/O error) is cut back to the last whole entry, so the log never ends
// in half a line and `verify-audit` reads it as an interrupted run. After a failed append the log
// takes no more entries (the chain in memory has moved on); the file is synced when the run ends.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditChain, verifyAuditLog } from '../core/audit/chain.ts';
import type { AuditEvent } from '../core/audit/events.ts';
import { UsageError } from './args.ts';
import { errnoCode, WriteFault } from './write-fault.ts';

/** The two calls an append makes, replaceable in tests by a writer that fails like a full disk. */
export interface AuditWriter {
  write(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  truncate(fd: number, length: number): void;
}

const fileWriter: AuditWriter = {
  write: (fd, bytes, offset, length) => fs.writeSync(fd, bytes, offset, length),
  truncate: (fd, length) => fs.ftruncateSync(fd, length),
};

export const AUDIT_FILE = 'audit.jsonl';

/** node:crypto's SHA-256 of a string's UTF-8 bytes (the same digests as the core's default). */
export const nativeSha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class AuditLogFile {
  private fd: number | null;
  /** Bytes of whole entries in the file: where a failed append is cut back to. */
  private size: number;
  private failed: WriteFault | null = null;

  private constructor(
    readonly file: string,
    fd: number,
    private readonly chain: AuditChain,
    private readonly writer: AuditWriter,
  ) {
    this.fd = fd;
    this.size = fs.fstatSync(fd).size;
  }

  /** Open (or start) the log in `dir` for appending; throws UsageError when the existing log does not verify. */
  static open(dir: string, operator: string | null, now?: () => Date, writer: AuditWriter = fileWriter): AuditLogFile {
    const file = path.join(dir, AUDIT_FILE);
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const check = verifyAuditLog(text, nativeSha256Hex);
    if (check.problem?.kind === 'broken') {
      throw new UsageError(
        `${file} does not verify (line ${check.problem.line}: ${check.problem.reason}); a broken audit log is never extended`,
        `Keep it as evidence, move it out of the folder (or choose another --out), then run again. "veil verify-audit ${dir}" shows the problem.`,
      );
    }
    let fd: number;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fd = fs.openSync(file, 'a', 0o644);
    } catch (err) {
      const code = errnoCode(err);
      if (code) throw new WriteFault(code, 'the audit log', file);
      throw err;
    }
    const log = new AuditLogFile(file, fd, new AuditChain({ prev: check.tail.prev, nextSeq: check.tail.nextSeq, operator, now, sha256Hex: nativeSha256Hex }), writer);
    if (check.problem?.kind === 'unterminated' && check.tail.openRunLine !== null) log.append('run-unterminated', { runStartLine: check.tail.openRunLine });
    return log;
  }

  /** Append one whole entry; throws a WriteFault (and takes no more entries) when the write fails. */
  append(event: AuditEvent, payload: object): void {
    if (this.fd === null) throw new Error('the audit log is closed');
    if (this.failed) throw this.failed;
    const { line } = this.chain.append(event, payload as Record<string, unknown>);
    const bytes = Buffer.from(line + '\n', 'utf8');
    let at = 0;
    try {
      while (at < bytes.length) at += this.writer.write(this.fd, bytes, at, bytes.length - at);
      this.size += bytes.length;
    } catch (err) {
      const code = errnoCode(err) ?? 'EIO';
      this.failed = new WriteFault(code, 'the audit log', this.file);
      // Cut back to the last whole entry: never half a line.
      try {
        if (at > 0) this.writer.truncate(this.fd, this.size);
      } catch {
        this.failed = new WriteFault(code, 'the audit log (and it could not be cut back to its last whole entry)', this.file);
      }
      throw this.failed;
    }
  }

  /** The write failure that stopped this log, if any. */
  get failure(): WriteFault | null {
    return this.failed;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fs.fsyncSync(fd);
    } catch (err) {
      const code = errnoCode(err);
      if (code && !this.failed) throw new WriteFault(code, 'the audit log', this.file);
    } finally {
      fs.closeSync(fd);
    }
  }
}
