// Contact details: mainland mobile numbers (allocated 1[3-9]x prefixes, 11 digits, optional
// +86/0086, optional space or hyphen in 3-4-4 groups), landlines with an area code (010, 02x, 0xxx)
// written with a separator or after a telephone cue, 7–8 digit numbers after a cue, and e-mail.
// None may sit inside a longer digit run or a dotted number.

import type { Candidate } from './types.ts';

const MOBILE_PREFIX = '1(?:3\\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\\d|9[0-35-9])';
const MOBILE = new RegExp(
  `(?<![\\d+])(?<!\\d\\.)(?:(?:\\+86|0086|\\(\\+?86\\))[ -]?)?${MOBILE_PREFIX}(?:[ -]?\\d{4}){2}(?![\\d])(?!\\.\\d)`,
  'g',
);
const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
// (010)12345678, 010-12345678, 0571 8765 4321, 0571-87654321-123 (extension not included).
const LANDLINE_SEP = new RegExp(
  `(?<![\\d+])(?<!\\d\\.)(?:(?:\\+86|0086)[ -]?)?(?:\\(${AREA}\\)|${AREA}[ -])[ -]?[2-9]\\d{2,3}[ -]?\\d{4}(?!\\d)(?!\\.\\d)`,
  'g',
);
const CUE = '(?:联系电话|电话号码|联系方式|电话|座机|固话|手机号码|手机号|手机|Tel(?:ephone)?|Phone|Ph|Mobile|Mob|Cell|Fax|传真)\\.?';
const CUED_NUMBER = new RegExp(`(?<![A-Za-z])${CUE}\\s*(?:[:：#]|是|为)?\\s*((?:${AREA}[ -]?)?[2-9]\\d{2,3}[ -]?\\d{4})(?!\\d)(?!\\.\\d)`, 'gi');
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;

export function detectContacts(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(MOBILE)) out.push({ kind: 'mobile', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(LANDLINE_SEP)) out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CUED_NUMBER)) {
    const end = m.index + m[0].length;
    out.push({ kind: 'phone', start: end - m[1].length, end });
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL)) out.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  }
}
