// The character set examples of PS3.5 itself, as byte fixtures transcribed from part05.xml:
// §6.1.2.3 (Günther), Annex H (Japanese), Annex I (Korean), Annex J (UTF-8, GB18030) and
// Annex K (GB 2312 with code extensions). Each is decoded, and re-encoded where the encoding is unique.

import { describe, expect, it } from 'vitest';
import { makeCharsetCodec } from './english-codec.ts';
import { cat, colRow, ESC, hex } from './bytes.ts';

const codecFor = (terms: string[] | undefined) => makeCharsetCodec(terms).codec;

describe('PS3.5 §6.1.2.3 (unsupported character sets note)', () => {
  it('decodes "Günther" 04/07 15/12 06/14 07/04 06/08 06/05 07/02 in ISO_IR 100', () => {
    const bytes = colRow('04/07 15/12 06/14 07/04 06/08 06/05 07/02');
    const { codec, warnings } = makeCharsetCodec(['ISO_IR 100']);
    expect(codec.decode(bytes, 'PN')).toBe('Günther');
    expect(codec.encode('Günther', 'PN')).toEqual(bytes);
    expect(warnings).toEqual([]);
  });
});

describe('PS3.5 Annex H (Japanese)', () => {
  // H.3.1 Example 1, "Encoded representation" (the standard's own "5/14" typo kept).
  const example1 = colRow(
    '05/09 06/01 06/13 06/01 06/04 06/01 5/14 05/04 06/01 07/02 06/15 07/05 03/13 01/11 02/04 04/02 03/11 03/03 ' +
      '04/05 04/04 01/11 02/08 04/02 05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/02 03/13 01/11 ' +
      '02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11 02/08 04/02 05/14 01/11 02/04 04/02 02/04 03/15 02/04 ' +
      '06/13 02/04 02/06 01/11 02/08 04/02',
  );
  // H.3.2 Example 2.
  const example2 = colRow(
    '13/04 12/15 12/00 13/14 05/14 12/00 13/11 11/03 03/13 01/11 02/04 04/02 03/11 03/03 04/05 04/04 01/11 02/08 ' +
      '04/10 05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/10 03/13 01/11 02/04 04/02 02/04 06/04 ' +
      '02/04 05/14 02/04 04/00 01/11 02/08 04/10 05/14 01/11 02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 ' +
      '02/08 04/10',
  );

  it('Example 1: \\ISO 2022 IR 87, Yamada^Tarou=山田^太郎=やまだ^たろう', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 87']);
    expect(codec.kind).toBe('iso2022');
    expect(codec.decode(example1, 'PN')).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
    expect(codec.encode('Yamada^Tarou=山田^太郎=やまだ^たろう', 'PN')).toEqual(example1);
    expect(warnings).toEqual([]);
  });

  it('Example 1 also decodes under "ISO 2022 IR 6\\ISO 2022 IR 87"', () => {
    expect(codecFor(['ISO 2022 IR 6', 'ISO 2022 IR 87']).decode(example1, 'PN')).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
  });

  it('Example 2: ISO 2022 IR 13\\ISO 2022 IR 87, ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう', () => {
    const { codec, warnings } = makeCharsetCodec(['ISO 2022 IR 13', 'ISO 2022 IR 87']);
    expect(codec.decode(example2, 'PN')).toBe('ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう');
    // Returning to the initial G0 (ISO-IR 14) uses ESC ( J, exactly as in the example.
    expect(codec.encode('ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう', 'PN')).toEqual(example2);
    expect(warnings).toEqual([]);
  });

  it('the printable rendering of Example 1 matches the bytes', () => {
    const printed = 'Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B';
    expect(example1).toEqual(cat(printed));
  });
});

describe('PS3.5 Annex I (Korean)', () => {
  // I.2 Example of Person Name.
  const pn = colRow(
    '04/08 06/15 06/14 06/07 05/14 04/07 06/09 06/12 06/04 06/15 06/14 06/07 03/13 01/11 02/04 02/09 04/03 15/11 ' +
      '15/03 05/14 01/11 02/04 02/09 04/03 13/01 12/14 13/04 13/07 03/13 01/11 02/04 02/09 04/03 12/08 10/11 05/14 ' +
      '01/11 02/04 02/09 04/03 11/01 14/06 11/05 11/15',
  );

  it('I.2: \\ISO 2022 IR 149, Hong^Gildong=洪^吉洞=홍^길동', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    expect(codec.decode(pn, 'PN')).toBe('Hong^Gildong=洪^吉洞=홍^길동');
    // Re-designation of G1 in every component, no explicit return to G0 (as in the example).
    expect(codec.encode('Hong^Gildong=洪^吉洞=홍^길동', 'PN')).toEqual(pn);
    expect(warnings).toEqual([]);
  });

  it('I.3: Long Text with Hangul and ASCII intermixed after one escape per line', () => {
    // 한글 = KS X 1001 C7D1 B1DB. ESC $ ) C at the head of lines 1 and 2, line 3 plain.
    const lt = cat(
      [ESC], '$)C', 'The first line includes ', hex('C7 D1 B1 DB'), '.\r\n',
      [ESC], '$)C', 'The second line includes ', hex('C7 D1 B1 DB'), ', too.\r\n',
      'The third line',
    );
    const text = 'The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line';
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 149']);
    expect(codec.decode(lt, 'LT')).toBe(text);
    expect(warnings).toEqual([]);
    const encoded = codec.encode(text, 'LT');
    expect(codec.decode(encoded, 'LT')).toBe(text);
    // Our encoder designates right before the first Hangul of each line; both placements are valid.
    expect(encoded.filter((b) => b === ESC).length).toBe(2);
  });
});

