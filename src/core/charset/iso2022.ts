// ISO/IEC 2022 code extension decoder and encoder for multi-valued Specific Character Set
// (PS3.5 §6.1.2.5): G0 in GL, G1 in GR, no shifts; the Value 1 designation is re-established
// at CR, LF, FF, TAB, at the value delimiter 05/12 and, for PN, at "^" and "=" (§6.1.2.5.3).
// Escape sequences per PS3.5 Annexes H, I, K (e.g. ESC $ B, ESC $ ) C, ESC $ ) A, ESC ( J).

import { msg, type Message } from '../messages/message.ts';
import { decodeDoubleByte, decodeLenientPair, doubleByteTable, REPLACEMENT, singleByteHigh, singleByteReverse } from './tables.ts';
import { ESCAPES, escapeKey, type CodedSet, type Designation } from './terms.ts';

/** Records a note of the decoder (a Message: texts in codes.json). */
export type Warn = (message: Message) => void;

export interface Iso2022Config {
  /** Designations in force at the start of every value, line and (PN) component. */
  readonly initG0: CodedSet;
  readonly initG0Escape: readonly number[];
  readonly initG1: CodedSet | undefined;
  readonly initG1Escape: readonly number[] | undefined;
  /** Sets named by (0008,0005); others are decoded too, with a warning. */
  readonly declared: ReadonlySet<CodedSet>;
  /** Encoding preference: Value 1's sets first, then Values 2..n. */
  readonly candidates: readonly Designation[];
  /** Used (with a warning) for bytes ≥ 0x80 when nothing is designated to G1. */
  readonly fallbackG1: CodedSet | undefined;
  /** Label for messages, e.g. "\ISO 2022 IR 149". */
  readonly label: string;
}

/** VRs whose values are not split at 05/12 (it is an ordinary character there, PS3.5 §6.2). */
export const TEXT_VRS: ReadonlySet<string> = new Set(['LT', 'ST', 'UT']);

const ESC = 0x1b;
const isResetControl = (b: number): boolean => b === 0x0a || b === 0x0d || b === 0x0c || b === 0x09;
const isAsciiLike = (set: CodedSet): boolean => set.table === 'ascii' || set.table === 'romaji';
const hex = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');

export function unitsToString(units: number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode.apply(null, units.slice(i, i + 8192));
  return s;
}

function pushString(out: number[], s: string): void {
  for (let k = 0; k < s.length; k++) out.push(s.charCodeAt(k));
}

export function decodeIso2022(bytes: Uint8Array, vr: string, cfg: Iso2022Config, warn: Warn): string {
  const pn = vr === 'PN';
  const splitsValues = !TEXT_VRS.has(vr);
  let g0 = cfg.initG0;
  let g1 = cfg.initG1;
  const out: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b === ESC) {
      let j = i + 1;
      while (j < n && bytes[j] >= 0x20 && bytes[j] <= 0x2f) j++;
      if (j >= n || bytes[j] < 0x30 || bytes[j] > 0x7e) {
        warn(msg('charset-escape-malformed', { label: cfg.label }));
        i = j > i + 1 ? j : i + 1;
        continue;
      }
      const seq = bytes.subarray(i, j + 1);
      const des = ESCAPES.get(escapeKey(seq));
      if (!des) {
        warn(msg('charset-escape-unknown', { bytes: Array.from(seq.subarray(1), hex).join(' '), label: cfg.label }));
      } else {
        if (!cfg.declared.has(des.set) && !isAsciiLike(des.set)) {
          warn(msg('charset-escape-undeclared', { set: des.set.name, label: cfg.label }));
        }
        if (des.element === 'G0') g0 = des.set;
        else g1 = des.set;
      }
      i = j + 1;
      continue;
    }
    if (b < 0x20 || b === 0x7f) {
      out.push(b);
      if (isResetControl(b)) {
        g0 = cfg.initG0;
        g1 = cfg.initG1;
      }
      i++;
      continue;
    }
    if (b < 0x80) {
      if (g0.width === 2 && b !== 0x20) {
        const b2 = i + 1 < n ? bytes[i + 1] : -1;
        const cu = b2 >= 0x21 && b2 <= 0x7e ? decodeDoubleByte(g0.table, b | 0x80, b2 | 0x80) : 0;
        if (cu) {
          out.push(cu);
          i += 2;
        } else {
          warn(msg('charset-invalid-sequence', { set: g0.name, label: cfg.label }));
          out.push(REPLACEMENT);
          i += b2 >= 0x21 && b2 <= 0x7e ? 2 : 1;
        }
        continue;
      }
      out.push(isAsciiLike(g0) || b === 0x20 ? b : singleByteHigh(g0.table)[b]);
      if ((splitsValues && b === 0x5c) || (pn && (b === 0x5e || b === 0x3d))) {
        g0 = cfg.initG0;
        g1 = cfg.initG1;
      }
      i++;
      continue;
    }
    // GR: the G1 set.
    let set = g1;
    if (!set) {
      set = cfg.fallbackG1;
      warn(msg('charset-no-g1-escape', { label: cfg.label, set: set ? set.name : 'ISO 8859-1' }));
      if (!set) {
        out.push(b);
        i++;
        continue;
      }
    }
    i += decodeGr(bytes, i, set, out, warn, cfg.label);
  }
  return unitsToString(out);
}

