// Multi-byte sets without code extensions (PS3.5 §6.1.2.3, §6.1.2.5.4, Annex J): ISO_IR 192
// (UTF-8), GB18030 and GBK. Byte fixtures for common and rare Chinese names, the lazily built
// GB18030/GBK encoder, and fast-check round trips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCharsetCodec } from './english-codec.ts';
import { cat, hex } from './bytes.ts';

const gb18030 = () => makeCharsetCodec(['GB18030']);
const gbk = () => makeCharsetCodec(['GBK']);

describe('GB18030', () => {
  const FIXTURES: [string, string][] = [
    ['中文', 'D6 D0 CE C4'],
    ['张伟', 'D5 C5 CE B0'],
    ['欧阳娜娜', 'C5 B7 D1 F4 C4 C8 C4 C8'],
    ['Wang^XiaoDong=王^小东=', '57 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D CD F5 5E D0 A1 B6 AB 3D'],
    ['€', 'A2 E3'],
    ['é', 'A8 A6'],
    ['㐀', '81 39 EE 39'], // CJK Extension A: four-byte BMP range
    ['𠀀', '95 32 82 36'], // U+20000, CJK Extension B: supplementary, computed
    ['김', '82 38 8B 31'], // Hangul: four-byte BMP range
  ];
  for (const [text, bytes] of FIXTURES) {
    it(`${text} ⇄ ${bytes}`, () => {
      const { codec, warnings } = gb18030();
      expect(codec.kind).toBe('gb18030');
      expect(codec.decode(hex(bytes), 'PN')).toBe(text);
      expect(codec.canEncode(text)).toBe(true);
      expect(codec.encode(text, 'PN')).toEqual(hex(bytes));
      expect(warnings).toEqual([]);
    });
  }

  it('a 0x5C trail byte is part of the character, not a value delimiter', () => {
    // 乗 (U+4E57) is GBK 81 5C.
    const { codec } = gb18030();
    expect(codec.decode(hex('81 5C 5C 41'), 'LO')).toBe('乗\\A');
    expect(codec.encode('乗\\A', 'LO')).toEqual(hex('81 5C 5C 41'));
  });

  it('invalid sequences decode with U+FFFD and a warning', () => {
    const { codec, warnings } = gb18030();
    expect(codec.decode(hex('41 FF 42'), 'LO')).toContain('\ufffd');
    expect(warnings).toHaveLength(1);
  });

  it('lone surrogates cannot be encoded', () => {
    const { codec } = gb18030();
    expect(codec.canEncode('a\ud800b')).toBe(false);
    expect(() => codec.encode('a\ud800b', 'LO')).toThrow(/U\+D800/);
  });

  it('round-trips any Unicode text (fast-check)', () => {
    const { codec } = gb18030();
    const text = fc
      .string({ unit: 'binary', maxLength: 30 })
      // U+FFFD and a few private-use code points have no GB18030 mapping in current decoders.
      .filter((s) => !/[\p{Cs}\u{E000}-\u{F8FF}\u{FFFD}]/u.test(s))
      .map((s) => s.replace(/[ \0]+$/, ''));
    fc.assert(
      fc.property(text, (s) => {
        expect(codec.canEncode(s)).toBe(true);
        expect(codec.decode(codec.encode(s, 'LT'), 'LT')).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips Chinese names (fast-check over CJK Unified Ideographs)', () => {
    const { codec } = gb18030();
    const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    const name = fc.tuple(fc.array(hanzi, { minLength: 1, maxLength: 2 }), fc.array(hanzi, { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(name, ([family, given]) => {
        const pn = `${family.join('')}^${given.join('')}`;
        expect(codec.decode(codec.encode(pn, 'PN'), 'PN')).toBe(pn);
      }),
      { numRuns: 500 },
    );
  });
});

describe('GBK', () => {
  it('decodes and encodes two-byte Chinese', () => {
    const { codec, warnings } = gbk();
    expect(codec.kind).toBe('gbk');
    expect(codec.decode(hex('D6 D0 CE C4'), 'LO')).toBe('中文');
    expect(codec.encode('欧阳娜娜', 'PN')).toEqual(hex('C5 B7 D1 F4 C4 C8 C4 C8'));
    expect(codec.encode('ê', 'LO')).toEqual(hex('A8 BA'));
    expect(warnings).toEqual([]);
  });
  it('has no four-byte sequences: Extension B and Hangul are not representable', () => {
    const { codec } = gbk();
    expect(codec.canEncode('𠀀')).toBe(false);
    expect(codec.canEncode('김')).toBe(false);
    expect(() => codec.encode('王𠀀', 'PN')).toThrow(/U\+20000/);
  });
  it('round-trips all CJK Unified Ideographs U+4E00–U+9FA5 (GBK covers them all)', () => {
    const { codec } = gbk();
    let all = '';
    for (let c = 0x4e00; c <= 0x9fa5; c++) all += String.fromCharCode(c);
    expect(codec.decode(codec.encode(all, 'UT'), 'UT')).toBe(all);
  });
});

describe('ISO_IR 192 (UTF-8)', () => {
  it('decodes and encodes', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 192']);
    expect(codec.kind).toBe('utf-8');
    expect(codec.decode(hex('E4 B8 AD E6 96 87'), 'LO')).toBe('中文');
    expect(codec.encode('Müller^Jürgen', 'PN')).toEqual(cat('M', hex('C3 BC'), 'ller^J', hex('C3 BC'), 'rgen'));
    expect(codec.decode(hex('F0 9F 98 80'), 'LT')).toBe('😀');
    expect(warnings).toEqual([]);
  });
  it('invalid UTF-8 decodes with U+FFFD and a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 192']);
    expect(codec.decode(hex('4D FC 6C 6C 65 72'), 'PN')).toBe('M\ufffdller');
    expect(warnings.join()).toMatch(/Invalid UTF-8/);
  });
  it('round-trips any well-formed Unicode (fast-check)', () => {
    const { codec } = makeCharsetCodec(['ISO_IR 192']);
    const text = fc
      .string({ unit: 'binary', maxLength: 40 })
      .filter((s) => !/\p{Cs}/u.test(s))
      .map((s) => s.replace(/[ \0]+$/, ''));
    fc.assert(
      fc.property(text, (s) => {
        expect(codec.canEncode(s)).toBe(true);
        expect(codec.decode(codec.encode(s, 'UT'), 'UT')).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
  it('decode keeps a leading BOM byte sequence (no silent stripping)', () => {
    const { codec } = makeCharsetCodec(['ISO_IR 192']);
    expect(codec.decode(hex('EF BB BF 41'), 'LO')).toBe('\ufeffA');
  });
});
