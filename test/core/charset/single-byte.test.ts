// Default repertoire and single-byte replacement sets (PS3.5 §6.1.2.1–§6.1.2.3): byte fixtures
// for every ISO_IR term, padding removal (§6.2), unknown and misspelled terms, encode failures.

import { describe, expect, it } from 'vitest';
import { makeCharsetCodec } from './english-codec.ts';
import { cat, hex } from './bytes.ts';

interface Fixture {
  term: string;
  bytes: Uint8Array;
  text: string;
}

// Each fixture: known ISO 8859-x / TIS 620 / JIS X 0201 code positions (names from pydicom's
// charset_files where available).
const FIXTURES: Fixture[] = [
  { term: 'ISO_IR 100', bytes: hex('42 75 63 5E 4A E9 72 F4 6D 65'), text: 'Buc^Jérôme' },
  { term: 'ISO_IR 100', bytes: hex('C4 6E 65 61 73 5E 52 FC 64 69 67 65 72'), text: 'Äneas^Rüdiger' },
  { term: 'ISO_IR 101', bytes: hex('A3 F3 64 BC 20 44 76 6F F8 E1 6B'), text: 'Łódź Dvořák' },
  { term: 'ISO_IR 109', bytes: hex('A1 61 6D 72 75 6E 20 E6 75 20 D5 F5'), text: 'Ħamrun ĉu Ġġ' },
  { term: 'ISO_IR 110', bytes: hex('42 BA 72 7A 69 F1 B9'), text: 'Bērziņš' },
  { term: 'ISO_IR 144', bytes: hex('BB EE DA 63 65 DC D1 79 70 D3'), text: 'Люкceмбypг' },
  { term: 'ISO_IR 127', bytes: hex('E2 C8 C7 E6 EA 5E E4 E6 D2 C7 D1'), text: 'قباني^لنزار' },
  { term: 'ISO_IR 126', bytes: hex('C4 E9 EF ED F5 F3 E9 EF F2'), text: 'Διονυσιος' },
  { term: 'ISO_IR 138', bytes: hex('F9 F8 E5 EF 5E E3 E1 E5 F8 E4'), text: 'שרון^דבורה' },
  { term: 'ISO_IR 148', bytes: hex('DE 69 FE 6C 69 20 D0 F0 DD FD'), text: 'Şişli Ğğİı' },
  { term: 'ISO_IR 203', bytes: hex('A4 BC BD A6 BE'), text: '€ŒœŠŸ' },
  { term: 'ISO_IR 166', bytes: hex('E4 B7 C2'), text: 'ไทย' },
  { term: 'ISO_IR 13', bytes: hex('D4 CF C0 DE 5E C0 DB B3'), text: 'ﾔﾏﾀﾞ^ﾀﾛｳ' },
];

describe('single-byte character sets', () => {
  for (const f of FIXTURES) {
    it(`${f.term}: ${f.text}`, () => {
      const { codec, warnings } = makeCharsetCodec([f.term]);
      expect(codec.kind).toBe('single-byte');
      expect(codec.decode(f.bytes, 'PN')).toBe(f.text);
      expect(codec.canEncode(f.text)).toBe(true);
      expect(codec.encode(f.text, 'PN')).toEqual(f.bytes);
      expect(warnings).toEqual([]);
    });
    it(`${f.term} as a code extension value: ISO 2022 form decodes the same bytes`, () => {
      const term = f.term.replace('ISO_IR', 'ISO 2022 IR');
      expect(makeCharsetCodec([term]).codec.decode(f.bytes, 'PN')).toBe(f.text);
    });
  }

  it('ISO_IR 100 is exact ISO 8859-1: 0x80–0x9F are C1 controls, not windows-1252', () => {
    const c = makeCharsetCodec(['ISO_IR 100']).codec;
    expect(c.decode(hex('41 80 9F 42'), 'LO')).toBe('A\u0080\u009fB');
    expect(c.canEncode('€')).toBe(false);
  });

  it('ISO_IR 148 is ISO 8859-9, not windows-1254, in 0x80–0x9F', () => {
    const c = makeCharsetCodec(['ISO_IR 148']).codec;
    expect(c.decode(hex('80 9F'), 'LO')).toBe('\u0080\u009f');
  });

  it('every byte 0x00–0xFF round-trips through decode → encode for each set (where defined)', () => {
    for (const term of new Set(FIXTURES.map((f) => f.term))) {
      const { codec } = makeCharsetCodec([term]);
      for (let b = 0x01; b <= 0xff; b++) {
        if (b === 0x20 || b === 0x1b) continue; // padding, escape
        const s = codec.decode(Uint8Array.of(0x41, b, 0x41), 'LT');
        if (s.includes('\ufffd') || s.length !== 3) continue; // undefined, or a lenient Shift_JIS pair
        expect(codec.encode(s, 'LT'), `${term} byte ${b}`).toEqual(Uint8Array.of(0x41, b, 0x41));
      }
    }
  });

  it('ISO_IR 13: 0x5C stays the value delimiter and 0x7E stays "~" (decoded as ASCII)', () => {
    const c = makeCharsetCodec(['ISO_IR 13']).codec;
    expect(c.decode(hex('B1 5C 7E'), 'LO')).toBe('ｱ\\~');
  });

  it('ISO_IR 13 with Shift_JIS kanji (common mislabelling) decodes leniently with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 13']);
    expect(codec.decode(hex('8E 52 93 63 5E B2 C1 DB B3'), 'PN')).toBe('山田^ｲﾁﾛｳ');
    expect(warnings.join()).toMatch(/Shift_JIS/);
    expect(codec.canEncode('山田')).toBe(false);
  });

  it('an undefined byte becomes U+FFFD with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 127']);
    expect(codec.decode(hex('A1'), 'LO')).toBe('\ufffd');
    expect(warnings.length).toBe(1);
  });
});

