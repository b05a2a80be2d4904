// Decodes element values for plans, reports and rules, and encodes replacement values, in the
// byte order and character set of the data set they belong to (PS3.5 §6.2 value encodings,
// §6.1 character sets). Untouched values are never re-encoded: they keep their original bytes.

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import type { Element } from './dataset.ts';
import { formatTag, tag } from './tag.ts';
import { NUMERIC_VR_SIZE, SINGLE_VALUE_TEXT_VRS, STRING_VRS, padByte } from './vr.ts';

export const isStringVr = (vr: string): boolean => STRING_VRS.has(vr);

/** String values of an element (empty array when it has no value or is not a string VR). */
export function decodeStrings(el: Element, codec: CharsetCodec): string[] {
  if (el.value.kind !== 'bytes' || !STRING_VRS.has(el.vr) || el.value.bytes.length === 0) return [];
  const text = codec.decode(el.value.bytes, el.vr);
  if (SINGLE_VALUE_TEXT_VRS.has(el.vr)) return text === '' ? [] : [text];
  const parts = text.split('\\').map((s) => (el.vr === 'LT' ? s : s.trim()));
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

/** The first string value, or '' */
export const firstString = (el: Element | undefined, codec: CharsetCodec): string => (el ? (decodeStrings(el, codec)[0] ?? '') : '');

/** Numeric values of a binary-numeric element. */
export function decodeNumbers(el: Element, littleEndian: boolean): number[] {
  const size = NUMERIC_VR_SIZE[el.vr];
  if (el.value.kind !== 'bytes' || !size) return [];
  const b = el.value.bytes;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: number[] = [];
  for (let i = 0; i + size <= b.length; i += size) {
    switch (el.vr) {
      case 'US': case 'OW': out.push(v.getUint16(i, littleEndian)); break;
      case 'SS': out.push(v.getInt16(i, littleEndian)); break;
      case 'UL': case 'OL': out.push(v.getUint32(i, littleEndian)); break;
      case 'SL': out.push(v.getInt32(i, littleEndian)); break;
      case 'FL': case 'OF': out.push(v.getFloat32(i, littleEndian)); break;
      case 'FD': case 'OD': out.push(v.getFloat64(i, littleEndian)); break;
      case 'SV': out.push(Number(v.getBigInt64(i, littleEndian))); break;
      case 'UV': case 'OV': out.push(Number(v.getBigUint64(i, littleEndian))); break;
      case 'AT': out.push(tag(v.getUint16(i, littleEndian), v.getUint16(i + 2, littleEndian))); break;
    }
  }
  return out;
}

const MAX_SHOWN = 256;

/** A one-line, human-readable rendering of a value for plans and reports. */
export function displayValue(el: Element, codec: CharsetCodec, littleEndian: boolean): string {
  const v = el.value;
  if (v.kind === 'sequence') return `${v.items.length} item${v.items.length === 1 ? '' : 's'}`;
  if (v.kind === 'fragments') return `encapsulated, ${v.fragments.length} fragment${v.fragments.length === 1 ? '' : 's'}`;
  if (v.kind === 'bulk') return `${v.range.length} bytes`;
  if (v.kind === 'frames') return `${v.frameCount} frame${v.frameCount === 1 ? '' : 's'}${v.encapsulated ? ', encapsulated' : ''}, produced when written`;
  if (STRING_VRS.has(el.vr)) {
    const s = decodeStrings(el, codec).join('\\');
    return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
  }
  if (el.vr === 'AT') return decodeNumbers(el, littleEndian).map(formatTag).join('\\');
  if (NUMERIC_VR_SIZE[el.vr] && !el.vr.startsWith('O')) {
    const n = decodeNumbers(el, littleEndian);
    const shown = n.slice(0, 16).map((x) => (Number.isInteger(x) ? String(x) : x.toPrecision(6))).join('\\');
    return n.length > 16 ? `${shown}\\… (${n.length} values)` : shown;
  }
  return `${v.bytes.length} bytes`;
}

/** Encode string values (joined with backslash) padded to even length. */
export function encodeStrings(values: string[], vr: string, codec: CharsetCodec): Uint8Array {
  const text = values.join('\\');
  const raw = codec.encode(text, vr);
  if ((raw.length & 1) === 0) return raw;
  const out = new Uint8Array(raw.length + 1);
  out.set(raw);
  out[raw.length] = padByte(vr);
  return out;
}

/** Encode numbers for a binary-numeric VR in the given byte order. */
export function encodeNumbers(values: number[], vr: string, littleEndian: boolean): Uint8Array {
  const size = NUMERIC_VR_SIZE[vr] ?? 1;
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    const at = i * size;
    switch (vr) {
      case 'US': case 'OW': v.setUint16(at, x, littleEndian); break;
      case 'SS': v.setInt16(at, x, littleEndian); break;
      case 'UL': case 'OL': v.setUint32(at, x, littleEndian); break;
      case 'SL': v.setInt32(at, x, littleEndian); break;
      case 'FL': case 'OF': v.setFloat32(at, x, littleEndian); break;
      case 'FD': case 'OD': v.setFloat64(at, x, littleEndian); break;
      case 'SV': v.setBigInt64(at, BigInt(x), littleEndian); break;
      case 'UV': case 'OV': v.setBigUint64(at, BigInt(x), littleEndian); break;
      case 'AT': v.setUint16(at, x >>> 16, littleEndian); v.setUint16(at + 2, x & 0xffff, littleEndian); break;
      default: out[at] = x & 0xff;
    }
  });
  return out;
}
