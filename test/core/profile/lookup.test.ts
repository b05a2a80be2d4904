// lookupProfileRow over PS3.15 Table E.1-1: exact rows, the 50xx/60xx repeating-group rows
// (even groups 5000-50FF / 6000-60FF only, PS3.5 §7.6), and private tags (never matched here).

import { describe, expect, it } from 'vitest';
import { tag } from '../../../src/core/dicom/tag.ts';
import { lookupProfileRow, PROFILE_ROWS } from '../../../src/core/profile/profile-table.ts';

describe('lookupProfileRow', () => {
  it('finds exact rows', () => {
    expect(lookupProfileRow(tag(0x0010, 0x0010))?.name).toBe("Patient's Name");
    expect(lookupProfileRow(tag(0x0008, 0x0050))?.basic).toBe('Z');
    expect(lookupProfileRow(tag(0x0000, 0x1000))?.name).toBe('Affected SOP Instance UID'); // group 0000
    expect(lookupProfileRow(tag(0xfffa, 0xfffa))?.name).toBe('Digital Signatures Sequence');
  });

  it('finds every exact row by its own tag', () => {
    for (const r of PROFILE_ROWS) {
      if (/^[0-9A-F]{8}$/.test(r.tag)) expect(lookupProfileRow(parseInt(r.tag, 16))).toBe(r);
    }
  });

  it('returns undefined for standard tags not in the table', () => {
    expect(lookupProfileRow(tag(0x0028, 0x0010))).toBeUndefined(); // Rows
    expect(lookupProfileRow(tag(0x7fe0, 0x0010))).toBeUndefined(); // Pixel Data
  });

  it('matches overlay rows in every even 60xx group', () => {
    for (const g of [0x6000, 0x6002, 0x601e, 0x60fe]) {
      expect(lookupProfileRow(tag(g, 0x3000))?.name).toBe('Overlay Data');
      expect(lookupProfileRow(tag(g, 0x4000))?.name).toBe('Overlay Comments');
    }
    expect(lookupProfileRow(0x60023000)?.tag).toBe('60xx3000');
  });

  it('does not match other overlay elements or groups outside 6000-60FF', () => {
    expect(lookupProfileRow(tag(0x6000, 0x0010))).toBeUndefined(); // Overlay Rows: not in the table
    expect(lookupProfileRow(tag(0x6100, 0x3000))).toBeUndefined();
    expect(lookupProfileRow(tag(0x5ffe, 0x3000))).toBeUndefined();
  });

  it('matches every element of every even 50xx curve group', () => {
    for (const t of [0x50001000, 0x50003000, 0x50020005, 0x50fe2600, 0x5010ffff]) {
      expect(lookupProfileRow(t)?.tag).toBe('50xxxxxx');
    }
    expect(lookupProfileRow(tag(0x5100, 0x3000))).toBeUndefined();
    expect(lookupProfileRow(tag(0x4ffe, 0x3000))).toBeUndefined();
  });

  it('never matches odd (private) groups', () => {
    expect(lookupProfileRow(tag(0x6001, 0x3000))).toBeUndefined();
    expect(lookupProfileRow(tag(0x6001, 0x4000))).toBeUndefined();
    expect(lookupProfileRow(tag(0x5001, 0x1000))).toBeUndefined();
    expect(lookupProfileRow(tag(0x0011, 0x0010))).toBeUndefined(); // (0010,0010)'s odd neighbour
    expect(lookupProfileRow(tag(0x0009, 0x1010))).toBeUndefined();
  });
});
