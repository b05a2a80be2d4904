// Minimal ASCII helpers for values that are always ASCII (UIDs, CS, dates): the character
// set never applies to them (PS3.5 §6.1.2.3), so they need no charset codec.

/** Decode ASCII bytes, dropping trailing NUL and space padding and leading spaces. */
export function asciiValue(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20)) end--;
  let start = 0;
  while (start < end && bytes[start] === 0x20) start++;
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Split a multi-valued ASCII string value on backslashes, trimming each value. */
export const asciiValues = (bytes: Uint8Array): string[] => {
  const s = asciiValue(bytes);
  return s === '' ? [] : s.split('\\').map((v) => v.trim());
};

/** Encode an ASCII string padded to even length with `pad` (0x20 for text, 0x00 for UI). */
export function asciiBytes(s: string, pad = 0x20): Uint8Array {
  const n = s.length + (s.length & 1);
  const out = new Uint8Array(n);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  if (n > s.length) out[n - 1] = pad;
  return out;
}
