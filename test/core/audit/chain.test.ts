// The tamper-evident audit log: canonical JSON, entries chained by the SHA-256 of the previous
// line and hashed over their own canonical JSON; verification names the first broken entry
// when any line is edited, removed, inserted or reordered, when the first lines are dropped,
// and when the log is cut off inside a run; appending chains on to an existing log.

import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../../src/core/audit/canonical-json.ts';
import { AuditChain, entryHash, GENESIS_PREV, lineHash, verifyAuditLog } from '../../../src/core/audit/chain.ts';
import { sha256Hex } from '../../../src/core/audit/hashing.ts';

const clock = () => {
  let t = Date.UTC(2026, 10, 28, 13, 5, 1, 123);
  return () => new Date((t += 7));
};

/** A log of `runs` runs, each: run-start, options, two files, run-end. */
function makeLog(runs = 1, operator: string | null = 'Alice'): { text: string; lines: string[] } {
  const lines: string[] = [];
  let prev = GENESIS_PREV;
  let nextSeq = 1;
  for (let r = 0; r < runs; r++) {
    const chain = new AuditChain({ prev, nextSeq, operator, now: clock() });
    const add = (event: string, payload: Record<string, unknown>) => lines.push(chain.append(event, payload).line);
    add('run-start', { tool: 'veil', version: '0.1.0', command: 'anonymize', reviewer: null, keyFingerprint: 'ab'.repeat(8), inputs: 2 });
    add('options', { profile: { retainUIDs: false }, rename: true });
    add('file', { index: 0, sha256: sha256Hex('a'), status: 'ok', outputSha256: sha256Hex('A'), output: '2.25.1/2.25.2/2.25.3.dcm', leaks: 0 });
    add('file', { index: 1, sha256: sha256Hex('b'), status: 'flagged', outputSha256: null, leaks: 2, leakDigests: ['0123456789abcdef'] });
    add('run-end', { files: 2, ok: 1, flagged: 1, released: 0, refused: 0, skipped: 0, interrupted: false, seconds: 0.5 });
    prev = chain.lastLineHash;
    nextSeq += 5;
  }
  return { text: lines.map((l) => l + '\n').join(''), lines };
}
const join = (lines: string[]) => lines.map((l) => l + '\n').join('');

describe('canonical JSON', () => {
  test('sorts keys at every depth, drops undefined members, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson('é"\n')).toBe('"é\\"\\n"');
    expect(() => canonicalJson({ x: NaN })).toThrow();
  });
});

describe('building the chain', () => {
  test('entries have seq, ISO timestamps with milliseconds, operator, event, payload, prev and hash', () => {
    const { lines } = makeLog();
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0].prev).toBe(GENESIS_PREV);
    for (let i = 1; i < lines.length; i++) expect(entries[i].prev).toBe(sha256Hex(lines[i - 1]));
    for (const e of entries) {
      expect(e.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(e.operator).toBe('Alice');
      const { hash, ...rest } = e;
      expect(hash).toBe(sha256Hex(canonicalJson(rest)));
      expect(hash).toBe(entryHash(rest));
    }
    expect(entries[0].ts).toBe('2026-11-28T13:05:01.130Z');
    expect(lines[0]).toBe(canonicalJson(entries[0]));
  });

  test('each line is the canonical JSON of its entry, whatever the payload and operator hold', () => {
    for (const operator of [null, 'Zhang "Wei" 张伟\\ops']) {
      const chain = new AuditChain({ operator, now: clock() });
      const { entry, line } = chain.append('run-start', { z: [3, { b: 'é\u2028"', a: -0 }], a: undefined, m: 1e21, k: { y: null, x: true } });
      expect(line).toBe(canonicalJson(entry));
      const { hash, ...rest } = entry;
      expect(hash).toBe(sha256Hex(canonicalJson(rest)));
      expect(verifyAuditLog(line + '\n').problem).toMatchObject({ kind: 'unterminated' });
    }
  });

  test('a later run chains on to the last line of the log', () => {
    const { text, lines } = makeLog(2);
    expect(JSON.parse(lines[5]).prev).toBe(lineHash(lines[4]));
    expect(JSON.parse(lines[5]).seq).toBe(6);
    const check = verifyAuditLog(text);
    expect(check.problem).toBeUndefined();
    expect(check.entries).toHaveLength(10);
    expect(check.tail).toEqual({ prev: lineHash(lines[9]), nextSeq: 11, openRunLine: null });
  });

  test('an empty log verifies and starts at the genesis value', () => {
    expect(verifyAuditLog('')).toEqual({ entries: [], tail: { prev: GENESIS_PREV, nextSeq: 1, openRunLine: null } });
  });
});

