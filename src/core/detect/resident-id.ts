// PRC resident identity numbers (GB 11643-1999): 18 digits = 6-digit region code, birth date
// YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character ('X' for 10); and the old
// 15-digit form (YYMMDD, born 19YY, no check digit), reported only after a cue ("身份证", "ID")
// or as a stand-alone token. Never inside a longer digit run or a dotted number (UIDs).

import type { Candidate } from './types.ts';
import { isValidDate, todayKey } from './text-util.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** First two digits: provinces, Hong Kong/Macau/Taiwan (81/82/83) — GB/T 2260. */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`need 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function validBirth(y: number, m: number, d: number, now: Date): boolean {
  return isValidDate(y, m, d) && y * 10000 + m * 100 + d <= todayKey(now);
}

/** Region, birth date (1900..today) and check character of an 18-character number (x or X). */
export function isValidResidentId(id: string, now: Date = new Date()): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id) || !PROVINCES.has(+id.slice(0, 2))) return false;
  if (!validBirth(+id.slice(6, 10), +id.slice(10, 12), +id.slice(12, 14), now)) return false;
  return residentIdCheckDigit(id.slice(0, 17)) === id[17].toUpperCase();
}

/** Region and birth date (19YYMMDD, not in the future) of a 15-digit number. */
export function isValidResidentId15(id: string, now: Date = new Date()): boolean {
  if (!/^[1-8]\d{14}$/.test(id) || !PROVINCES.has(+id.slice(0, 2))) return false;
  return validBirth(1900 + +id.slice(6, 8), +id.slice(8, 10), +id.slice(10, 12), now);
}

/** The 18-digit number of a 15-digit one: "19" inserted before the birth year, check digit appended. */
export function residentId15To18(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new Error(`need 15 digits, got "${id15}"`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckDigit(first17);
}

// Optional single space or hyphen between the 6-8-4 groups ("110105 19491231 002X").
const ID18 = /(?<!\d)(?<!\d\.)([1-8]\d{5})([ -]?)((?:19|20)\d{6})\2(\d{3}[\dXx])(?![\dXx])(?!\.\d)/g;
const ID15 = /(?<!\d)(?<!\d\.)[1-8]\d{14}(?![\dXx])(?!\.\d)/g;
const CUE_15 = /(?:身份|证件|证号|公民|\bID|\bI\.D\.|identity|id card)[^\d]{0,8}$/i;

export function detectResidentIds(text: string, out: Candidate[], now: Date = new Date()): void {
  for (const m of text.matchAll(ID18)) {
    if (isValidResidentId(m[1] + m[3] + m[4], now)) out.push({ kind: 'resident-id', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(ID15)) {
    if (!isValidResidentId15(m[0], now)) continue;
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const prev = before.slice(-1);
    const next = text.charAt(m.index + 15);
    const standalone = !/[A-Za-z\-/_]/.test(prev) && !/[A-Za-z\-/_]/.test(next);
    if (standalone || CUE_15.test(before)) out.push({ kind: 'resident-id-15', start: m.index, end: m.index + 15 });
  }
}
