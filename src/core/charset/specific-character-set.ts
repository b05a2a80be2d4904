// Decode and encode DICOM string values for a data set's Specific Character Set (0008,0005):
// default repertoire, single-byte replacements, UTF-8/GB18030/GBK and ISO 2022 code extensions
// (PS3.5 §6.1.2.1–§6.1.2.5, Annexes H–K). Trailing SPACE/NUL padding is removed (PS3.5 §6.2).
// Pure: only TextDecoder/TextEncoder are used, so it runs in Node, workers and the browser.

import { msg, type Message } from '../messages/message.ts';
import { canEncodeGb, encodeGb, gb18030Decoder } from './gb18030.ts';
import { canEncodeCodePointIso2022, decodeIso2022, encodeIso2022, unitsToString, type Iso2022Config, type Warn } from './iso2022.ts';
import { detectMislabelledCjk } from './mislabel.ts';
import { REPLACEMENT, singleByteHigh, singleByteReverse } from './tables.ts';
import { DESIGNATIONS, SETS, type CodedSet, type Designation } from './terms.ts';
import { resolveCharacterSet } from './resolve.ts';

export { detectMislabelledCjk } from './mislabel.ts';

export type CharsetKind = 'default' | 'single-byte' | 'utf-8' | 'gb18030' | 'gbk' | 'iso2022';

export interface CharsetCodec {
  /** The (0008,0005) values this codec was built from (trimmed). */
  readonly terms: string[];
  /** How values are decoded: see CharsetKind. */
  readonly kind: CharsetKind;
  /** Live, de-duplicated list of warnings (the same array makeCharsetCodec returns); decode() may add to it. */
  readonly warnings: Message[];
  /** Decode one element's raw value bytes (backslash-separated values stay joined) for the given VR. */
  decode(bytes: Uint8Array, vr: string): string;
  /** Encode for this data set's character set (no padding added). Throws if a character cannot be represented. */
  encode(text: string, vr: string): Uint8Array;
  /** True when encode(text) can represent every character of text (for character-set-affected VRs). */
  canEncode(text: string): boolean;
}

/** VRs whose repertoire (0008,0005) extends or replaces (PS3.5 §6.1.2.3, §6.1.2.5). */
export const CHARSET_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'UC', 'ST', 'LT', 'UT', 'PN']);

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** True when every byte is < 0x80. */
export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

const asciiDecoder = new TextDecoder('utf-8'); // identical to ASCII for bytes < 0x80, and fast

/** Exact ISO 8859-1 (every byte → the code point of the same value); fast for ASCII too. */
export function latin1(bytes: Uint8Array): string {
  if (isAscii(bytes)) return asciiDecoder.decode(bytes);
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

/** Remove trailing SPACE and NUL padding (PS3.5 §6.2: trailing spaces are insignificant). */
export function stripPadding(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x00) break;
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

function decodeSingleByte(bytes: Uint8Array, set: CodedSet, warn: Warn): string {
  if (set.table === 'latin1' || isAscii(bytes)) return latin1(bytes);
  const high = singleByteHigh(set.table);
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out[i] = b < 0x80 ? b : high[b - 0x80];
    if (out[i] === REPLACEMENT) warn(msg('charset-byte-undefined', { byte: b.toString(16).toUpperCase(), set: set.name }));
  }
  return unitsToString(out);
}

function encodeSingleByte(text: string, set: CodedSet | undefined): Uint8Array | { failAt: number } {
  const out = new Uint8Array(text.length);
  const rev = set && set.table !== 'latin1' ? singleByteReverse(set.table) : undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (!set) return { failAt: i };
    else if (!rev) {
      if (c > 0xff) return { failAt: i };
      out[i] = c;
    } else {
      const b = rev.get(c);
      if (b === undefined) return { failAt: i };
      out[i] = b;
    }
  }
  return out;
}

function encodeUtf8(text: string): Uint8Array | { failAt: number } {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const lo = text.charCodeAt(i + 1);
    if (c > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) return { failAt: i };
    i++;
  }
  return utf8Encoder.encode(text);
}

function describeFailure(text: string, failAt: number, terms: string[]): Error {
  const cp = text.codePointAt(failAt) ?? 0;
  const ch = String.fromCodePoint(cp);
  const label = terms.length ? terms.join('\\') : '(absent: ISO-IR 6)';
  return new Error(
    `Cannot encode "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at index ${failAt} ` +
      `in Specific Character Set "${label}"; use ISO_IR 192 instead`,
  );
}

