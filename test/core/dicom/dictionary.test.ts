// The project's dictionary (dictionary.data.ts, generated from dcmjs) must answer exactly as
// dcmjs's DicomMetaDictionary does, for every attribute and for the repeating groups (PS3.5 §7.6:
// 50xx, 60xx, 7Fxx), so dropping the 1.1 MB dcmjs module from the product changes no lookup.
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { implicitVr, keywordOf, lookupTag, tagOfKeyword } from '../../../src/core/dicom/dictionary.ts';
import { DICTIONARY_SOURCE } from '../../../src/core/dicom/dictionary.data.ts';
import { tagHex } from '../../../src/core/dicom/tag.ts';

const dict = dcmjs.data.DicomMetaDictionary.dictionary as Record<string, { vr: string; vm: string; name: string } | undefined>;
const nameMap = dcmjs.data.DicomMetaDictionary.nameMap as Record<string, { tag: string }>;
const version = (dcmjs as unknown as { version?: string }).version;

describe('the generated dictionary', () => {
  it('was generated from the installed dcmjs', () => {
    expect(DICTIONARY_SOURCE).toMatch(/^dcmjs \d+\.\d+\.\d+$/);
    if (version) expect(DICTIONARY_SOURCE).toBe(`dcmjs ${version}`);
  });

  it('answers like dcmjs for every keyword, in both directions', () => {
    const names = Object.keys(nameMap);
    expect(names.length).toBeGreaterThan(5000);
    for (const name of names) {
      const t = parseInt(nameMap[name].tag.replace(/[^0-9A-Fa-f]/g, ''), 16) >>> 0;
      expect(tagOfKeyword(name), name).toBe(t);
      const e = dict[tagHex(t)];
      const mine = lookupTag(t);
      if ((t & 0xffff) === 0) continue; // group lengths are answered before the table
      expect(mine, name).toEqual({ vr: e!.vr, vm: e!.vm, keyword: e!.name });
    }
  });

  it('resolves the repeating groups as dcmjs does, and nothing else', () => {
    let checked = 0;
    for (let g = 0x5000; g <= 0x7fff; g += 2) {
      for (const el of [0x0005, 0x0010, 0x0022, 0x0040, 0x3000, 0x0102, 0x1001]) {
        const t = ((g << 16) | el) >>> 0;
        const e = dict[tagHex(t)];
        expect(lookupTag(t)?.keyword, tagHex(t)).toBe(e?.name);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(keywordOf(0x60023000)).toBe('OverlayData');
    expect(implicitVr(0x60023000)).toBe(implicitVr(0x60003000));
    expect(keywordOf(0x7fe00010)).toBe('PixelData');
    expect(implicitVr(0x7fe00010)).toBe('OW');
  });
});
