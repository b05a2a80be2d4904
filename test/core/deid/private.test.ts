// Private attributes (PS3.15 E.1-1 "(gggg,eeee) where gggg is odd": X) at every depth: private
// sequences holding private sequences go whole, private attributes inside standard sequences go,
// and implicit VR files (where private values are UN) behave the same.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { CT_VALUES, T, TS, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { allElements, at, contains, deid, makeTestSession, planRows, rowAt } from '../helpers.ts';

const item = (elements: FxElement[]): FxItem => ({ elements });
const isPrivate = (t: number) => (t >>> 16) % 2 === 1;

const NESTED_PRIVATE: FxElement[] = [
  { tag: 0x00290010, vr: 'LO', value: 'VENDOR X' },
  { tag: 0x00291010, vr: 'SQ', value: [item([
    { tag: 0x00290010, vr: 'LO', value: 'VENDOR X' },
    { tag: 0x00291011, vr: 'SQ', value: [item([
      { tag: T.PatientName, vr: 'PN', value: 'Deep^Private' },
      { tag: 0x00290010, vr: 'LO', value: 'GEMS_ACQU_01' },
      { tag: 0x00291023, vr: 'DS', value: '1.5' },
      { tag: 0x00291030, vr: 'LO', value: 'innermost secret' },
    ])] },
    { tag: 0x00291012, vr: 'LO', value: 'middle secret' },
  ])] },
];

describe('private attributes', () => {
  it.each([TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE])('%s: private sequences inside private sequences are removed whole', async (ts) => {
    for (const options of [{}, { retainSafePrivate: true }]) {
      const input = makeCtLike({ transferSyntax: ts, extra: NESTED_PRIVATE, undefinedLengthSequences: ts === TS.ImplicitLE });
      const { file, bytes } = await deid(input, makeTestSession(options));
      expect(at(file.dataset, 0x00291010)).toBeUndefined();
      expect(at(file.dataset, 0x00290010)).toBeUndefined();
      for (const s of ['Deep^Private', 'innermost secret', 'middle secret', 'VENDOR X']) expect(contains(bytes, s), s).toBe(false);
    }
  });

  it('a removed private sequence is one X row; its contents are not walked', async () => {
    const { rows } = await planRows(makeCtLike({ extra: NESTED_PRIVATE }));
    expect(rowAt(rows, '(0029,1010)')).toMatchObject({ action: 'X', result: null });
    expect(rows.some((r) => r.path.startsWith('(0029,1010)['))).toBe(false);
  });

  it('private attributes inside standard sequences are removed; the standard ones stay', async () => {
    const input = makeCtLike({ extra: [{ tag: T.ReferencedImageSequence, vr: 'SQ', value: [item([
      { tag: T.ReferencedSOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: CT_VALUES.referencedSOPInstanceUID },
      { tag: 0x00410010, vr: 'LO', value: 'NESTED CREATOR' },
      { tag: 0x00411001, vr: 'LO', value: 'nested private value' },
      { tag: 0x00411002, vr: 'SQ', value: [item([{ tag: T.PatientID, vr: 'LO', value: 'NESTED-ID' }])] },
    ])] }] });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,1140)[0].(0041,0010)').action).toBe('X');
    expect(rowAt(rows, '(0008,1140)[0].(0041,1001)').action).toBe('X');
    expect(inEnglish(rowAt(rows, '(0008,1140)[0].(0041,1001)').reason)).toMatch(/private/);
    const { file, bytes } = await deid(input);
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPClassUID)).toBeDefined();
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID)).toBeDefined();
    expect(allElements(file.dataset).filter(({ el }) => isPrivate(el.tag))).toEqual([]);
    for (const s of ['NESTED CREATOR', 'nested private value', 'NESTED-ID']) expect(contains(bytes, s)).toBe(false);
  });

  it('the fixture private block and its sequence leave no trace in any transfer syntax', async () => {
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE, TS.ExplicitBE, TS.DeflatedLE, TS.RLELossless]) {
      const { file, bytes } = await deid(makeCtLike({ transferSyntax: ts }));
      expect(allElements(file.dataset).filter(({ el }) => isPrivate(el.tag))).toEqual([]);
      if (ts !== TS.DeflatedLE) for (const s of [CT_VALUES.privateCreator, CT_VALUES.privateValue]) expect(contains(bytes, s)).toBe(false);
    }
  });
});
