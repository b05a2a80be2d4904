// ISO 2022 code extensions (PS3.5 §6.1.2.5): escape sequences, the reset of the Value 1
// designation at CR/LF/FF/TAB, at 05/12 and (PN) at "^"/"=", JIS X 0212, mixed single-byte
// sets, lenient handling of undeclared/unknown escapes, and property-based round trips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCharsetCodec } from './english-codec.ts';
import { cat, ESC, hex } from './bytes.ts';

const JIS = ['', 'ISO 2022 IR 87'];

describe('state resets (PS3.5 §6.1.2.5.3)', () => {
  // 山 = JIS X 0208 0x3B33; "3B 33" read as ASCII is ";3".
  it('CR LF returns to ASCII without an explicit ESC ( B', () => {
    const c = makeCharsetCodec(JIS).codec;
    expect(c.decode(cat([ESC], '$B;3\r\n;3'), 'LT')).toBe('山\r\n;3');
    expect(c.decode(cat([ESC], '$B;3\n;3'), 'LT')).toBe('山\n;3');
    expect(c.decode(cat([ESC], '$B;3\f;3'), 'LT')).toBe('山\f;3');
    expect(c.decode(cat([ESC], '$B;3\t;3'), 'LT')).toBe('山\t;3');
  });

  it('05/12 resets for multi-valued VRs but is text in LT/ST/UT', () => {
    const c = makeCharsetCodec(['', 'ISO 2022 IR 149']).codec;
    // 홍 = C8AB. After "\" the G1 designation is gone (lenient fallback decodes it anyway, warning).
    const bytes = cat([ESC], '$)C', hex('C8 AB'), '\\', hex('C8 AB'));
    const lo = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    expect(lo.codec.decode(bytes, 'LO')).toBe('홍\\홍');
    expect(lo.warnings.join()).toMatch(/without a G1 escape sequence/);
    const lt = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    expect(lt.codec.decode(bytes, 'LT')).toBe('홍\\홍');
    expect(lt.warnings).toEqual([]);
    expect(c.encode('홍\\홍', 'LO')).toEqual(cat([ESC], '$)C', hex('C8 AB'), '\\', [ESC], '$)C', hex('C8 AB')));
    expect(c.encode('홍\\홍', 'LT')).toEqual(cat([ESC], '$)C', hex('C8 AB'), '\\', hex('C8 AB')));
  });

  it('a multi-byte G0 swallows 05/12 and "^" as second bytes (no false delimiter)', () => {
    // JIS 0x5C5E is a kanji; in G0 it must not be split at "\" or "^".
    const c = makeCharsetCodec(JIS).codec;
    const s = c.decode(cat([ESC], '$B\\^', [ESC], '(B'), 'PN');
    expect(s).toHaveLength(1);
    expect(s).not.toMatch(/[\\^]/);
    expect(c.encode(s, 'PN')).toEqual(cat([ESC], '$B\\^', [ESC], '(B'));
  });

  it('PN "^" and "=" reset; encoder returns to ASCII before each delimiter and at the end', () => {
    const c = makeCharsetCodec(JIS).codec;
    expect(c.encode('山^山=山', 'PN')).toEqual(
      cat([ESC], '$B;3', [ESC], '(B^', [ESC], '$B;3', [ESC], '(B=', [ESC], '$B;3', [ESC], '(B'),
    );
    // In LO "^" is an ordinary character: no reset needed before it, but ASCII needs G0 back.
    expect(c.encode('山^', 'LO')).toEqual(cat([ESC], '$B;3', [ESC], '(B^'));
  });

  it('multi-valued LO: each value starts in the initial state', () => {
    const c = makeCharsetCodec(JIS).codec;
    const bytes = c.encode('山田\\やまだ\\Yamada', 'LO');
    expect(bytes).toEqual(cat([ESC], '$B;3ED', [ESC], '(B\\', [ESC], '$B$d$^$@', [ESC], '(B\\Yamada'));
    expect(c.decode(bytes, 'LO')).toBe('山田\\やまだ\\Yamada');
  });
});

