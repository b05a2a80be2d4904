// The written forms an identifying value can take in an output, for the leak gate: a person
// name (PS3.5 §6.2 PN: component groups split by "=", components by "^") as a whole, in each
// part, and in "Given Family" / "Family, Given" / run-together orders; a date (DA, YYYYMMDD) in
// its common written forms; and the shape of a value (a UID, a bare number, text), which
// decides how a match is bounded (PS3.15 E.1.1: a UID is replaced whole, so only a whole-UID
// match counts; a digit-only ID inside a longer number is not that ID).

import { dateForms } from '../deid/text-cleaner.ts';

/**
 * How a match must be bounded in the output bytes:
 * text — anywhere (case-insensitive for ASCII);
 * word — not preceded or followed by an ASCII letter (short Latin name parts: "Ann" in "SCANNER" is no hit);
 * num  — not preceded by a digit or ".", not followed by a digit (a bare number or ID);
 * uid  — a whole UID: not preceded by a digit or a "." after a digit, not followed by a digit or a "." before a digit;
 * date — not preceded by a digit or a "." after a digit (a date may open a DT: 20240315 in 20240315101545).
 */
export type MatchRule = 'text' | 'word' | 'num' | 'uid' | 'date';

export interface ValueForm {
  value: string;
  match: MatchRule;
  /** One component of a person name (or a one-component name): weaker evidence than a whole name. */
  part?: boolean;
}

const UID_RE = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;
const NUMBERISH = /^[0-9.+\-: ]+$/;

export const isAsciiText = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

/** Long enough to search: 4 characters (2 when not ASCII), the outside checker's rule. */
export const longEnough = (s: string): boolean => (isAsciiText(s) ? s.length >= 4 : s.length >= 2);

/** A UID-shaped value (dotted decimal, longer than 8 characters). */
export const looksLikeUid = (s: string): boolean => s.length > 8 && UID_RE.test(s);

/** The bounding rule for a whole value, from its shape. */
export function matchFor(s: string): MatchRule {
  if (looksLikeUid(s)) return 'uid';
  if (NUMBERISH.test(s)) return 'num';
  return 'text';
}

/** A date (YYYYMMDD) and its written forms, each bounded as a date. Invalid dates give []. */
export function dateValueForms(da: string): ValueForm[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31) return [];
  return dateForms(da).map((value) => ({ value, match: 'date' as const }));
}

/** Forms of a DT value: the whole value as a number, and the forms of its date part. */
export function dateTimeValueForms(dt: string): ValueForm[] {
  const s = dt.trim();
  const out: ValueForm[] = [{ value: s, match: matchFor(s) }];
  if (s.length > 8) out.push(...dateValueForms(s.slice(0, 8)));
  return out;
}

/**
 * Forms of a person name. The whole value and each component group are searched anywhere; the
 * family, given and middle names on their own when at least 3 letters (`minLatinPart`; Latin, bounded as a word)
 * or 2 characters (other scripts, anywhere); name prefixes and suffixes ("Dr.", "Jr") only when
 * at least 4 characters; and the orders in which names are written in free text.
 */
export function personNameForms(pn: string, minLatinPart = 3): ValueForm[] {
  const out: ValueForm[] = [];
  const add = (value: string, match: MatchRule, min: (s: string) => boolean = longEnough, part = false) => {
    const v = value.trim();
    if (v && min(v)) out.push({ value: v, match, part });
  };
  const whole = pn.replace(/[\^=\s]+$/, '');
  add(whole, matchFor(whole), longEnough, !/[\^=\s]/.test(whole));
  const groups = pn.split('=');
  for (const group of groups) {
    const g = group.replace(/\^+$/, '').trim();
    if (!g) continue;
    if (groups.length > 1) add(g, matchFor(g));
    const [family = '', given = '', middle = '', prefix = '', suffix = ''] = g.split('^').map((c) => c.trim());
    for (const part of [family, given, middle]) {
      if (isAsciiText(part)) add(part, /^[0-9.+\-: ]+$/.test(part) ? 'num' : 'word', (s) => s.length >= minLatinPart, true);
      else add(part, 'text', (s) => s.length >= 2, true);
    }
    for (const title of [prefix, suffix]) if (isAsciiText(title)) add(title, 'word', longEnough, true);
    if (family && given) {
      const orders = [`${given} ${family}`, `${family} ${given}`, `${family}, ${given}`, `${family},${given}`, `${given}${family}`, `${family}${given}`];
      if (middle) orders.push(`${given} ${middle} ${family}`, `${given} ${middle.slice(0, 1)}. ${family}`);
      for (const o of orders) add(o, 'text');
    }
  }
  return out;
}

/** Pieces of a non-PN value written with "^" or "=" (addresses, coded pairs), as the checker splits them. */
export function caretPieces(s: string): string[] {
  if (!s.includes('^') && !s.includes('=')) return [];
  const out: string[] = [];
  for (const g of s.split('=')) {
    out.push(g.trim());
    for (const p of g.split('^')) out.push(p.trim());
  }
  return out.filter((p) => p && p !== s);
}