describe('PS3.5 Annex J (UTF-8 and GB18030)', () => {
  const j1 = hex(
    '0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xe7 0x8e 0x8b 0x5e 0xe5 0xb0 0x8f 0xe6 0x9d 0xb1 0x3d',
  );
  const j2 = hex(
    '0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 ' +
      '0xe4 0xb8 0xad 0xe6 0x96 0x87 ' +
      '0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x73 0x65 0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 ' +
      '0xe4 0xb8 0xad 0xe6 0x96 0x87 ' +
      '0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x74 0x68 0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a',
  );
  const j3 = hex(
    '0x57 0x61 0x6e 0x67 0x5e 0x58 0x69 0x61 0x6f 0x44 0x6f 0x6e 0x67 0x3d 0xcd 0xf5 0x5e 0xd0 0xa1 0xb6 0xab 0x3d',
  );
  const j4 = hex(
    '0x54 0x68 0x65 0x20 0x66 0x69 0x72 0x73 0x74 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 ' +
      '0xd6 0xd0 0xce 0xc4 ' +
      '0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x73 0x65 0x63 0x6f 0x6e 0x64 0x20 0x6c 0x69 0x6e 0x65 0x20 0x69 0x6e 0x63 0x6c 0x75 0x64 0x65 0x73 ' +
      '0xd6 0xd0 0xce 0xc4 ' +
      '0x2c 0x20 0x74 0x6f 0x6f 0x2e 0x0d 0x0a 0x54 0x68 0x65 0x20 0x74 0x68 0x69 0x72 0x64 0x20 0x6c 0x69 0x6e 0x65 0x2e 0x0d 0x0a',
  );
  // The printed text has a SPACE before 中文 but the standard's byte lists do not; the bytes rule.
  const lt = 'The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n';

  it('J.1: ISO_IR 192 person name Wang^XiaoDong=王^小東=', () => {
    const c = codecFor(['ISO_IR 192']);
    expect(c.decode(j1, 'PN')).toBe('Wang^XiaoDong=王^小東=');
    expect(c.encode('Wang^XiaoDong=王^小東=', 'PN')).toEqual(j1);
  });
  it('J.2: ISO_IR 192 long text', () => {
    const c = codecFor(['ISO_IR 192']);
    expect(c.decode(j2, 'LT')).toBe(lt);
    expect(c.encode(lt, 'LT')).toEqual(j2);
  });
  it('J.3: GB18030 person name Wang^XiaoDong=王^小东=', () => {
    const c = codecFor(['GB18030']);
    expect(c.decode(j3, 'PN')).toBe('Wang^XiaoDong=王^小东=');
    expect(c.encode('Wang^XiaoDong=王^小东=', 'PN')).toEqual(j3);
  });
  it('J.4: GB18030 long text (中 = D6D0, 文 = CEC4)', () => {
    const c = codecFor(['GB18030']);
    expect(c.decode(j4, 'LT')).toBe(lt);
    expect(c.encode(lt, 'LT')).toEqual(j4);
  });
  it('J.3/J.4 bytes are also valid GBK (the common coding area)', () => {
    const c = codecFor(['GBK']);
    expect(c.decode(j3, 'PN')).toBe('Wang^XiaoDong=王^小东=');
    expect(c.encode(lt, 'LT')).toEqual(j4);
  });
});

describe('PS3.5 Annex K (GB 2312 with code extensions)', () => {
  const k2 = hex(
    '0x5A 0x68 0x61 0x6E 0x67 0x5E 0x58 0x69 0x61 0x6F 0x44 0x6F 0x6E 0x67 0x3D 0x1B 0x24 0x29 0x41 0xD5 0xC5 ' +
      '0x5E 0x1B 0x24 0x29 0x41 0xD0 0xA1 0xB6 0xAB 0x3D 0x20',
  );
  const k3 = hex(
    '0x31 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xD2 0xBB 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A ' +
      '0x32 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xB6 0xFE 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A ' +
      '0x33 0x2e 0x1B 0x24 0x29 0x41 0xB5 0xDA 0xC8 0xFD 0xD0 0xD0 0xCE 0xC4 0xD7 0xD6 0xA1 0xA3 0x0D 0x0A',
  );

  it('K.2: \\ISO 2022 IR 58 person name Zhang^XiaoDong=张^小东= (trailing pad removed)', () => {
    const { codec, warnings } = makeCharsetCodec(['', 'ISO 2022 IR 58']);
    expect(codec.decode(k2, 'PN')).toBe('Zhang^XiaoDong=张^小东=');
    expect(codec.encode('Zhang^XiaoDong=张^小东=', 'PN')).toEqual(k2.subarray(0, k2.length - 1));
    expect(warnings).toEqual([]);
  });

  it('K.3: \\ISO 2022 IR 58 long text, one designation per line', () => {
    const text = '1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n';
    const c = codecFor(['', 'ISO 2022 IR 58']);
    expect(c.decode(k3, 'LT')).toBe(text);
    expect(c.encode(text, 'LT')).toEqual(k3);
  });
});
