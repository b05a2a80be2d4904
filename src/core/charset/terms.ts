// Specific Character Set (0008,0005) defined terms, the coded character sets they name and the
// ISO/IEC 2022 escape sequences that designate them to G0/G1 (PS3.5 §6.1.2.3–§6.1.2.5;
// escape sequences as listed in PS3.5 Annex H Tables H.1-1/H.1-2, Annex I Table I.1-1,
// Annex K Table K.1-1 and PS3.3 Tables C.12-2..C.12-5). Also fixes common misspellings.

/** Decoding table of a coded character set (see tables.ts). */
export type TableId =
  | 'ascii' // ISO-IR 6
  | 'romaji' // ISO-IR 14 (JIS X 0201 roman): decoded as ASCII so 05/12 stays the value delimiter
  | 'katakana' // ISO-IR 13 (JIS X 0201 katakana)
  | 'latin1' // ISO-IR 100
  | 'iso-8859-2' | 'iso-8859-3' | 'iso-8859-4' | 'iso-8859-5' | 'iso-8859-6' | 'iso-8859-7' | 'iso-8859-8'
  | 'iso-8859-9' | 'iso-8859-15' | 'tis-620'
  | 'jis0208' // ISO-IR 87
  | 'jis0212' // ISO-IR 159
  | 'ksc5601' // ISO-IR 149 (KS X 1001)
  | 'gb2312'; // ISO-IR 58

export interface CodedSet {
  /** Human-readable registration, e.g. "ISO-IR 87". */
  readonly name: string;
  readonly width: 1 | 2;
  readonly table: TableId;
}

/** A coded set designated to a code element by an escape sequence. */
export interface Designation {
  readonly set: CodedSet;
  readonly element: 'G0' | 'G1';
  /** The full escape sequence, ESC included. */
  readonly escape: readonly number[];
}

const cs = (name: string, width: 1 | 2, table: TableId): CodedSet => ({ name, width, table });

export const SETS = {
  IR6: cs('ISO-IR 6', 1, 'ascii'),
  IR14: cs('ISO-IR 14', 1, 'romaji'),
  IR13: cs('ISO-IR 13', 1, 'katakana'),
  IR100: cs('ISO-IR 100', 1, 'latin1'),
  IR101: cs('ISO-IR 101', 1, 'iso-8859-2'),
  IR109: cs('ISO-IR 109', 1, 'iso-8859-3'),
  IR110: cs('ISO-IR 110', 1, 'iso-8859-4'),
  IR144: cs('ISO-IR 144', 1, 'iso-8859-5'),
  IR127: cs('ISO-IR 127', 1, 'iso-8859-6'),
  IR126: cs('ISO-IR 126', 1, 'iso-8859-7'),
  IR138: cs('ISO-IR 138', 1, 'iso-8859-8'),
  IR148: cs('ISO-IR 148', 1, 'iso-8859-9'),
  IR203: cs('ISO-IR 203', 1, 'iso-8859-15'),
  IR166: cs('ISO-IR 166', 1, 'tis-620'),
  IR87: cs('ISO-IR 87', 2, 'jis0208'),
  IR159: cs('ISO-IR 159', 2, 'jis0212'),
  IR149: cs('ISO-IR 149', 2, 'ksc5601'),
  IR58: cs('ISO-IR 58', 2, 'gb2312'),
} as const;

const E = 0x1b;
const d = (set: CodedSet, element: 'G0' | 'G1', ...seq: string[]): Designation => ({
  set,
  element,
  escape: [E, ...seq.join('').split('').map((c) => c.charCodeAt(0))],
});

/** Canonical designations, as written by the encoder. */
export const DESIGNATIONS = {
  IR6: d(SETS.IR6, 'G0', '(B'),
  IR14: d(SETS.IR14, 'G0', '(J'),
  IR13: d(SETS.IR13, 'G1', ')I'),
  IR100: d(SETS.IR100, 'G1', '-A'),
  IR101: d(SETS.IR101, 'G1', '-B'),
  IR109: d(SETS.IR109, 'G1', '-C'),
  IR110: d(SETS.IR110, 'G1', '-D'),
  IR144: d(SETS.IR144, 'G1', '-L'),
  IR127: d(SETS.IR127, 'G1', '-G'),
  IR126: d(SETS.IR126, 'G1', '-F'),
  IR138: d(SETS.IR138, 'G1', '-H'),
  IR148: d(SETS.IR148, 'G1', '-M'),
  IR203: d(SETS.IR203, 'G1', '-b'),
  IR166: d(SETS.IR166, 'G1', '-T'),
  IR87: d(SETS.IR87, 'G0', '$B'),
  IR159: d(SETS.IR159, 'G0', '$(D'),
  IR149: d(SETS.IR149, 'G1', '$)C'),
  IR58: d(SETS.IR58, 'G1', '$)A'),
} as const;