describe('verification finds the first broken entry', () => {
  const { lines } = makeLog(2);

  test.each(lines.map((_, i) => i))('editing line %i breaks that entry', (i) => {
    const edited = [...lines];
    edited[i] = edited[i].replace(/"seq":(\d+)/, (_, n) => `"seq":${Number(n) + 100}`);
    expect(verifyAuditLog(join(edited)).problem).toMatchObject({ line: i + 1, kind: 'broken', reason: expect.stringMatching(/does not match its hash/) });
  });

  test('verifies the same with the SHA-256 handed in (the CLI passes node:crypto\'s), and uses it', () => {
    const { text } = makeLog(2);
    let calls = 0;
    const counted = (t: string) => {
      calls++;
      return sha256Hex(t);
    };
    expect(verifyAuditLog(text, counted)).toEqual(verifyAuditLog(text));
    expect(calls).toBe(2 * lines.length); // one entry hash and one line hash per line
    const edited = [...lines];
    edited[2] = edited[2].replace('"status":"ok"', '"status":"refused"');
    expect(edited[2]).not.toBe(lines[2]);
    expect(verifyAuditLog(join(edited), counted).problem).toMatchObject({ line: 3, reason: expect.stringMatching(/does not match its hash/) });
  });

  test('an edit whose hash was recomputed is caught by the next line', () => {
    const e = JSON.parse(lines[2]);
    e.payload.status = 'refused';
    const { hash: _h, ...rest } = e;
    e.hash = entryHash(rest);
    const edited = [...lines];
    edited[2] = canonicalJson(e);
    expect(verifyAuditLog(join(edited)).problem).toMatchObject({ line: 4, reason: expect.stringMatching(/prev does not match the hash of line 3/) });
  });

  test.each([1, 2, 3, 6, 8])('deleting line %i breaks the chain at the line that followed it', (i) => {
    const cut = lines.filter((_, j) => j !== i);
    expect(verifyAuditLog(join(cut)).problem).toMatchObject({ line: i + 1, kind: 'broken' });
  });

  test('deleting the first line: the new first entry does not start the chain', () => {
    expect(verifyAuditLog(join(lines.slice(1))).problem).toMatchObject({ line: 1, reason: expect.stringMatching(/prev is not 64 zeros/) });
  });

  test('deleting the last line (a run-end) leaves a run without end', () => {
    expect(verifyAuditLog(join(lines.slice(0, -1))).problem).toMatchObject({ line: 9, kind: 'unterminated', reason: expect.stringMatching(/no run-end/) });
  });

  test('swapping two lines, re-formatting a line, and a cut-off last line are caught', () => {
    const swapped = [...lines];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    expect(verifyAuditLog(join(swapped)).problem?.line).toBe(3);
    const spaced = [...lines];
    spaced[1] = JSON.stringify(JSON.parse(spaced[1]), null, 1).replace(/\n/g, ' ');
    expect(verifyAuditLog(join(spaced)).problem).toMatchObject({ line: 2 });
    expect(verifyAuditLog(join(lines).slice(0, -1)).problem).toMatchObject({ line: 10, reason: expect.stringMatching(/incomplete/) });
    expect(verifyAuditLog(join(lines) + 'garbage\n').problem).toMatchObject({ line: 11, reason: 'is not valid JSON' });
  });

  test('a run-unterminated entry closes a run that was cut off', () => {
    const open = lines.slice(0, 4);
    const check = verifyAuditLog(join(open));
    expect(check.problem?.kind).toBe('unterminated');
    const chain = new AuditChain({ prev: check.tail.prev, nextSeq: check.tail.nextSeq, operator: null });
    const more = [...open, chain.append('run-unterminated', { runStartLine: check.tail.openRunLine }).line];
    expect(verifyAuditLog(join(more)).problem).toBeUndefined();
  });
});
