import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../src/core/deid/plan.ts';
import { ancestorPaths, hasChildren, NO_FILTER, rowMatches, visibleRows } from '../../src/workspace/plan-filter.ts';

const row = (path: string, o: Partial<PlanRow> = {}): PlanRow => ({
  path, tag: path.slice(-11), keyword: 'K', vr: 'LO', depth: (path.match(/\[/g) ?? []).length, original: '', action: 'K', result: '', reason: { code: 'plan.reason.unlisted', params: {} }, code: '', identifying: false, ...o,
});

const rows: PlanRow[] = [
  row('(0008,0018)', { keyword: 'SOPInstanceUID', action: 'U', identifying: true }),
  row('(0008,1110)', { keyword: 'ReferencedStudySequence', vr: 'SQ' }),
  row('(0008,1110)[0].(0008,1150)', { keyword: 'ReferencedSOPClassUID' }),
  row('(0008,1110)[0].(0008,1155)', { keyword: 'ReferencedSOPInstanceUID', action: 'U' }),
  row('(0040,0275)', { keyword: 'RequestAttributesSequence', vr: 'SQ', action: 'X' }),
  row('(0040,0275)[0].(0040,A370)', { keyword: 'ReferencedRequestSequence', vr: 'SQ' }),
  row('(0040,0275)[0].(0040,A370)[0].(0010,0010)', { keyword: 'PatientName', original: 'Doe^Jane', action: 'Z', identifying: true }),
  row('(0040,0275)[1].(0010,0020)', { keyword: 'PatientID', original: 'P1', action: 'Z', identifying: true }),
  row('(0010,0040)', { keyword: 'PatientSex', action: 'Z' }),
];

describe('plan filter', () => {
  it('finds the sequences that contain a row', () => {
    expect(ancestorPaths('(0040,0275)[0].(0040,A370)[0].(0010,0010)')).toEqual(['(0040,0275)', '(0040,0275)[0].(0040,A370)']);
    expect(ancestorPaths('(0010,0010)')).toEqual([]);
  });

  it('knows which rows have children', () => {
    expect(rows.map((_, i) => hasChildren(rows, i))).toEqual([false, true, false, false, true, true, false, false, false]);
  });

  it('shows everything without a filter, and hides what is under a collapsed sequence', () => {
    expect(visibleRows(rows, NO_FILTER, new Set())).toHaveLength(rows.length);
    expect(visibleRows(rows, NO_FILTER, new Set(['(0040,0275)']))).toEqual([0, 1, 2, 3, 4, 8]);
    expect(visibleRows(rows, NO_FILTER, new Set(['(0040,0275)[0].(0040,A370)']))).toEqual([0, 1, 2, 3, 4, 5, 7, 8]);
  });

  it('shows matches with their containing sequences, ignoring collapse', () => {
    const byText = visibleRows(rows, { ...NO_FILTER, text: 'doe^' }, new Set(['(0040,0275)']));
    expect(byText).toEqual([4, 5, 6]);
    const identifying = visibleRows(rows, { ...NO_FILTER, identifyingOnly: true }, new Set());
    expect(identifying).toEqual([0, 4, 5, 6, 7]);
    const uOnly = visibleRows(rows, { ...NO_FILTER, actions: new Set(['U']) }, new Set());
    expect(uOnly).toEqual([0, 1, 3]);
  });

  it('matches tag, keyword, values and reason case-insensitively', () => {
    expect(rowMatches(rows[0], { ...NO_FILTER, text: 'sopinstance' })).toBe(true);
    expect(rowMatches(rows[0], { ...NO_FILTER, text: '0008,0018' })).toBe(true);
    expect(rowMatches(rows[8], { ...NO_FILTER, text: 'nothing like it' })).toBe(false);
  });
});