/** Non-DICOM but unambiguous designations accepted when decoding (lenient). */
const LENIENT: Designation[] = [
  d(SETS.IR13, 'G0', '(I'), // JIS7 katakana in G0
  d(SETS.IR87, 'G0', '$@'), // JIS C 6226-1978, decoded with the JIS X 0208 table
  d(SETS.IR87, 'G0', '$(B'),
  d(SETS.IR87, 'G1', '$)B'),
  d(SETS.IR159, 'G1', '$)D'),
  d(SETS.IR149, 'G0', '$(C'),
  d(SETS.IR58, 'G0', '$A'),
  d(SETS.IR58, 'G0', '$(A'),
];

const keyOf = (seq: ArrayLike<number>): string => String.fromCharCode(...Array.from(seq));

/** Escape sequence (as a binary string, ESC included) → designation. */
export const ESCAPES: ReadonlyMap<string, Designation> = new Map(
  [...Object.values(DESIGNATIONS), ...LENIENT].map((x) => [keyOf(x.escape), x] as const),
);
export const escapeKey = keyOf;

export type TermKind = 'default' | 'single' | 'multi' | 'utf8' | 'gb18030' | 'gbk';

export interface TermInfo {
  /** Canonical defined term. */
  readonly term: string;
  readonly kind: TermKind;
  readonly g0?: Designation;
  readonly g1?: Designation;
}

const TERMS = new Map<string, TermInfo>();
const add = (term: string, kind: TermKind, g0?: Designation, g1?: Designation): void => {
  TERMS.set(term, { term, kind, g0, g1 });
};
add('', 'default', DESIGNATIONS.IR6);
add('ISO_IR 6', 'default', DESIGNATIONS.IR6); // not a defined term, but common
add('ISO 2022 IR 6', 'default', DESIGNATIONS.IR6);
const singleByte: [number, Designation][] = [
  [100, DESIGNATIONS.IR100], [101, DESIGNATIONS.IR101], [109, DESIGNATIONS.IR109], [110, DESIGNATIONS.IR110],
  [144, DESIGNATIONS.IR144], [127, DESIGNATIONS.IR127], [126, DESIGNATIONS.IR126], [138, DESIGNATIONS.IR138],
  [148, DESIGNATIONS.IR148], [203, DESIGNATIONS.IR203], [166, DESIGNATIONS.IR166],
];
for (const [n, g1] of singleByte) {
  add(`ISO_IR ${n}`, 'single', DESIGNATIONS.IR6, g1);
  add(`ISO 2022 IR ${n}`, 'single', DESIGNATIONS.IR6, g1);
}
add('ISO_IR 13', 'single', DESIGNATIONS.IR14, DESIGNATIONS.IR13);
add('ISO 2022 IR 13', 'single', DESIGNATIONS.IR14, DESIGNATIONS.IR13);
add('ISO 2022 IR 87', 'multi', DESIGNATIONS.IR87);
add('ISO 2022 IR 159', 'multi', DESIGNATIONS.IR159);
add('ISO 2022 IR 149', 'multi', undefined, DESIGNATIONS.IR149);
add('ISO 2022 IR 58', 'multi', undefined, DESIGNATIONS.IR58);
add('ISO_IR 192', 'utf8');
add('GB18030', 'gb18030');
add('GBK', 'gbk');

/** Spellings seen in the wild that unambiguously mean a defined term. */
const ALIASES: Record<string, string> = {
  'UTF-8': 'ISO_IR 192',
  UTF8: 'ISO_IR 192',
  'ISO-10646': 'ISO_IR 192',
  'GB2312': 'ISO 2022 IR 58',
  'ISO 2022 58': 'ISO 2022 IR 58', // CP 1234 wording
  'ISO 2022 GBK': 'GBK', // CP 1234 wording
  'GB 18030': 'GB18030',
};

export interface ResolvedTerm {
  readonly info: TermInfo | undefined;
  /** Set when the raw value was not a defined term but was recognised as one. */
  readonly correctedFrom?: string;
}

/** Map a trimmed (0008,0005) value to its defined term; tolerant of case, '-'/'_'/' ' mix-ups. */
export function resolveTerm(raw: string): ResolvedTerm {
  const exact = TERMS.get(raw);
  if (exact) return { info: exact };
  const up = raw.toUpperCase().replace(/\s+/g, ' ');
  let candidate = ALIASES[up];
  if (!candidate) {
    const ext = /^ISO[ _-]?2022[ _-]?IR[ _-]?(\d+)$/.exec(up);
    const plain = /^ISO[ _-]?IR[ _-]?(\d+)$/.exec(up);
    if (ext) candidate = `ISO 2022 IR ${Number(ext[1])}`;
    else if (plain) {
      const n = Number(plain[1]);
      candidate = TERMS.has(`ISO_IR ${n}`) ? `ISO_IR ${n}` : `ISO 2022 IR ${n}`;
    }
  }
  const info = candidate ? TERMS.get(candidate) : TERMS.get(up);
  return info ? { info, correctedFrom: raw } : { info: undefined };
}
