// Lazily built decode/encode tables for the coded character sets of PS3.5 §6.1.2.3 and
// Annexes H, I, K: single-byte GR halves (ISO 8859-x, TIS 620, JIS X 0201 katakana) and the
// 94×94 double-byte sets (JIS X 0208, JIS X 0212, KS X 1001, GB 2312), derived from the
// platform TextDecoder (WHATWG/ICU indexes) so decoding and encoding always agree.

import type { TableId } from './terms.ts';

export const REPLACEMENT = 0xfffd;

/** TextDecoder used for the 0xA0–0xFF half of each single-byte set (0x80–0x9F are C1 controls). */
const SINGLE_BYTE_LABEL: Partial<Record<TableId, string>> = {
  'iso-8859-2': 'iso-8859-2',
  'iso-8859-3': 'iso-8859-3',
  'iso-8859-4': 'iso-8859-4',
  'iso-8859-5': 'iso-8859-5',
  'iso-8859-6': 'iso-8859-6',
  'iso-8859-7': 'iso-8859-7',
  'iso-8859-8': 'iso-8859-8',
  // WHATWG maps the label iso-8859-9 to windows-1254, which equals ISO 8859-9 for 0xA0–0xFF.
  'iso-8859-9': 'windows-1254',
  'iso-8859-15': 'iso-8859-15',
  // TIS 620 = windows-874 for 0xA0–0xFF (0xA0 is NBSP as in ISO 8859-11).
  'tis-620': 'windows-874',
};

const highCache = new Map<TableId, Uint16Array>();
const reverseCache = new Map<TableId, Map<number, number>>();

/** Code units for bytes 0x80–0xFF (index byte − 0x80) of a single-byte set; U+FFFD where undefined. */
export function singleByteHigh(table: TableId): Uint16Array {
  let high = highCache.get(table);
  if (high) return high;
  high = new Uint16Array(128);
  for (let i = 0; i < 32; i++) high[i] = 0x80 + i; // C1 controls map to themselves (ISO 8859 convention)
  if (table === 'latin1' || table === 'ascii' || table === 'romaji') {
    for (let i = 32; i < 128; i++) high[i] = 0x80 + i;
  } else if (table === 'katakana') {
    // JIS X 0201 katakana: 0xA1–0xDF → U+FF61–U+FF9F (halfwidth katakana); the rest is undefined.
    for (let i = 32; i < 128; i++) high[i] = REPLACEMENT;
    for (let b = 0xa1; b <= 0xdf; b++) high[b - 0x80] = 0xff61 + (b - 0xa1);
  } else {
    const label = SINGLE_BYTE_LABEL[table];
    if (!label) throw new Error(`no single-byte table for ${table}`);
    const bytes = new Uint8Array(96);
    for (let i = 0; i < 96; i++) bytes[i] = 0xa0 + i;
    const s = new TextDecoder(label).decode(bytes);
    if (s.length !== 96) throw new Error(`unexpected ${label} table length ${s.length}`);
    for (let i = 0; i < 96; i++) high[32 + i] = s.charCodeAt(i);
  }
  highCache.set(table, high);
  return high;
}

/** Code point → byte (0x80–0xFF) for a single-byte set's upper half. */
export function singleByteReverse(table: TableId): Map<number, number> {
  let rev = reverseCache.get(table);
  if (rev) return rev;
  rev = new Map();
  const high = singleByteHigh(table);
  for (let i = 0; i < 128; i++) {
    const cp = high[i];
    // C1 controls are decoded as themselves but are not valid DICOM text; keep them
    // encodable so that decode → encode is byte-exact.
    if (cp !== REPLACEMENT && !rev.has(cp)) rev.set(cp, 0x80 + i);
  }
  reverseCache.set(table, rev);
  return rev;
}

// ---------------------------------------------------------------------------------------------
// 94×94 double-byte sets. Codes are kept in "GR form": both bytes 0xA1–0xFE.

interface DoubleByteTable {
  /** (b1 − 0xA1) * 94 + (b2 − 0xA1) → UTF-16 code unit; 0 where unmapped. */
  forward: Uint16Array;
  /** Code point → (b1 << 8 | b2), restricted to the rows of the standard set. */
  reverse: Map<number, number>;
}

/** Rows (1-based) that belong to the registered set; the platform indexes add vendor rows. */
const STANDARD_ROWS: Record<string, (row: number) => boolean> = {
  jis0208: (r) => (r >= 1 && r <= 8) || (r >= 16 && r <= 84), // JIS X 0208-1990
  jis0212: () => true,
  ksc5601: () => true,
  gb2312: (r) => (r >= 1 && r <= 9) || (r >= 16 && r <= 87), // GB 2312-80
};

const dbCache = new Map<TableId, DoubleByteTable>();

