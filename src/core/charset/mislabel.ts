// Heuristic detection of Chinese text mislabelled as Latin-1 or ASCII: GBK/GB18030 bytes in a
// data set whose Specific Character Set (0008,0005) is absent, ISO-IR 6 or ISO_IR 100
// (PS3.5 §6.1.2.3, §6.1.2.5.4; GB18030/GBK per Annex J). UTF-8 mislabelling is reported too,
// because UTF-8 CJK bytes are also valid GBK pairs and would otherwise be misattributed.

import { msg, type Message } from '../messages/message.ts';
import { gb18030Decoder } from './gb18030.ts';
import { resolveTerm } from './terms.ts';

const LATIN_TERMS = new Set(['', 'ISO_IR 6', 'ISO 2022 IR 6', 'ISO_IR 100', 'ISO 2022 IR 100']);

const isIdeograph = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c >= 0x20000;
/** Characters that plausibly appear in Chinese text besides ideographs (punctuation, full-width forms). */
const isCjkContext = (c: number): boolean =>
  isIdeograph(c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x00b7 || (c >= 0x2e80 && c <= 0x2fdf);

let utf8Fatal: TextDecoder | undefined;

function sample(s: string): string {
  const t = s.replace(/[\u0000-\u001f]/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/**
 * Warn when bytes look like GBK/GB18030 (valid double-byte sequences decoding to CJK) — or
 * like UTF-8 — although the declared set is ISO_IR 100, ISO-IR 6 or absent. Returns a warning
 * string or undefined. Plain Latin-1 text ("Müller", "Jérôme") does not trigger it.
 */
export function detectMislabelledCjk(bytes: Uint8Array, terms: string[]): Message | undefined {
  const values = terms.map((t) => t.trim());
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  if (values.length > 1) return undefined;
  const declared = values.length === 0 ? '' : (resolveTerm(values[0]).info?.term ?? values[0]);
  if (!LATIN_TERMS.has(declared)) return undefined;
  const label = values.length === 0 || values[0] === '' ? msg('charset-declared-none') : msg('charset-declared', { term: values[0]! });

  let anyHigh = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1b) return undefined; // code extensions: not our case
    if (bytes[i] >= 0x80) anyHigh = true;
  }
  if (!anyHigh) return undefined;

  // UTF-8 first: its CJK byte patterns are also valid GBK pairs.
  try {
    const u = (utf8Fatal ??= new TextDecoder('utf-8', { fatal: true })).decode(bytes);
    return msg('charset-looks-utf8', { declared: label, sample: sample(u) });
  } catch {
    // not UTF-8
  }

  // Structural scan as GBK: every byte ≥ 0x80 must start a valid pair (lead 0x81–0xFE,
  // trail 0x40–0x7E / 0x80–0xFE); GB18030 four-byte sequences are accepted too.
  let highPairs = 0; // both bytes ≥ 0xA1: the GB 2312 shape that Latin-1 text rarely has
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) return undefined;
    const b2 = bytes[i + 1];
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (!(b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39)) return undefined;
      i += 3;
      pairs++;
      continue;
    }
    if (b2 === undefined || b2 < 0x40 || b2 === 0x7f || b2 === 0xff) return undefined;
    pairs++;
    if (b >= 0xa1 && b2 >= 0xa1) highPairs++;
    i++;
  }
  if (pairs === 0 || highPairs < 2 || highPairs * 2 < pairs) return undefined;
  let decoded: string;
  try {
    decoded = gb18030Decoder(true).decode(bytes);
  } catch {
    return undefined;
  }
  let ideographs = 0;
  for (const ch of decoded) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    if (!isCjkContext(c)) return undefined;
    if (isIdeograph(c)) ideographs++;
  }
  if (ideographs === 0) return undefined;
  return msg('charset-looks-gbk', { declared: label, sample: sample(decoded) });
}
