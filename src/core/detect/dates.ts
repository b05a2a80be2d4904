// Dates in free text, each a real calendar date (1900–2099): YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD,
// YYYYMMDD (only as a whole number), YYYY年M月D日, M月D日, DD/MM/YYYY or MM/DD/YYYY (valid either
// way), "05-Mar-2024", "5 March 2024", "Mar 5, 2024"; plus the patient's own DA values (ctx.dates)
// in short forms (YYMMDD, DD/MM/YY, MM/DD/YY). Times, versions ("V2.3.1") and decimals do not match.

import type { Candidate } from './types.ts';
import { escapeRegExp, isValidDate } from './text-util.ts';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const MONTH_INDEX = new Map<string, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1]),
);
const monthOf = (name: string): number => MONTH_INDEX.get(name.slice(0, 3).toLowerCase()) ?? 0;

// Not inside a word or code ("V2023.1.5"), a decimal or a time; not followed by more digits or parts.
const NB = '(?<![\\dA-Za-z])(?<!\\d[.:])';
const NA = '(?!\\d)(?![.:]\\d)';
const YMD_SEP = new RegExp(`${NB}((?:19|20)\\d{2})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\2\\d)${NA}`, 'g');
const YMD_COMPACT = new RegExp(`${NB}((?:19|20)\\d{2})(\\d{2})(\\d{2})${NA}`, 'g');
const YMD_CN = /(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const MD_CN = /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;
const DMY = new RegExp(`${NB}(\\d{1,2})([-/.])(\\d{1,2})\\2((?:19|20)\\d{2})(?!\\2\\d)${NA}`, 'g');
const D_MON_Y = new RegExp(`(?<![\\dA-Za-z])(\\d{1,2})(?:st|nd|rd|th)?[-\\s]?(${MONTHS})\\.?[-\\s,]?\\s*((?:19|20)\\d{2})(?!\\d)`, 'gi');
const MON_D_Y = new RegExp(`(?<![A-Za-z])(${MONTHS})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s*((?:19|20)\\d{2})(?!\\d)`, 'gi');

function add(out: Candidate[], m: RegExpExecArray, ok: boolean): void {
  if (ok) out.push({ kind: 'date', start: m.index, end: m.index + m[0].length });
}

export function detectDates(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(YMD_SEP)) add(out, m, isValidDate(+m[1], +m[3], +m[4]));
  for (const m of text.matchAll(YMD_COMPACT)) add(out, m, isValidDate(+m[1], +m[2], +m[3]));
  for (const m of text.matchAll(DMY)) {
    const a = +m[1], b = +m[3], y = +m[4];
    add(out, m, isValidDate(y, b, a) || isValidDate(y, a, b));
  }
  if (/[年月]/.test(text)) {
    for (const m of text.matchAll(YMD_CN)) add(out, m, isValidDate(+m[1], +m[2], +m[3]));
    for (const m of text.matchAll(MD_CN)) add(out, m, isValidDate(2000, +m[1], +m[2]));
  }
  if (/[A-Za-z]{3}/.test(text)) {
    for (const m of text.matchAll(D_MON_Y)) add(out, m, isValidDate(+m[3], monthOf(m[2]), +m[1]));
    for (const m of text.matchAll(MON_D_Y)) add(out, m, isValidDate(+m[3], monthOf(m[1]), +m[2]));
  }
}

/** Short written forms of a DA value that the generic patterns miss (two-digit years). */
export function shortDateForms(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m || !isValidDate(+m[1], +m[2], +m[3])) return [];
  const [, y, mo, d] = m;
  const yy = y.slice(2);
  const forms = [`${yy}${mo}${d}`];
  for (const sep of ['/', '.', '-']) forms.push(`${d}${sep}${mo}${sep}${yy}`, `${mo}${sep}${d}${sep}${yy}`, `${yy}${sep}${mo}${sep}${d}`);
  return [...new Set(forms)];
}

/** A matcher for the patient's own dates in short forms; undefined when there are none. */
export function compileOwnDates(dates: readonly string[]): RegExp | undefined {
  const forms = [...new Set(dates.flatMap(shortDateForms))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return undefined;
  return new RegExp(`(?<![\\dA-Za-z])(?<!\\d[.:/-])(?:${forms.map(escapeRegExp).join('|')})(?![\\d])(?![.:/-]\\d)`, 'g');
}

export function detectOwnDates(text: string, re: RegExp, out: Candidate[]): void {
  for (const m of text.matchAll(re)) out.push({ kind: 'date', start: m.index, end: m.index + m[0].length });
}
