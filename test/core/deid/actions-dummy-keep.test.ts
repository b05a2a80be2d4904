// The engine end to end for D (a dummy value, never the original) and K (keep byte for byte)
// (PS3.15 E.1.1), at top level and inside sequences, checked on the written and re-read bytes.

import { describe, expect, it } from 'vitest';
import { CT_VALUES, T, makeCtLike, type FxElement, type FxItem } from '../../fixtures/make.ts';
import { at, contains, deid, numbers, planRows, raw, read, rowAt, text } from '../helpers.ts';

const SHARED_FG = 0x52009229;
const item = (elements: FxElement[]): FxItem => ({ elements });

describe('D: dummy', () => {
  const enhanced = (extra: FxElement[] = []) => makeCtLike({ extra: [{ tag: SHARED_FG, vr: 'SQ', value: [item([])] }, ...extra] });

  it('Type 1 attributes of an enhanced multi-frame data set get a non-empty dummy that differs from the original', async () => {
    const input = enhanced();
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0008,0023)')).toMatchObject({ code: 'Z/D', action: 'D' });
    expect(rowAt(rows, '(0008,0033)')).toMatchObject({ code: 'Z/D', action: 'D' });
    expect(rowAt(rows, '(0018,1000)')).toMatchObject({ code: 'X/Z/D', action: 'D' });
    expect(rowAt(rows, '(0008,002A)')).toMatchObject({ code: 'X/Z/D', action: 'D' });
    const { file } = await deid(input);
    const date = text(at(file.dataset, T.ContentDate));
    expect(date).toMatch(/^\d{8}$/);
    expect(date).not.toBe(CT_VALUES.studyDate);
    const time = text(at(file.dataset, T.ContentTime));
    expect(time).toMatch(/^\d{6}/);
    // A dummy time never repeats any original time of the file.
    for (const t of ['101546', '101545', '101540', CT_VALUES.studyTime]) expect(time).not.toBe(t);
    const serial = text(at(file.dataset, T.DeviceSerialNumber));
    expect(serial.length).toBeGreaterThan(0);
    expect(serial).not.toBe(CT_VALUES.deviceSerialNumber);
    expect(text(at(file.dataset, T.AcquisitionDateTime))).toMatch(/^\d{14}/);
  });

  it('a dummy differs from the original even when the original looks like the usual dummy', async () => {
    const input = enhanced([{ tag: T.ContentDate, vr: 'DA', value: '19000101' }, { tag: T.ContentTime, vr: 'TM', value: '000000' }]);
    const { file } = await deid(input);
    expect(text(at(file.dataset, T.ContentDate))).toMatch(/^\d{8}$/);
    expect(text(at(file.dataset, T.ContentDate))).not.toBe('19000101');
    expect(text(at(file.dataset, T.ContentTime))).not.toBe('000000');
  });

  it('D inside a sequence: Verifying Observer Name in Verifying Observer Sequence becomes a dummy', async () => {
    const input = makeCtLike({ extra: [{ tag: 0x0040a073, vr: 'SQ', value: [item([{ tag: 0x0040a075, vr: 'PN', value: 'Observer^Oscar' }])] }] });
    const { rows } = await planRows(input);
    expect(rowAt(rows, '(0040,A073)[0].(0040,A075)').action).toBe('D');
    const { file, bytes } = await deid(input);
    const pn = text(at(file.dataset, 0x0040a073, 0, 0x0040a075));
    expect(pn.length).toBeGreaterThan(0);
    expect(contains(bytes, 'Observer')).toBe(false);
  });
});

describe('K: keep', () => {
  it('keeps attributes the profile does not touch byte for byte', async () => {
    const input = makeCtLike();
    const before = await read(input);
    const { file } = await deid(input);
    for (const t of [T.Modality, T.ImageType, T.SOPClassUID, T.Rows, T.Columns, T.ImagePositionPatient, T.PixelSpacing, T.BitsStored, T.SpecificCharacterSet, T.Manufacturer, T.KVP]) {
      expect(Array.from(raw(at(file.dataset, t))), `tag ${t.toString(16)}`).toEqual(Array.from(raw(at(before.dataset, t))));
    }
    expect(numbers(at(file.dataset, T.Rows))).toEqual([16]);
  });
});
