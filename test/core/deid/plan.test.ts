// Plan rows: one per element at every depth, in document order (a sequence before its items'
// elements), with indexed paths, decoded originals and results, and a reason naming the Table
// E.1-1 row or option that decided the action; counts agree with the rows.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/core/dicom/dataset.ts';
import { formatTag } from '../../../src/core/dicom/tag.ts';
import { OPTION_INFO } from '../../../src/core/profile/options.ts';
import { CT_VALUES, T, TS, makeCtLike } from '../../fixtures/make.ts';
import { makeTestSession, planRows, read, rowAt } from '../helpers.ts';

/** Paths of every element in document order, descending into sequences the plan kept items of. */
function documentPaths(ds: Item, descend: (path: string) => boolean, prefix = ''): string[] {
  const out: string[] = [];
  for (const el of ds.elements) {
    const path = `${prefix}${formatTag(el.tag)}`;
    out.push(path);
    if (el.value.kind === 'sequence' && descend(path)) {
      el.value.items.forEach((it, i) => out.push(...documentPaths(it, descend, `${path}[${i}].`)));
    }
  }
  return out;
}

describe('plan rows', () => {
  it.each([TS.ExplicitLE, TS.ImplicitLE])('%s: one row per element at every depth, in document order', async (ts) => {
    const input = makeCtLike({ transferSyntax: ts });
    const session = makeTestSession({ cleanDescriptors: true });
    const { rows, outcome } = await planRows(input, session);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.size).toBe(rows.length);
    const f = await read(input);
    const expected = documentPaths(f.dataset, (p) => {
      const r = byPath.get(p);
      return !!r && r.result !== null && r.result !== '0 items';
    });
    expect(rows.map((r) => r.path)).toEqual(expected);
    // Nested rows exist at depth 1 and 2 and carry their indices.
    expect(rowAt(rows, '(0040,0275)[0].(0010,0010)')).toMatchObject({ depth: 1, tag: '(0010,0010)', keyword: 'PatientName', vr: 'PN', original: CT_VALUES.patientName });
    expect(rows.some((r) => r.depth === 2 && r.path.startsWith('(0040,0275)[0].(0008,1110)[0].'))).toBe(true);
    for (const r of rows) expect(r.depth).toBe((r.path.match(/\[/g) ?? []).length);
    // Counts agree with the rows.
    for (const a of ['X', 'Z', 'D', 'K', 'C', 'U'] as const) expect(outcome.counts[a], a).toBe(rows.filter((r) => r.action === a).length);
  });

  it('rows show original and result values, and the reason names the rule', async () => {
    const { rows } = await planRows(makeCtLike());
    expect(rowAt(rows, '(0008,0081)')).toMatchObject({ action: 'X', code: 'X', result: null, original: CT_VALUES.institutionAddress, identifying: true });
    expect(inEnglish(rowAt(rows, '(0008,0081)').reason)).toBe('PS3.15 E.1-1 basic profile: X');
    expect(rowAt(rows, '(0008,0050)')).toMatchObject({ action: 'Z', result: '', original: CT_VALUES.accessionNumber });
    expect(rowAt(rows, '(0008,0018)')).toMatchObject({ action: 'U', original: CT_VALUES.sopInstanceUID });
    expect(rowAt(rows, '(0008,0018)').result).toMatch(/^2\.25\.\d+$/);
    expect(rowAt(rows, '(0008,0060)')).toMatchObject({ action: 'K', code: '', result: 'CT', identifying: false });
    expect(inEnglish(rowAt(rows, '(0008,0060)').reason)).toMatch(/not listed/);
    expect(inEnglish(rowAt(rows, '(0009,1001)').reason)).toMatch(/private attributes \(gggg,eeee\) where gggg is odd/);
    expect(rowAt(rows, '(0040,0275)')).toMatchObject({ original: '1 item', action: 'X' });
    expect(rowAt(rows, '(7FE0,0010)')).toMatchObject({ action: 'K', original: '512 bytes', result: '512 bytes' });
    expect(rowAt(rows, '(0028,0010)')).toMatchObject({ original: '16', result: '16' });
    // An option's column names the option.
    const opt = (await planRows(makeCtLike(), makeTestSession({ retainPatientCharacteristics: true }))).rows;
    expect(rowAt(opt, '(0010,1010)')).toMatchObject({ action: 'K', code: 'K', result: '054Y' });
    expect(inEnglish(rowAt(opt, '(0010,1010)').reason)).toBe(`${OPTION_INFO.retainPatientCharacteristics.meaning}: K`);
  });

  it('a sequence row comes before the rows of its items', async () => {
    const { rows } = await planRows(makeCtLike());
    const seq = rows.findIndex((r) => r.path === '(0008,1140)');
    const child = rows.findIndex((r) => r.path === '(0008,1140)[0].(0008,1155)');
    expect(seq).toBeGreaterThanOrEqual(0);
    expect(child).toBe(seq + 2);
    expect(rows[seq + 1].path).toBe('(0008,1140)[0].(0008,1150)');
  });

  it('no rows are collected unless asked', async () => {
    const { planFile } = await import('../../../src/core/deid/process-file.ts');
    const { MemorySource } = await import('../../../src/core/io/byte-source.ts');
    const r = await planFile(new MemorySource(makeCtLike()), makeTestSession());
    expect(r.outcome?.rows).toEqual([]);
    expect(r.counts.X).toBeGreaterThan(0);
  });
});
