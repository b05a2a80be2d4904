// The engine end to end for U (PS3.15 E.1.1, E.3.9): instance UIDs remapped to keyed 2.25 UIDs,
// also inside sequences and inside sequences stored as UN, consistent across files with one key.

import { describe, expect, it } from 'vitest';
import { CT_IMAGE_STORAGE, CT_VALUES, T, TS, encodeElements, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, KEY_A, KEY_B, numbers, planRows, rowAt, text } from '../helpers.ts';

const item = (elements: FxElement[]): FxItem => ({ elements });

describe('U: UIDs', () => {
  const UID = /^2\.25\.[1-9]\d*$/;

  it('remaps instance UIDs (also inside sequences) to 2.25 UIDs, keeps registry UIDs, fills empty ones', async () => {
    const input = makeCtLike({ extra: [{ tag: T.FrameOfReferenceUID, vr: 'UI', value: '' }] });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,1140)[0].(0008,1155)').action).toBe('U');
    const { file, result } = await deid(input);
    const ds = file.dataset;
    const uids = [T.SOPInstanceUID, T.StudyInstanceUID, T.SeriesInstanceUID].map((t) => text(at(ds, t)));
    const ref = text(at(ds, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID));
    for (const u of [...uids, ref]) {
      expect(u).toMatch(UID);
      expect(u.length).toBeLessThanOrEqual(64);
    }
    expect(new Set([...uids, ref]).size).toBe(4);
    // Empty U attribute: replaced by a UID (U never leaves a value empty).
    expect(text(at(ds, T.FrameOfReferenceUID))).toMatch(UID);
    // Registry UIDs stay.
    expect(text(at(ds, T.SOPClassUID))).toBe(CT_IMAGE_STORAGE);
    expect(text(at(ds, T.ReferencedImageSequence, 0, T.ReferencedSOPClassUID))).toBe(CT_IMAGE_STORAGE);
    // File meta follows the new SOP Instance UID; implementation is Veil's.
    expect(text(at(file.meta, T.MediaStorageSOPInstanceUID))).toBe(uids[0]);
    expect(text(at(file.meta, T.MediaStorageSOPClassUID))).toBe(CT_IMAGE_STORAGE);
    expect(text(at(file.meta, T.TransferSyntaxUID))).toBe(TS.ExplicitLE);
    expect(text(at(file.meta, T.ImplementationClassUID))).not.toBe('1.2.3.4.5.6');
    expect(result.outcome?.ids.sopInstanceUID).toBe(uids[0]);
  });

  it('is consistent across files with one key (references match) and different with another key', async () => {
    // File B references file A's SOP Instance UID.
    const a = await deid(makeCtLike(), makeTestSession({}, KEY_A));
    const bInput = makeCtLike({
      sopInstanceUID: '1.2.826.0.1.3680043.9999.1.3.2',
      extra: [{ tag: T.ReferencedImageSequence, vr: 'SQ', value: [item([
        { tag: T.ReferencedSOPClassUID, vr: 'UI', value: CT_IMAGE_STORAGE },
        { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: CT_VALUES.sopInstanceUID },
      ])] }],
    });
    const b = await deid(bInput, makeTestSession({}, KEY_A));
    expect(text(at(b.file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toBe(text(at(a.file.dataset, T.SOPInstanceUID)));
    expect(text(at(b.file.dataset, T.StudyInstanceUID))).toBe(text(at(a.file.dataset, T.StudyInstanceUID)));
    expect(text(at(b.file.dataset, T.SOPInstanceUID))).not.toBe(text(at(a.file.dataset, T.SOPInstanceUID)));
    const c = await deid(makeCtLike(), makeTestSession({}, KEY_B));
    expect(text(at(c.file.dataset, T.StudyInstanceUID))).not.toBe(text(at(a.file.dataset, T.StudyInstanceUID)));
    expect(text(at(c.file.dataset, T.StudyInstanceUID))).toMatch(UID);
  });
});

describe('sequences stored as UN', () => {
  it('a big endian file: UIDs inside are remapped, X attributes removed, little endian values kept', async () => {
    const unValue = encodeElements([{ tag: T.ReferencedImageSequence, vr: 'UN', value: [item([
      { tag: T.ReferencedSOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.5.5' },
      { tag: T.Rows, vr: 'US', value: [258] },
      { tag: T.InstitutionAddress, vr: 'ST', value: 'Hidden Road 1' },
    ])] }], { explicitVR: true, littleEndian: true }).subarray(12);
    const input = makeCtLike({ transferSyntax: TS.ExplicitBE, extra: [{ tag: T.ReferencedImageSequence, vr: 'UN', value: unValue }] });
    const { file, bytes } = await deid(input);
    expect(text(at(file.dataset, T.ReferencedImageSequence, 0, T.ReferencedSOPInstanceUID))).toMatch(/^2\.25\./);
    expect(at(file.dataset, T.ReferencedImageSequence, 0, T.InstitutionAddress)).toBeUndefined();
    const seq = at(file.dataset, T.ReferencedImageSequence)!;
    const le = seq.value.kind === 'sequence' ? (seq.value.items[0].encoding?.littleEndian ?? false) : false;
    expect(numbers(at(file.dataset, T.ReferencedImageSequence, 0, T.Rows), le)).toEqual([258]);
    for (const s of ['Hidden Road', '1.2.826.0.1.3680043.9999.5.5']) expect(contains(bytes, s)).toBe(false);
  });
});