function buildDoubleByte(table: TableId): DoubleByteTable {
  const prefix = table === 'jis0212' ? [0x8f] : []; // EUC-JP code set 3 = JIS X 0212
  const label = table === 'jis0208' || table === 'jis0212' ? 'euc-jp' : table === 'ksc5601' ? 'euc-kr' : 'gb18030';
  const stride = prefix.length + 3;
  const bytes = new Uint8Array(94 * 94 * stride);
  let o = 0;
  for (let b1 = 0xa1; b1 <= 0xfe; b1++) {
    for (let b2 = 0xa1; b2 <= 0xfe; b2++) {
      if (prefix.length) bytes[o++] = prefix[0];
      bytes[o++] = b1;
      bytes[o++] = b2;
      bytes[o++] = 0x0a; // separator: an invalid pair can never swallow it
    }
  }
  const parts = new TextDecoder(label).decode(bytes).split('\n');
  const forward = new Uint16Array(94 * 94);
  const reverse = new Map<number, number>();
  const rowOk = STANDARD_ROWS[table];
  for (let i = 0; i < 94 * 94; i++) {
    const s = parts[i];
    if (s === undefined || s.length !== 1 || s === '\ufffd') continue;
    const cu = s.charCodeAt(0);
    forward[i] = cu;
    if (cu >= 0xe000 && cu <= 0xf8ff) continue; // user-defined area: decodable, never chosen for encoding
    const row = Math.floor(i / 94) + 1;
    if (rowOk(row) && !reverse.has(cu)) reverse.set(cu, ((0xa1 + row - 1) << 8) | (0xa1 + (i % 94)));
  }
  return { forward, reverse };
}

export function doubleByteTable(table: TableId): DoubleByteTable {
  let t = dbCache.get(table);
  if (!t) {
    t = buildDoubleByte(table);
    dbCache.set(table, t);
  }
  return t;
}

/** Decode one GR-form pair (both bytes 0xA1–0xFE); 0 if unmapped. */
export function decodeDoubleByte(table: TableId, b1: number, b2: number): number {
  return doubleByteTable(table).forward[(b1 - 0xa1) * 94 + (b2 - 0xa1)];
}

/** Vendor superset decoders used leniently for pairs outside the 94×94 grid (GBK, Shift_JIS). */
const LENIENT_LABEL: Partial<Record<TableId, string>> = {
  gb2312: 'gb18030',
  katakana: 'shift_jis',
};
const lenientDecoders = new Map<string, TextDecoder>();

/** Decode a two-byte sequence with the set's vendor superset; undefined if it is not one character. */
export function decodeLenientPair(table: TableId, b1: number, b2: number): string | undefined {
  if (table === 'ksc5601') {
    const cp = decodeUhc(b1, b2);
    return cp ? String.fromCharCode(cp) : undefined;
  }
  const label = LENIENT_LABEL[table];
  if (!label) return undefined;
  let dec = lenientDecoders.get(label);
  if (!dec) {
    dec = new TextDecoder(label);
    lenientDecoders.set(label, dec);
  }
  const s = dec.decode(new Uint8Array([b1, b2]));
  return s.length >= 1 && s.length <= 2 && !s.includes('\ufffd') && [...s].length === 1 ? s : undefined;
}

let uhcSyllables: Uint16Array | undefined;

/**
 * CP949 (UHC) extension: the 8822 Hangul syllables missing from KS X 1001, in code point order,
 * at lead 0x81–0xC6 / trail 0x41–0x5A, 0x61–0x7A, 0x81–0xFE (only up to 0xA0 for leads ≥ 0xA1).
 * Computed here because not every platform's "euc-kr" TextDecoder implements UHC.
 */
export function decodeUhc(b1: number, b2: number): number {
  let t: number;
  if (b2 >= 0x41 && b2 <= 0x5a) t = b2 - 0x41;
  else if (b2 >= 0x61 && b2 <= 0x7a) t = b2 - 0x61 + 26;
  else if (b2 >= 0x81 && b2 <= 0xfe) t = b2 - 0x81 + 52;
  else return 0;
  let index: number;
  if (b1 >= 0x81 && b1 <= 0xa0) index = (b1 - 0x81) * 178 + t;
  else if (b1 >= 0xa1 && b1 <= 0xc6 && t < 84) index = 32 * 178 + (b1 - 0xa1) * 84 + t;
  else return 0;
  if (!uhcSyllables) {
    const ksc = doubleByteTable('ksc5601').reverse;
    const list: number[] = [];
    for (let cp = 0xac00; cp <= 0xd7a3; cp++) if (!ksc.has(cp)) list.push(cp);
    uhcSyllables = Uint16Array.from(list);
  }
  return index < uhcSyllables.length ? uhcSyllables[index] : 0;
}
