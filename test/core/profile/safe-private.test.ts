// isSafePrivate / safePrivateInfo over PS3.15 Table E.3.10-1 (Retain Safe Private Option,
// PS3.15 E.3.10): real table rows in any reserved block, creator spelling tolerance, near misses.

import { describe, expect, it } from 'vitest';
import { tag } from '../../../src/core/dicom/tag.ts';
import { isSafePrivate, SAFE_PRIVATE_ROWS, safePrivateInfo } from '../../../src/core/profile/safe-private.ts';

describe('isSafePrivate', () => {
  it('matches real rows in whatever block the creator reserved', () => {
    // (7053,xx00) Philips PET Private Group, SUV Factor
    expect(isSafePrivate('Philips PET Private Group', tag(0x7053, 0x1000))).toBe(true);
    expect(isSafePrivate('Philips PET Private Group', tag(0x7053, 0x1100))).toBe(true);
    // (00E1,xx21) ELSCINT1 DLP; (2001,xx0a) written lower-case in the standard
    expect(isSafePrivate('ELSCINT1', tag(0x00e1, 0x1021))).toBe(true);
    expect(isSafePrivate('Philips Imaging DD 001', tag(0x2001, 0x100a))).toBe(true);
    expect(isSafePrivate('GEMS_ACQU_01', tag(0x0019, 0x1023))).toBe(true);
    expect(isSafePrivate('HOLOGIC, Inc.', tag(0x7e01, 0x1010))).toBe(true);
  });

  it('tolerates padding and case in the creator', () => {
    expect(isSafePrivate('ELSCINT1 ', tag(0x00e1, 0x1021))).toBe(true);
    expect(isSafePrivate('GEMS_ACQU_01\0', tag(0x0019, 0x1023))).toBe(true);
    expect(isSafePrivate('philips imaging dd 001', tag(0x2001, 0x100a))).toBe(true);
    expect(isSafePrivate(' SIEMENS MR HEADER  ', tag(0x0019, 0x100c))).toBe(true); // (0019,xx0C) B Value
  });

  it('rejects near misses', () => {
    expect(isSafePrivate('ELSCINT1', tag(0x00e1, 0x1022))).toBe(false); // element not listed
    expect(isSafePrivate('ELSCINT1', tag(0x00e3, 0x1021))).toBe(false); // other group
    expect(isSafePrivate('ELSCINT2', tag(0x00e1, 0x1021))).toBe(false); // other creator
    expect(isSafePrivate('Philips Imaging DD 002', tag(0x7053, 0x1000))).toBe(false);
    expect(isSafePrivate('Philips Imaging DD001', tag(0x2001, 0x100a))).toBe(false); // inner space matters
    expect(isSafePrivate('ELSCINT1', tag(0x00e1, 0x0010))).toBe(false); // the creator element itself
    expect(isSafePrivate('ELSCINT1', tag(0x00e0, 0x1021))).toBe(false); // even group
    expect(isSafePrivate('', tag(0x00e1, 0x1021))).toBe(false);
  });

  it('returns the row, with VR and meaning, for implicit-VR files', () => {
    expect(safePrivateInfo('Philips Imaging DD 001', tag(0x2001, 0x10d0))).toMatchObject({
      group: 0x2001,
      elementByte: 0xd0,
      creator: 'Philips Imaging DD 001',
      vr: 'AT',
      meaning: 'Frame Index Pointer',
    });
    expect(safePrivateInfo('SIEMENS Ultrasound SC2000', tag(0x0119, 0x1011))?.vr).toBe(''); // blank in the standard
    expect(safePrivateInfo('ELSCINT1', tag(0x00e1, 0x1022))).toBeUndefined();
  });

  it('finds every table row through the public API', () => {
    expect(SAFE_PRIVATE_ROWS).toHaveLength(479);
    for (const r of SAFE_PRIVATE_ROWS) {
      const t = tag(r.group, 0x4200 | r.elementByte);
      expect(safePrivateInfo(r.creator, t), `${r.creator} ${t.toString(16)}`).toBe(r);
    }
  });
});
