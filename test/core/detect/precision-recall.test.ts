// Precision and recall of detectIdentifiers over the phrase corpus, per kind and overall. A
// finding counts as a true positive only when kind and text both match an expected one (multiset
// per phrase). Prints the table; asserts overall precision ≥ 0.97, recall ≥ 0.95, and that every
// valid resident ID in the corpus (not inside a dotted UID) is found.

import { describe, expect, it } from 'vitest';
import { detectIdentifiers, isValidResidentId, type FindingKind } from '../../../src/core/detect/index.ts';
import { PHRASES } from './phrases.ts';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function evaluate(): { byKind: Map<string, Tally>; total: Tally; misses: string[] } {
  const byKind = new Map<string, Tally>();
  const total: Tally = { tp: 0, fp: 0, fn: 0 };
  const tally = (kind: string): Tally => {
    let t = byKind.get(kind);
    if (!t) byKind.set(kind, (t = { tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  const misses: string[] = [];
  for (const phrase of PHRASES) {
    const found = detectIdentifiers(phrase.text, phrase.ctx);
    const expected = phrase.expect.map(([kind, text]) => `${kind}\u0000${text}`);
    const remaining = [...expected];
    for (const f of found) {
      const key = `${f.kind}\u0000${f.text}`;
      const i = remaining.indexOf(key);
      if (i >= 0) {
        remaining.splice(i, 1);
        tally(f.kind).tp++;
        total.tp++;
      } else {
        tally(f.kind).fp++;
        total.fp++;
        misses.push(`FP ${f.kind} "${f.text}" in "${phrase.text}"`);
      }
    }
    for (const key of remaining) {
      const [kind, text] = key.split('\u0000');
      tally(kind).fn++;
      total.fn++;
      misses.push(`FN ${kind} "${text}" in "${phrase.text}"`);
    }
  }
  return { byKind, total, misses };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const fmt = (x: number): string => x.toFixed(3);

function table(byKind: Map<string, Tally>, total: Tally): string {
  const rows = [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b));
  const line = (name: string, t: Tally): string =>
    `| ${name.padEnd(19)} | ${String(t.tp + t.fn).padStart(8)} | ${String(t.tp).padStart(3)} | ${String(t.fp).padStart(3)} | ${String(t.fn).padStart(3)} | ${fmt(ratio(t.tp, t.tp + t.fp))} | ${fmt(ratio(t.tp, t.tp + t.fn))} |`;
  return [
    `Identifier detection over ${PHRASES.length} phrases (${PHRASES.filter((p) => p.expect.length === 0).length} without identifiers)`,
    '| kind                | expected |  TP |  FP |  FN | precision | recall |',
    '|---------------------|----------|-----|-----|-----|-----------|--------|',
    ...rows.map(([k, t]) => line(k, t).replace(/\| (\d\.\d{3}) \| (\d\.\d{3}) \|$/, '|     $1 |  $2 |')),
    line('**overall**', total).replace(/\| (\d\.\d{3}) \| (\d\.\d{3}) \|$/, '|     $1 |  $2 |'),
  ].join('\n');
}

describe('identifier detection: precision and recall over the phrase corpus', () => {
  const { byKind, total, misses } = evaluate();

  it('has a corpus of at least 150 phrases with many negatives', () => {
    expect(PHRASES.length).toBeGreaterThanOrEqual(150);
    expect(PHRASES.filter((p) => p.expect.length === 0).length).toBeGreaterThanOrEqual(50);
  });

  it('reaches overall precision ≥ 0.97 and recall ≥ 0.95', () => {
    console.log(`${table(byKind, total)}\n${misses.length ? `\n${misses.join('\n')}` : ''}`);
    expect(ratio(total.tp, total.tp + total.fp)).toBeGreaterThanOrEqual(0.97);
    expect(ratio(total.tp, total.tp + total.fn)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds every resident ID with a valid check digit', () => {
    const wide = (s: string): string => s.replace(/[\uff10-\uff19\uff38\uff58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    let checked = 0;
    for (const phrase of PHRASES) {
      const text = wide(phrase.text);
      const found = detectIdentifiers(phrase.text, phrase.ctx).filter((f) => f.kind === 'resident-id');
      for (const m of text.matchAll(/(?<![\d.])(\d{6}) ?(\d{8}) ?(\d{3}[\dXx])(?![\dXx]|\.\d)/g)) {
        const id = m[1] + m[2] + m[3];
        if (!isValidResidentId(id)) continue;
        checked++;
        expect(found.some((f) => f.start === m.index && f.end === m.index + m[0].length), `${id} in "${phrase.text}"`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('expects only kinds the detector reports', () => {
    const kinds = new Set<FindingKind>(['resident-id', 'resident-id-15', 'hospital-number', 'mobile', 'phone', 'email', 'patient-name', 'patient-name-pinyin', 'date']);
    for (const phrase of PHRASES) for (const [kind] of phrase.expect) expect(kinds.has(kind)).toBe(true);
  });
});
