// The leak gate's search machinery: the Aho–Corasick matcher (overlaps, ASCII case folding,
// exact multi-byte patterns, long patterns past the automaton prefix, a stream cut anywhere),
// the match bounds, the streamed scan of a source larger than one read, and its speed on a
// header with hundreds of candidates.

import { describe, expect, test } from 'vitest';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import type { Candidate, IdentifyingValues } from '../../../src/core/leak/candidates.ts';
import { collectIdentifyingValues } from '../../../src/core/leak/candidates.ts';
import { MultiMatcher } from '../../../src/core/leak/multi-matcher.ts';
import { boundedMatch, scanForLeaks } from '../../../src/core/leak/scan.ts';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';
import { makeCtLike, type FxElement } from '../../fixtures/make.ts';
import { deidentify, read, session } from './helpers.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const find = (m: MultiMatcher, hay: Uint8Array) => {
  const out: [number, number][] = [];
  m.run(hay, 0, hay.length, 0, (p, at) => out.push([p, at]));
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
};

describe('MultiMatcher', () => {
  test('finds overlapping patterns, ignoring ASCII case', () => {
    const m = new MultiMatcher(['he', 'she', 'his', 'hers'].map((s) => ({ bytes: enc(s), exact: false })));
    expect(find(m, enc('uSHErs his'))).toEqual([[1, 1], [0, 2], [3, 2], [2, 7]]);
  });

  test('exact patterns match their bytes only', () => {
    const m = new MultiMatcher([{ bytes: Uint8Array.from([0x81, 0x41]), exact: true }]);
    expect(find(m, Uint8Array.from([0x81, 0x61, 0x81, 0x41]))).toEqual([[0, 2]]);
  });

  test('patterns longer than the automaton prefix are compared in full, equal prefixes included', () => {
    const pats = ['1.2.826.0.1.3680043.9999.1.1', '1.2.826.0.1.3680043.9999.1.2', 'ab'].map((s) => ({ bytes: enc(s), exact: false }));
    const m = new MultiMatcher(pats, 8);
    expect(find(m, enc('x 1.2.826.0.1.3680043.9999.1.2 y 1.2.826.0.1.99'))).toEqual([[1, 2]]);
    expect(m.states).toBeLessThanOrEqual(1 + 8 + 2);
  });

  test('a stream cut at any point gives the same matches as one pass', () => {
    const pats = ['Doe^Jane', 'PID-0042', 'jane doe', '19700214', 'a long pattern beyond eight bytes'].map((s) => ({ bytes: enc(s), exact: false }));
    const m = new MultiMatcher(pats);
    const hay = enc('xx DOE^JANE yy pid-0042 Jane Doe 19700214 a long pattern beyond eight bytes!');
    const whole = find(m, hay);
    for (let cut = 1; cut < hay.length; cut += 3) {
      const got: [number, number][] = [];
      const state = m.run(hay, 0, cut, 0, (p, at) => got.push([p, at]));
      m.run(hay, cut, hay.length, state, (p, at) => got.push([p, at]));
      expect(got.sort((a, b) => a[1] - b[1] || a[0] - b[0]), `cut at ${cut}`).toEqual(whole);
    }
  });
});

describe('match bounds', () => {
  const at = (s: string, needle: string) => [enc(s), s.indexOf(needle), needle.length] as const;
  test.each([
    ['uid', 'x 1.2.3.4.5 y', '1.2.3.4.5', true],
    ['uid', 'x 1.2.3.4.5.6 y', '1.2.3.4.5', false],
    ['uid', 'x 9.1.2.3.4.5 y', '1.2.3.4.5', false],
    ['uid', 'dir/1.2.3.4.5.dcm', '1.2.3.4.5', true],
    ['num', 'id 12345678 x', '12345678', true],
    ['num', 'id 912345678', '12345678', false],
    ['num', 'id 1.12345678', '12345678', false],
    ['date', 'dt 19700214101500', '19700214', true],
    ['date', 'n 219700214', '19700214', false],
    ['word', 'SCANNER', 'ANN', false],
    ['word', 'by Ann_Lee', 'Ann', true],
  ] as const)('%s in %j', (rule, hay, needle, ok) => {
    const [buf, i, len] = at(hay, needle);
    expect(boundedMatch(rule, buf, i, len)).toBe(ok);
  });
});

const fakeValues = (candidates: Partial<Candidate>[]): IdentifyingValues => ({
  candidates: candidates.map((c) => ({ source: 'PatientName (0010,0010)', alsoIn: [], kind: 'name', match: 'text', personal: true, part: false, value: '', ...c })),
  leaves: new Map(),
  charsetTerms: [],
});

describe('scanForLeaks', () => {
  test('streams a large source in chunks: a value across the 1 MiB read boundary is found', async () => {
    const big = new Uint8Array(3 << 20).fill(0x2e);
    const value = 'Doe^Jane^Q';
    const at = (1 << 20) - 4;
    big.set(enc(value), at);
    big.set(enc(value), (2 << 20) + 100);
    const r = await scanForLeaks(new MemorySource(big), fakeValues([{ value }]));
    expect(r.bytesScanned).toBe(big.length);
    expect(r.leaks.map((l) => l.foundIn)).toEqual([`byte offset ${at}`, `byte offset ${(2 << 20) + 100}`]);
  });

  test('a header with hundreds of candidates is scanned in a few milliseconds', async () => {
    const extra: FxElement[] = [{ tag: 0x00110010, vr: 'LO', value: 'VENDOR' }, { tag: 0x00130010, vr: 'LO', value: 'VENDOR2' }];
    for (let i = 0; i < 200; i++) extra.push({ tag: 0x00111000 + i, vr: 'LO', value: `Vendor value ${i} ${'X'.repeat(i % 20)}` });
    for (let i = 0; i < 40; i++) extra.push({ tag: 0x00131000 + i, vr: 'PN', value: `Family${i}^Given${i}^M` });
    const input = makeCtLike({ extra });
    const out = await deidentify(input, session());
    const values = collectIdentifyingValues(await read(input), DEFAULT_OPTIONS);
    expect(values.candidates.length).toBeGreaterThan(300);
    expect(input.length).toBeGreaterThan(10_000);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const r = await scanForLeaks(out, values);
      times.push(performance.now() - t0);
      expect(r.leaks).toEqual([]);
    }
    times.sort((a, b) => a - b);
    // Typically well under 2 ms; the bound leaves room for a loaded CI machine.
    expect(times[0]).toBeLessThan(20);
  });
});
