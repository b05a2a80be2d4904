// detectMislabelledCjk: GBK/GB18030 (or UTF-8) bytes in data sets declared ISO_IR 100, ISO-IR 6
// or without (0008,0005) (PS3.5 §6.1.2.3; Annex J for GB18030). Latin-1 names must not trigger.

import { describe, expect, it } from 'vitest';
import { detectMislabelledCjk, makeCharsetCodec } from './english-codec.ts';
import { cat, hex } from './bytes.ts';

// GBK bytes: 王^小明 = CD F5 5E D0 A1 C3 F7; 张伟 = D5 C5 CE B0; 欧阳娜娜 = C5 B7 D1 F4 C4 C8 C4 C8.
const WANG = hex('CD F5 5E D0 A1 C3 F7');
const ZHANG = hex('D5 C5 CE B0');
const OUYANG = cat(hex('C5 B7 D1 F4'), '^', hex('C4 C8 C4 C8'));
// 乗 = 81 5C (GBK-only lead 0x81 with an ASCII-range trail) with 李 = C0 EE.
const GBK_EXT = cat(hex('C0 EE 81 5C C0 EE'));

describe('detectMislabelledCjk', () => {
  for (const terms of [['ISO_IR 100'], [], [''], ['ISO_IR 6'], ['ISO 2022 IR 100'], ['ISO-IR 100']]) {
    it(`warns for GBK names declared ${JSON.stringify(terms)}`, () => {
      for (const bytes of [WANG, ZHANG, OUYANG, GBK_EXT]) {
        const w = detectMislabelledCjk(bytes, terms);
        expect(w).toMatch(/GBK\/GB18030/);
      }
      expect(detectMislabelledCjk(WANG, terms)).toContain('王^小明');
    });
  }

  it('does not warn for Latin-1 names', () => {
    const latin = [
      hex('4D FC 6C 6C 65 72'), // Müller
      hex('42 75 63 5E 4A E9 72 F4 6D 65'), // Buc^Jérôme
      hex('C4 6E 65 61 73 5E 52 FC 64 69 67 65 72'), // Äneas^Rüdiger
      hex('47 F6 DF 6D 61 6E 6E'), // Gößmann
      hex('C5 6E 67 73 74 72 F6 6D'), // Ångström
      hex('48 C9 4C C8 4E 45'), // HÉLÈNE
      hex('46 72 61 6E E7 6F 69 73 5E 4E 6F EB 6C'), // François^Noël
      cat('DOE^JOHN'),
    ];
    for (const bytes of latin) {
      expect(detectMislabelledCjk(bytes, ['ISO_IR 100'])).toBeUndefined();
      expect(detectMislabelledCjk(bytes, [])).toBeUndefined();
    }
  });

  it('does not warn when the declared set is not Latin-1/ASCII', () => {
    for (const terms of [['GB18030'], ['GBK'], ['ISO_IR 192'], ['ISO_IR 144'], ['', 'ISO 2022 IR 58']]) {
      expect(detectMislabelledCjk(WANG, terms)).toBeUndefined();
    }
  });

  it('does not warn for a single isolated pair (too little evidence)', () => {
    expect(detectMislabelledCjk(hex('CD F5'), ['ISO_IR 100'])).toBeUndefined();
  });

  it('reports UTF-8 instead of GBK when the bytes are valid UTF-8', () => {
    const utf8 = new TextEncoder().encode('王^小明');
    const w = detectMislabelledCjk(utf8, ['ISO_IR 100']);
    expect(w).toMatch(/UTF-8/);
    expect(w).not.toMatch(/GBK/);
  });

  it('is wired into the codec: one warning per data set', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 100']);
    expect(codec.decode(WANG, 'PN')).toBe('Í\u00f5^Ð¡Ã÷');
    codec.decode(ZHANG, 'PN');
    expect(warnings.filter((w) => /GBK/.test(w))).toHaveLength(1);
    const absent = makeCharsetCodec(undefined);
    absent.codec.decode(OUYANG, 'PN');
    expect(absent.warnings.some((w) => /GBK/.test(w))).toBe(true);
    expect(absent.warnings.some((w) => /Latin-1/.test(w))).toBe(true);
  });
});