/** Decode the GR character at bytes[i] with set; returns the number of bytes consumed. */
function decodeGr(bytes: Uint8Array, i: number, set: CodedSet, out: number[], warn: Warn, label: string): number {
  const b = bytes[i];
  const b2 = i + 1 < bytes.length ? bytes[i + 1] : -1;
  // Lenient second byte: vendor supersets (UHC, GBK, Shift_JIS) but never a delimiter or control.
  const lenientTrail = b2 >= 0x40 && b2 !== 0x5c && b2 !== 0x5e && b2 !== 0x7f && b2 !== 0xff;
  if (set.width === 1) {
    // JIS X 0201 leaves 0x80–0xA0 and 0xE0–0xFF unused: Shift_JIS lead bytes there are decoded leniently.
    if (set.table === 'katakana' && lenientTrail && ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc))) {
      const s = decodeLenientPair('katakana', b, b2);
      if (s) {
        warn(msg('charset-shift-jis', { label }));
        pushString(out, s);
        return 2;
      }
    }
    const cu = singleByteHigh(set.table)[b - 0x80];
    if (cu !== REPLACEMENT) {
      out.push(cu);
      return 1;
    }
    warn(msg('charset-byte-undefined', { byte: hex(b), set: set.name }));
    out.push(REPLACEMENT);
    return 1;
  }
  if (b >= 0xa1 && b <= 0xfe && b2 >= 0xa1 && b2 <= 0xfe) {
    const cu = decodeDoubleByte(set.table, b, b2);
    if (cu) {
      out.push(cu);
      return 2;
    }
  }
  if (lenientTrail) {
    const s = decodeLenientPair(set.table, b, b2);
    if (s) {
      warn(msg('charset-vendor-extension', { set: set.name, label }));
      pushString(out, s);
      return 2;
    }
  }
  warn(msg('charset-invalid-sequence', { set: set.name, label }));
  out.push(REPLACEMENT);
  return b2 >= 0xa1 && b2 <= 0xfe ? 2 : 1;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Bytes for cp in set as designated to element, or undefined if not representable. */
function encodeIn(set: CodedSet, element: 'G0' | 'G1', cp: number): number[] | undefined {
  if (set.width === 1) {
    if (isAsciiLike(set)) return undefined; // ASCII is handled by the caller
    const byte = singleByteReverse(set.table).get(cp);
    if (byte === undefined || byte < 0xa0) return undefined; // no C1 controls via code extension
    return [element === 'G0' ? byte & 0x7f : byte];
  }
  const code = doubleByteTable(set.table).reverse.get(cp);
  if (code === undefined) return undefined;
  const mask = element === 'G0' ? 0x7f : 0xff;
  return [(code >> 8) & mask, code & mask];
}

/** Whether a single code point is representable by any of the configured sets. */
export function canEncodeCodePointIso2022(cp: number, cfg: Iso2022Config): boolean {
  if (cp < 0x80) return true;
  if (cfg.initG1 && encodeIn(cfg.initG1, 'G1', cp)) return true;
  return cfg.candidates.some((c) => encodeIn(c.set, c.element, cp) !== undefined);
}

/** Encode with escape sequences; returns the bytes or the index of the first unencodable unit. */
export function encodeIso2022(text: string, vr: string, cfg: Iso2022Config): Uint8Array | { failAt: number } {
  const pn = vr === 'PN';
  const splitsValues = !TEXT_VRS.has(vr);
  const out: number[] = [];
  let g0 = cfg.initG0;
  let g1 = cfg.initG1;
  const backToInitial = (): void => {
    if (g0 !== cfg.initG0) out.push(...cfg.initG0Escape);
    if (g1 !== cfg.initG1 && cfg.initG1Escape) out.push(...cfg.initG1Escape);
    g0 = cfg.initG0;
    g1 = cfg.initG1;
  };
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      const reset = isResetControl(cp) || (splitsValues && cp === 0x5c) || (pn && (cp === 0x5e || cp === 0x3d));
      if (reset || cp < 0x20) backToInitial();
      else if (g0.width !== 1 || !isAsciiLike(g0)) {
        out.push(...cfg.initG0Escape);
        g0 = cfg.initG0;
      }
      out.push(cp);
      continue;
    }
    let bytes = g1 ? encodeIn(g1, 'G1', cp) : undefined;
    if (!bytes && g0.width === 2) bytes = encodeIn(g0, 'G0', cp);
    if (!bytes) {
      for (const c of cfg.candidates) {
        bytes = encodeIn(c.set, c.element, cp);
        if (!bytes) continue;
        out.push(...c.escape);
        if (c.element === 'G0') g0 = c.set;
        else g1 = c.set;
        break;
      }
    }
    if (!bytes) return { failAt: i };
    out.push(...bytes);
    i += units - 1;
  }
  backToInitial();
  return Uint8Array.from(out);
}