export function makeCharsetCodec(specificCharacterSet: string[] | undefined): { codec: CharsetCodec; warnings: Message[] } {
  const warnings: Message[] = [];
  const seen = new Set<string>();
  const warn: Warn = (m) => {
    const key = JSON.stringify([m.code, m.params]);
    if (!seen.has(key)) {
      seen.add(key);
      warnings.push(m);
    }
  };
  const terms = (specificCharacterSet ?? []).map((t) => t.trim());
  const resolved = resolveCharacterSet(terms, warn);
  const kind = resolved.kind;
  const single: CodedSet | undefined = resolved.single;
  const iso: Iso2022Config | undefined = resolved.iso;
  let lenient: Iso2022Config | undefined;
  // Latin (or absent) declarations get a check for GBK/UTF-8 bytes in disguise (one warning per data set).
  let mislabelChecked = !(kind === 'default' || (kind === 'single-byte' && single === SETS.IR100));

  const decodeAffected = (bytes: Uint8Array, vr: string): string => {
    if (kind === 'utf-8') {
      try {
        return utf8Fatal.decode(bytes);
      } catch {
        warn(msg('charset-invalid-utf8'));
        return utf8Lenient.decode(bytes);
      }
    }
    if (kind === 'gb18030' || kind === 'gbk') {
      if (isAscii(bytes)) return asciiDecoder.decode(bytes);
      try {
        return gb18030Decoder(true).decode(bytes);
      } catch {
        warn(msg('charset-invalid-gb', { set: kind === 'gbk' ? 'GBK' : 'GB18030' }));
        return gb18030Decoder().decode(bytes);
      }
    }
    const ascii = isAscii(bytes);
    const esc = bytes.includes(0x1b);
    if (ascii && !esc) return asciiDecoder.decode(bytes);
    if (!ascii && !mislabelChecked) {
      const m = detectMislabelledCjk(bytes, terms);
      if (m) {
        warn(m);
        mislabelChecked = true;
      }
    }
    if (iso) return decodeIso2022(bytes, vr, iso, warn);
    if (!esc) {
      if (kind === 'default') {
        warn(msg('charset-default-high-bytes'));
        return latin1(bytes);
      }
      // JIS X 0201 goes through the ISO 2022 decoder for its lenient Shift_JIS handling.
      if (single !== SETS.IR13) return decodeSingleByte(bytes, single!, warn);
    } else {
      warn(msg('charset-escapes-undeclared', { terms: terms.join('\\') }));
    }
    return decodeIso2022(bytes, vr, (lenient ??= lenientIso(single)), warn);
  };

  const encodeAffected = (text: string, vr: string): Uint8Array | { failAt: number } => {
    switch (kind) {
      case 'utf-8':
        return encodeUtf8(text);
      case 'gb18030':
        return encodeGb(text, true);
      case 'gbk':
        return encodeGb(text, false);
      case 'iso2022':
        return encodeIso2022(text, vr, iso!);
      case 'single-byte':
        return encodeSingleByte(text, single);
      default:
        return encodeSingleByte(text, undefined);
    }
  };

  const codec: CharsetCodec = {
    terms,
    kind,
    warnings,
    decode(bytes, vr) {
      if (!CHARSET_VRS.has(vr)) {
        if (isAscii(bytes)) return stripPadding(asciiDecoder.decode(bytes));
        warn(msg('charset-high-bytes-in-vr', { vr }));
        return stripPadding(latin1(bytes));
      }
      return stripPadding(decodeAffected(bytes, vr));
    },
    encode(text, vr) {
      const r = CHARSET_VRS.has(vr) ? encodeAffected(text, vr) : encodeSingleByte(text, SETS.IR100);
      if (r instanceof Uint8Array) return r;
      throw describeFailure(text, r.failAt, terms);
    },
    canEncode(text) {
      let ascii = true;
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0x7f) {
          ascii = false;
          break;
        }
      }
      if (ascii) return true;
      switch (kind) {
        case 'utf-8':
          return encodeUtf8(text) instanceof Uint8Array;
        case 'gb18030':
          return canEncodeGb(text, true);
        case 'gbk':
          return canEncodeGb(text, false);
        case 'iso2022':
          for (const ch of text) if (!canEncodeCodePointIso2022(ch.codePointAt(0)!, iso!)) return false;
          return true;
        default:
          return encodeAffected(text, 'LO') instanceof Uint8Array;
      }
    },
  };
  return { codec, warnings };
}

/** Code extensions for a single-valued (or absent) set that nevertheless contains ESC. */
function lenientIso(single: CodedSet | undefined): Iso2022Config {
  const byTable = Object.values(DESIGNATIONS).find((d: Designation) => d.set === single);
  const g0 = single === SETS.IR13 ? DESIGNATIONS.IR14 : DESIGNATIONS.IR6;
  return {
    initG0: g0.set,
    initG0Escape: g0.escape,
    initG1: single,
    initG1Escape: byTable?.escape,
    declared: new Set(single ? [single, g0.set] : [g0.set]),
    candidates: byTable ? [byTable] : [],
    fallbackG1: single ? undefined : SETS.IR100,
    label: single?.name ?? 'ISO-IR 6',
  };
}