describe('designations', () => {
  it('ISO 2022 IR 159 (JIS X 0212): ESC $ ( D, 丂 = 0x3021', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159']);
    const bytes = cat([ESC], '$(D0!', [ESC], '(B');
    expect(codec.decode(bytes, 'LO')).toBe('丂');
    expect(codec.encode('丂', 'LO')).toEqual(bytes);
    // A character in both sets uses IR 87 (declared first): 山.
    expect(codec.encode('山丂', 'LO')).toEqual(cat([ESC], '$B;3', [ESC], '$(D0!', [ESC], '(B'));
    expect(warnings).toEqual([]);
  });

  it('ISO 2022 IR 100 with ISO 2022 IR 144: G1 switches and is restored before delimiters', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO 2022 IR 100', 'ISO 2022 IR 144']);
    const bytes = codec.encode('Jérôme=Люк', 'PN');
    expect(bytes).toEqual(cat('J', hex('E9'), 'r', hex('F4'), 'me=', [ESC], '-L', hex('BB EE DA'), [ESC], '-A'));
    expect(codec.decode(bytes, 'PN')).toBe('Jérôme=Люк');
    // Decoder: after "=" G1 is ISO-IR 100 again even without the trailing ESC - A.
    expect(codec.decode(cat([ESC], '-L', hex('BB'), '=', hex('E9')), 'PN')).toBe('Л=é');
    expect(warnings).toEqual([]);
  });

  it('ISO 2022 IR 13: katakana in G1, romaji ESC ( J and ESC ) I are understood', () => {
    const c = makeCharsetCodec(['ISO 2022 IR 13', 'ISO 2022 IR 87']).codec;
    expect(c.decode(cat([ESC], ')I', hex('B1'), [ESC], '(JA'), 'LO')).toBe('ｱA');
  });

  it('escapes to undeclared sets are decoded with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 87']);
    expect(codec.decode(cat([ESC], '$)C', hex('C8 AB')), 'LO')).toBe('홍');
    expect(warnings.join()).toMatch(/ISO-IR 149.*does not declare/);
  });

  it('unknown escape sequences are dropped with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 87']);
    expect(codec.decode(cat('A', [ESC], '(Z', 'B'), 'LO')).toBe('AB');
    expect(warnings.join()).toMatch(/Unknown escape sequence ESC 28 5A/);
  });

  it('Korean bytes without any escape (\\ISO 2022 IR 149) decode as KS X 1001 with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    expect(codec.decode(hex('B1 E8 C8 F1 C1 DF'), 'PN')).toBe('김희중');
    expect(warnings.length).toBe(1);
  });

  it('Value 1 given as a multi-byte set (single-valued "ISO 2022 IR 149") still works', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO 2022 IR 149']);
    expect(codec.decode(cat([ESC], '$)C', hex('B1 E8 C8 F1 C1 DF')), 'PN')).toBe('김희중');
    expect(codec.encode('김희중', 'PN')).toEqual(cat([ESC], '$)C', hex('B1 E8 C8 F1 C1 DF')));
    expect(warnings.join()).toMatch(/Value 1/);
  });

  it('ESC inside a single-valued ISO_IR 100 value is decoded as ISO 2022 with a warning', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 100']);
    expect(codec.decode(cat('A', [ESC], '$B;3', [ESC], '(B', hex('E9')), 'LO')).toBe('A山é');
    expect(warnings.length).toBeGreaterThan(0);
  });

  it('Korean vendor (UHC) pairs outside KS X 1001 decode leniently', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    // 똠 is not in KS X 1001; CP949 encodes it as 8C 63.
    expect(codec.decode(cat([ESC], '$)C', hex('8C 63')), 'PN')).toBe('똠');
    expect(warnings.join()).toMatch(/vendor extension/);
    expect(codec.canEncode('똠')).toBe(false);
  });
});

describe('encoding failures', () => {
  it('throws with a clear message and canEncode is false', () => {
    const c = makeCharsetCodec(JIS).codec;
    expect(c.canEncode('山田 é')).toBe(false);
    expect(() => c.encode('山田 é', 'PN')).toThrow(/Cannot encode "é" \(U\+00E9\).*ISO 2022 IR 87/);
    expect(c.canEncode('😀')).toBe(false);
    expect(c.canEncode('Yamada^Tarou=山田^太郎=やまだ^たろう')).toBe(true);
    expect(c.encode('plain ASCII', 'LO')).toEqual(cat('plain ASCII'));
  });
  it('vendor rows of the JIS index are not used for encoding (髙 is IBM extension only)', () => {
    expect(makeCharsetCodec(JIS).codec.canEncode('髙')).toBe(false);
  });
});

// --- property-based round trips ------------------------------------------------------------

const chars = (s: string) => fc.constantFrom(...Array.from(s));
const ASCII = 'ABCXYZabcxyz0189 .,-';
const roundTrip = (terms: string[], alphabet: string, vr: string) => {
  const { codec } = makeCharsetCodec(terms);
  fc.assert(
    fc.property(fc.array(chars(alphabet), { maxLength: 40 }), (arr) => {
      const text = arr.join('').replace(/[ ]+$/, '');
      const bytes = codec.encode(text, vr);
      expect(codec.decode(bytes, vr)).toBe(text);
    }),
    { numRuns: 300 },
  );
};

describe('round trips (fast-check)', () => {
  it('Japanese PN: \\ISO 2022 IR 87', () => roundTrip(JIS, ASCII + '^=山田太郎やまだたろうアイウ漢字', 'PN'));
  it('Japanese LT with lines: ISO 2022 IR 13\\ISO 2022 IR 87', () =>
    roundTrip(['ISO 2022 IR 13', 'ISO 2022 IR 87'], ASCII + '\r\n\t\\ｱｲｳﾞ山田やまだ', 'LT'));
  it('Japanese LO with JIS X 0212: \\ISO 2022 IR 87\\ISO 2022 IR 159', () =>
    roundTrip(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], ASCII + '\\山丂', 'LO'));
  it('Korean PN: \\ISO 2022 IR 149', () => roundTrip(['', 'ISO 2022 IR 149'], ASCII + '^=洪吉洞홍길동김희중', 'PN'));
  it('Chinese PN/LO: \\ISO 2022 IR 58', () => {
    roundTrip(['', 'ISO 2022 IR 58'], ASCII + '^=张小东第一行文字。', 'PN');
    roundTrip(['', 'ISO 2022 IR 58'], ASCII + '\\张小东', 'LO');
  });
  it('mixed Latin-1 / Cyrillic / Greek: ISO 2022 IR 100\\ISO 2022 IR 144\\ISO 2022 IR 126', () =>
    roundTrip(['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126'], ASCII + '^=\\éüßЖЛюΔιο', 'PN'));
});