describe('default repertoire (ISO-IR 6)', () => {
  for (const terms of [undefined, [], [''], ['ISO_IR 6'], ['ISO 2022 IR 6']]) {
    it(`(0008,0005) = ${JSON.stringify(terms)} decodes ASCII without warnings`, () => {
      const { codec, warnings } = makeCharsetCodec(terms);
      expect(codec.kind).toBe('default');
      expect(codec.decode(cat('DOE^JOHN '), 'PN')).toBe('DOE^JOHN');
      expect(warnings).toEqual([]);
    });
  }

  it('bytes > 0x7F decode as Latin-1 with a single warning', () => {
    const { codec, warnings } = makeCharsetCodec(undefined);
    expect(codec.decode(hex('47 FC 6E 74 68 65 72'), 'PN')).toBe('Günther');
    expect(codec.decode(hex('4D FC 6C 6C 65 72'), 'PN')).toBe('Müller');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Latin-1/);
  });

  it('encodes ASCII; refuses anything else', () => {
    const { codec } = makeCharsetCodec(undefined);
    expect(codec.encode('DOE^JOHN', 'PN')).toEqual(cat('DOE^JOHN'));
    expect(codec.canEncode('Günther')).toBe(false);
    expect(() => codec.encode('Günther', 'PN')).toThrow(/U\+00FC/);
  });
});

describe('padding and VRs not affected by the character set', () => {
  const { codec } = makeCharsetCodec(['ISO_IR 192']);
  it('removes trailing SPACE and NUL, keeps leading spaces of text VRs', () => {
    expect(codec.decode(cat('  indented text  '), 'LT')).toBe('  indented text');
    expect(codec.decode(cat('1.2.3', 0), 'UI')).toBe('1.2.3');
    expect(codec.decode(cat('ABC '), 'SH')).toBe('ABC');
    expect(codec.decode(cat('A \\B '), 'LO')).toBe('A \\B');
    expect(codec.decode(cat('line\r\n'), 'LT')).toBe('line\r\n');
  });
  it('decodes AE/CS/DA/... as Latin-1 even in a UTF-8 data set', () => {
    expect(codec.decode(hex('C3 A9'), 'CS')).toBe('Ã©');
    expect(codec.encode('Ã©', 'CS')).toEqual(hex('C3 A9'));
    expect(codec.decode(hex('C3 A9'), 'LO')).toBe('é');
  });
});

describe('unknown and misspelled terms', () => {
  it('unknown term: Latin-1 with a warning naming it, never throws', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 999']);
    expect(codec.decode(hex('4A E9 72 F4 6D 65'), 'PN')).toBe('Jérôme');
    expect(warnings.join('\n')).toContain('ISO_IR 999');
  });
  it('unknown extra value is ignored with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 87', 'FOO']);
    expect(codec.kind).toBe('iso2022');
    expect(warnings.join('\n')).toContain('FOO');
  });
  it.each([
    ['ISO-IR 100', 'ISO_IR 100'],
    ['ISO_IR100', 'ISO_IR 100'],
    ['iso_ir 144', 'ISO_IR 144'],
    ['ISO IR 192', 'ISO_IR 192'],
    ['UTF-8', 'ISO_IR 192'],
    ['ISO2022 IR 149', 'ISO 2022 IR 149'],
  ])('"%s" is read as "%s" with a warning', (raw, term) => {
    const { warnings } = makeCharsetCodec([raw]);
    expect(warnings.join('\n')).toContain(`assuming "${term}"`);
  });
  it('terms are trimmed', () => {
    const { codec, warnings } = makeCharsetCodec([' ISO_IR 100 ']);
    expect(codec.terms).toEqual(['ISO_IR 100']);
    expect(warnings).toEqual([]);
  });
  it('stand-alone sets: extra values after ISO_IR 192 are ignored; GB18030 as an extension is dropped', () => {
    const a = makeCharsetCodec(['ISO_IR 192', 'ISO 2022 IR 87']);
    expect(a.codec.kind).toBe('utf-8');
    expect(a.warnings.join()).toMatch(/does not allow code extensions/);
    const b = makeCharsetCodec(['ISO 2022 IR 100', 'GB18030']);
    expect(b.codec.kind).toBe('single-byte');
    expect(b.warnings.join()).toMatch(/cannot be used as a code extension/);
  });
});
