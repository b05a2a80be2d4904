// The tamper-evident audit log (JSON Lines): one canonical-JSON entry per line, each holding
// `prev`, the SHA-256 of the previous line's exact bytes, and `hash`, the SHA-256 of its own
// canonical JSON without `hash`. Changing any line breaks its own hash (or, if the hash was
// recomputed, the next line's `prev`); removing or inserting a line breaks the next `prev` and
// the `seq` count; removing the first line leaves a first `prev` that is not the genesis value.
// Decisions (documented in the CLI help):
// - The first entry of a log has prev = 64 zeros. A later run writing to the same folder
//   appends to the same log and chains on to its last line (seq continues), after verifying it:
//   a broken log is never extended.
// - Every run ends with a run-end entry; a log whose last run has none was cut off (or the run
//   was killed), which verification reports, so dropping the tail of a log does not go unseen.
//   The next run into the folder then records that with a run-unterminated entry, which closes
//   the open run (the log keeps saying so), instead of refusing to work.
// - ts is UTC ISO 8601 with milliseconds (Date.prototype.toISOString).
// Entries hold no identifying value: callers pass hashes, counts and attribute names only.

import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hashing.ts';

export const GENESIS_PREV = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  ts: string;
  operator: string | null;
  event: string;
  payload: Record<string, unknown>;
  prev: string;
  hash: string;
}

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex (default: @noble/hashes; the CLI passes node:crypto's). */
export type TextSha256 = (text: string) => string;

export const entryHash = (e: Omit<AuditEntry, 'hash'>, hash: TextSha256 = sha256Hex): string =>
  hash(canonicalJson({ seq: e.seq, ts: e.ts, operator: e.operator, event: e.event, payload: e.payload, prev: e.prev }));

export const lineHash = (line: string, hash: TextSha256 = sha256Hex): string => hash(line);

export interface ChainOptions {
  /** Hash of the last line of an existing log (GENESIS_PREV for a new one). */
  prev?: string;
  /** seq of the first entry written (1 for a new log). */
  nextSeq?: number;
  operator: string | null;
  now?: () => Date;
  /** The SHA-256 to use (same digests whichever): a native one is cheaper per entry. */
  sha256Hex?: TextSha256;
}

/** Builds entries and their lines (without the newline), chained. */
export class AuditChain {
  private prev: string;
  private seq: number;
  private readonly now: () => Date;
  constructor(private readonly o: ChainOptions) {
    this.prev = o.prev ?? GENESIS_PREV;
    this.seq = o.nextSeq ?? 1;
    this.now = o.now ?? (() => new Date());
  }

  append(event: string, payload: Record<string, unknown>): { entry: AuditEntry; line: string } {
    // Round-trip through canonical JSON so the entry holds exactly what the line says. The
    // payload is serialised once: the hashed form and the line are put together around it, in
    // canonical key order (event, hash, operator, payload, prev, seq, ts), as canonicalJson would.
    const payloadJson = canonicalJson(payload);
    const cleanPayload = JSON.parse(payloadJson) as Record<string, unknown>;
    const base = { seq: this.seq, ts: this.now().toISOString(), operator: this.o.operator, event, payload: cleanPayload, prev: this.prev };
    const head = `{"event":${JSON.stringify(event)},`;
    const tail = `"operator":${canonicalJson(base.operator)},"payload":${payloadJson},"prev":${JSON.stringify(base.prev)},"seq":${canonicalJson(base.seq)},"ts":${JSON.stringify(base.ts)}}`;
    const hash = (this.o.sha256Hex ?? sha256Hex)(head + tail);
    const entry: AuditEntry = { ...base, hash };
    const line = `${head}"hash":${JSON.stringify(hash)},${tail}`;
    this.prev = lineHash(line, this.o.sha256Hex);
    this.seq++;
    return { entry, line };
  }

  get lastLineHash(): string {
    return this.prev;
  }
}

export interface ChainProblem {
  /** 1-based line number in the log. */
  line: number;
  reason: string;
  /** 'unterminated': the chain holds but the last run has no run-end (see the header). */
  kind: 'broken' | 'unterminated';
}

export interface ChainCheck {
  entries: AuditEntry[];
  /** The first problem, or undefined when the whole log holds. */
  problem?: ChainProblem;
  /** For appending: hash of the last line and the next seq, and the line of a run left open. */
  tail: { prev: string; nextSeq: number; openRunLine: number | null };
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function shapeProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'is not a JSON object';
  const x = e as Record<string, unknown>;
  if (!Number.isInteger(x.seq)) return 'has no whole-number seq';
  if (typeof x.ts !== 'string' || !ISO_MS.test(x.ts)) return 'has no UTC timestamp with milliseconds (ts)';
  if (!(x.operator === null || typeof x.operator === 'string')) return 'has an operator that is neither a name nor null';
  if (typeof x.event !== 'string' || x.event === '') return 'has no event';
  if (typeof x.payload !== 'object' || x.payload === null || Array.isArray(x.payload)) return 'has no payload object';
  if (typeof x.prev !== 'string' || !HEX64.test(x.prev)) return 'has no prev hash';
  if (typeof x.hash !== 'string' || !HEX64.test(x.hash)) return 'has no hash';
  const extra = Object.keys(x).filter((k) => !['seq', 'ts', 'operator', 'event', 'payload', 'prev', 'hash'].includes(k));
  return extra.length ? `has unexpected members (${extra.join(', ')})` : null;
}

/** Verify a whole log (the text of audit.jsonl). Stops at the first broken entry. `hash`: as ChainOptions.sha256Hex. */
export function verifyAuditLog(text: string, hash: TextSha256 = sha256Hex): ChainCheck {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_PREV;
  let nextSeq = 1;
  let openRun: number | null = null;
  const fail = (line: number, reason: string, kind: ChainProblem['kind'] = 'broken'): ChainCheck =>
    ({ entries, problem: { line, reason, kind }, tail: { prev, nextSeq, openRunLine: openRun } });
  if (text === '') return { entries, tail: { prev, nextSeq, openRunLine: null } };
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') return fail(lines.length + 1, 'the last line is incomplete (no newline at its end): the log was cut off while being written, or edited');
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i];
    let e: AuditEntry;
    try {
      e = JSON.parse(line) as AuditEntry;
    } catch {
      return fail(n, line === '' ? 'is empty' : 'is not valid JSON');
    }
    const shape = shapeProblem(e);
    if (shape) return fail(n, `entry ${shape}`);
    if (entryHash(e, hash) !== e.hash) return fail(n, `entry seq ${e.seq} (${e.event}) does not match its hash: the entry was changed`);
    if (canonicalJson(e) !== line) return fail(n, `entry seq ${e.seq} (${e.event}) is not written in canonical form: the line was edited`);
    if (e.prev !== prev) {
      return fail(n, n === 1
        ? `the first entry (seq ${e.seq}) does not start the chain (prev is not 64 zeros): entries before it were removed`
        : `entry seq ${e.seq} (${e.event}): prev does not match the hash of line ${n - 1}: a line before it was changed, removed or inserted`);
    }
    if (e.seq !== nextSeq) return fail(n, `entry seq ${e.seq} (${e.event}) should be seq ${nextSeq}: entries were removed or inserted`);
    if (e.event === 'run-start') {
      if (openRun !== null) return fail(openRun, `the run started at line ${openRun} has no run-end before the next run starts at line ${n}: entries were removed`);
      openRun = n;
    } else if (e.event === 'run-end' || e.event === 'run-unterminated') {
      if (openRun === null) return fail(n, `entry seq ${e.seq} (${e.event}) closes no run: the run-start before it was removed`);
      openRun = null;
    } else if (openRun === null) {
      return fail(n, `entry seq ${e.seq} (${e.event}) is outside any run: the run-start before it was removed`);
    }
    entries.push(e);
    prev = lineHash(line, hash);
    nextSeq = e.seq + 1;
  }
  if (openRun !== null) {
    return fail(lines.length, `the log ends at line ${lines.length} inside the run started at line ${openRun} (no run-end): entries at the end were removed, or the run was killed`, 'unterminated');
  }
  return { entries, tail: { prev, nextSeq, openRunLine: null } };
}
