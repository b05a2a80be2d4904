// Cleans free text that an option keeps (PS3.15 E.3.5 Clean Descriptors, E.3.9 Clean Structured
// Content, C actions on text): every known identifying value of the file's patient (name and its
// parts, IDs, accession number, birth date in its common written forms, institution, physicians)
// is replaced by "***", case-insensitively (plain substring search: identifiers can be long
// free text, too long for one alternation regex).

import { redactText } from '../detect/redact.ts';
import type { Finding } from '../detect/types.ts';

const MASK = '***';

export interface CleanResult {
  text: string;
  /** How many identifiers were masked. */
  hits: number;
  /** What was found: detector kinds (resident-id, hospital-number…) and 'known-value'. */
  kinds: string[];
}

/** Written forms of a DA value (YYYYMMDD): 19800304, 1980-03-04, 1980/03/04, 1980.03.04, 04.03.1980, 04/03/1980, 03/04/1980. */
export function dateForms(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return [];
  const [, y, mo, d] = m;
  return [`${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${y}.${mo}.${d}`, `${d}.${mo}.${y}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`, `${y}年${+mo}月${+d}日`];
}

const MAX_IDENTIFIER = 256;

/**
 * Lower case that keeps every index: a character whose lower case is longer (Turkish 'İ' becomes
 * 'i' + U+0307) is kept as it is. Identifiers and texts are folded alike, so they still match.
 */
export function foldCase(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Finds identifiers by pattern (resident IDs, hospital numbers, phones, names, dates): src/core/detect. */
export type PatternDetector = (text: string) => Finding[];

export class TextCleaner {
  /** Lower-cased identifiers, longest first, so "Doe^Jane" masks before "Doe". */
  private readonly needles: string[];
  constructor(identifiers: Iterable<string>, private readonly detector?: PatternDetector) {
    const parts = new Set<string>();
    for (const raw of identifiers) {
      const s = raw.trim();
      // Short ASCII tokens ("MR", "Li") would mask ordinary words; CJK names are short but specific.
      const ascii = /^[\x00-\x7f]*$/.test(s);
      if (((ascii && s.length >= 3) || (!ascii && s.length >= 2)) && s.length <= MAX_IDENTIFIER) parts.add(foldCase(s));
    }
    this.needles = [...parts].sort((a, b) => b.length - a.length);
  }

  /** Cheap pre-check for kept text nobody asked to clean: could it hold an identifier at all? */
  mightHoldIdentifier(text: string): boolean {
    if (SUSPECT.test(text)) return true;
    const lower = foldCase(text);
    return this.needles.some((n) => lower.includes(n));
  }

  clean(text: string): CleanResult {
    if (text === '') return { text, hits: 0, kinds: [] };
    let out = text;
    const kinds: string[] = [];
    if (this.detector) {
      const findings = this.detector(out);
      if (findings.length) {
        out = redactText(out, findings);
        for (const f of findings) if (!kinds.includes(f.kind)) kinds.push(f.kind);
      }
    }
    let hits = kinds.length ? 1 : 0;
    for (const needle of this.needles) {
      // Same length as `out`, so an index found in `lower` is an index in `out`.
      let lower = foldCase(out);
      let at = lower.indexOf(needle);
      while (at >= 0) {
        out = out.slice(0, at) + MASK + out.slice(at + needle.length);
        lower = lower.slice(0, at) + MASK + lower.slice(at + needle.length);
        hits++;
        if (!kinds.includes('known-value')) kinds.push('known-value');
        at = lower.indexOf(needle, at + MASK.length);
      }
    }
    return { text: out, hits, kinds };
  }
}

/** Digits runs long enough for an ID, phone or date, an at-sign, or CJK text. */
const SUSPECT = /\d{6}|\d{4}[-/.年]\d{1,2}|@|[\u3400-\u9fff]/;

/** Name parts of a PN value: each component of each component group, and the whole groups. */
export function nameParts(pn: string): string[] {
  const out: string[] = [];
  for (const group of pn.split('=')) {
    if (!group) continue;
    const comps = group.split('^').map((c) => c.trim()).filter(Boolean);
    out.push(...comps);
    if (comps.length > 1) out.push(comps.join(' '), [...comps].reverse().join(' '), comps.join(','), comps.join(', '), [...comps].reverse().join(''), comps.join(''));
  }
  return out;
}
