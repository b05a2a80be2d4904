// The engine end to end for the compound action codes of PS3.15 E.1.1 (Z/D, X/Z, X/D, X/Z/D,
// X/Z/U*): each resolves to one of its alternatives, by IOD, at top level and in sequences.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { T, makeCtLike } from '../../fixtures/make.ts';
import { at, deid, makeTestSession, planRows, rowAt, text } from '../helpers.ts';

const RT_PLAN = '1.2.840.10008.5.1.4.1.1.481.5';
const RT_PLAN_DATE = 0x300a0006;
const CONTRAST_AGENT = 0x00180010;

describe('compound codes', () => {
  it('Z/D, X/Z, X/D, X/Z/D and X/Z/U* resolve to one of their alternatives, by IOD', async () => {
    const ct = makeCtLike({ extra: [{ tag: CONTRAST_AGENT, vr: 'LO', value: 'Iodine Jane' }, { tag: RT_PLAN_DATE, vr: 'DA', value: '20240310' }] });
    const { rows } = await planRows(ct);
    const r = (p: string) => rowAt(rows, p);
    expect(r('(0018,0010)')).toMatchObject({ code: 'Z/D', action: 'Z', result: '' });
    expect(r('(0008,0023)').code).toBe('Z/D');
    expect(['Z', 'D']).toContain(r('(0008,0023)').action);
    expect(r('(0008,0022)').code).toBe('X/Z');
    expect(['X', 'Z']).toContain(r('(0008,0022)').action);
    expect(r('(0008,0012)')).toMatchObject({ code: 'X/D', action: 'X', result: null });
    expect(r('(300A,0006)')).toMatchObject({ code: 'X/D', action: 'X' }); // not an RT Plan: not required
    expect(r('(0008,0080)').code).toBe('X/Z/D');
    expect(['X', 'Z']).toContain(r('(0008,0080)').action); // CT: Institution Name not required
    expect(r('(0008,1140)')).toMatchObject({ code: 'X/Z/U*', action: 'U' });
    for (const p of ['(0018,0010)', '(0008,0022)', '(0008,0012)', '(0008,0080)', '(0008,1140)']) expect(inEnglish(r(p).reason)).toContain(' → ');

    // In an RT Plan, RT Plan Date is Type 2: X/D gives D.
    const plan = makeCtLike({ extra: [{ tag: T.SOPClassUID, vr: 'UI', value: RT_PLAN }, { tag: RT_PLAN_DATE, vr: 'DA', value: '20240310' }] });
    const pr = (await planRows(plan)).rows;
    expect(rowAt(pr, '(300A,0006)')).toMatchObject({ code: 'X/D', action: 'D' });
    const out = await deid(plan);
    expect(text(at(out.file.dataset, RT_PLAN_DATE))).toMatch(/^\d{8}$/);
    expect(text(at(out.file.dataset, RT_PLAN_DATE))).not.toBe('20240310');
  });

  it('X/Z on a sequence inside a kept sequence: removed, emptied, or kept with its UIDs replaced', async () => {
    const { file, rows } = await deid(makeCtLike(), makeTestSession({ cleanDescriptors: true })).then(async (d) => ({ ...d, rows: (await planRows(makeCtLike(), makeTestSession({ cleanDescriptors: true }))).rows }));
    expect(rowAt(rows, '(0040,0275)[0].(0008,1110)').code).toBe('X/Z');
    const ref = at(file.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence);
    if (ref && ref.value.kind === 'sequence' && ref.value.items.length > 0) {
      expect(text(at(file.dataset, T.RequestAttributesSequence, 0, T.ReferencedStudySequence, 0, T.ReferencedSOPInstanceUID))).toMatch(/^2\.25\./);
    }
  });
});
