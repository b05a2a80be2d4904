// The patient's own name in free text, from PN values (component groups split on "=", components
// on "^"): CJK names as written (spaces or "·" between characters allowed), a CJK given name of 2+
// characters alone, surname + 先生/女士; Latin names case-insensitively in both orders with space,
// comma or "^", with initials ("J. Smith", "Zhang W", "Wang J.G."), after Mr/Ms; pinyin of CJK names.

import type { Candidate, FindingKind } from './types.ts';
import { escapeRegExp } from './text-util.ts';
import { hanziReadings, isHan, isPinyinSyllable, isPinyinWord, splitChineseName } from './pinyin.ts';

type NameKind = Extract<FindingKind, 'patient-name' | 'patient-name-pinyin'>;
export interface NamePattern {
  kind: NameKind;
  re: RegExp;
  /** Every match contains one of these (lower-case): a cheap test before running `re`. */
  anchors: string[];
}

const L = '(?<![A-Za-z])';
const R = '(?![A-Za-z])';
const FG_SEP = '(?:\\s*[,^]\\s*|[\\s_-]+|)';
const SYL_SEP = "[ '-]?";
const HAN_SEP = '[\\s·•・.]{0,2}';
const CN_HONORIFIC = '(?=\\s?(?:先生|女士|小姐|老师|阿姨|大爷|大妈|奶奶|爷爷|师傅|同志|老人))';
const EN_HONORIFIC = '(?<=(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mx|Mister|Madam|Mme)\\.?\\s+)';
/** Words that are names and also ordinary English or report vocabulary: never matched alone. */
const STOP = new Set(
  ('anon anonymous unknown none test demo patient doctor study series image case mass long young white black brown green ' +
    'gray grey king mark will bill rose hope grace joy faith head hand lung bone chest heart liver brain neck back ' +
    'rib may june april august summer winter love page lane hill wood stone field ward bell hall bush rock').split(' '),
);

/** Alternation of the readings of one hanzi; ü ("v") also as u, yu, uu. */
function syllablePattern(ch: string): string | undefined {
  const rs = hanziReadings(ch);
  if (rs.length === 0) return undefined;
  const alts = [...rs].sort((a, b) => b.length - a.length).map((r) => r.replace(/v/g, '(?:v|u|yu|uu|ü)'));
  return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
}

function pinyinWord(chars: string[]): string | undefined {
  const parts = chars.map(syllablePattern);
  return parts.every((p) => p !== undefined) ? parts.join(SYL_SEP) : undefined;
}

function pinyinInitials(chars: string[]): Initials | undefined {
  const letters = chars.map((ch) => [...new Set(hanziReadings(ch).map((r) => r[0]))].join(''));
  return letters.every((l) => l !== '') ? initials(letters.map((l) => `[${l}]`)) : undefined;
}

const minPinyinLength = (chars: string[]): number =>
  chars.reduce((n, ch) => n + Math.min(...hanziReadings(ch).map((r) => r.length)), 0);

const latinWord = (words: string[]): string => words.map(escapeRegExp).join('[\\s-]+');
interface Initials {
  /** After the surname the dots are optional ("Zhang W", "Smith J.P."). */
  after: string;
  /** Before the surname they are required ("W. Zhang"): "a Wang" is English. */
  before: string;
}
/** Initials of the given names; the first is required, the others optional. */
function initials(letters: string[]): Initials {
  const build = (dot: string): string =>
    letters[0] + dot + (letters.length > 1 ? `(?:\\s?${letters.slice(1).map((l) => l + dot).join('\\s?')})?` : '');
  return { after: build('\\.?'), before: build('\\.') };
}
const latinInitials = (words: string[]): Initials => initials(words.map((w) => escapeRegExp(w[0])));
/** A Latin name part matched on its own: 4+ letters, not one pinyin syllable ("Wang"), two only from 5 letters ("Jianguo", not "Lili"). */
function alone(part: string): boolean {
  const w = part.replace(/[^A-Za-z]/g, '');
  if (w.length < 4 || STOP.has(part.toLowerCase()) || isPinyinSyllable(w)) return false;
  return w.length >= 5 || !isPinyinWord(w);
}

interface Forms {
  full: string[];
  partial: string[];
  anchors: Set<string>;
}

function addCjk(family: string[], given: string[], cjk: Forms, pinyin: Forms): void {
  if (family.length === 0) {
    // "^张伟": the whole name was put in the given-name component.
    const split = splitChineseName(given.join(''));
    if (split.family === '') return;
    [family, given] = [[...split.family], [...split.given]];
  }
  const all = [...family, ...given];
  if (all.length < 2) return; // a single hanzi would match everywhere
  cjk.full.push(all.map(escapeRegExp).join(HAN_SEP));
  for (const ch of [family[0], given[0]]) if (ch) cjk.anchors.add(ch);
  if (given.length >= 2) cjk.partial.push(given.map(escapeRegExp).join(HAN_SEP));
  if (family.length > 0 && given.length > 0) cjk.partial.push(family.map(escapeRegExp).join(HAN_SEP) + CN_HONORIFIC);
  const f = pinyinWord(family);
  const g = given.length > 0 ? pinyinWord(given) : undefined;
  if (f === undefined || (given.length > 0 && g === undefined)) return;
  if (g === undefined) {
    if (minPinyinLength(family) >= 4) pinyin.full.push(L + f + R);
    for (const r of hanziReadings(family[0])) pinyin.anchors.add(r.replace(/v.*/, ''));
    return;
  }
  pinyin.full.push(L + f + FG_SEP + g + R, L + g + FG_SEP + f + R);
  for (const r of [...hanziReadings(family[0]), ...hanziReadings(given[0])]) pinyin.anchors.add(r.replace(/v.*/, ''));
  const gi = pinyinInitials(given);
  if (gi) pinyin.full.push(L + f + '(?:\\s*,\\s*|\\s+)' + gi.after + R, L + gi.before + '\\s?' + f + R);
  pinyin.partial.push(EN_HONORIFIC + f + R);
  if (given.length >= 2 && minPinyinLength(given) >= 5) pinyin.partial.push(L + g + R);
}

function addLatin(family: string[], given: string[], latin: Forms): void {
  if (family.length === 0 && given.length === 0) return;
  if (given.length === 0 || family.length === 0) {
    const only = family.length > 0 ? family : given;
    if (only.join('').length >= 3 && !STOP.has(only.join(' ').toLowerCase())) latin.full.push(L + latinWord(only) + R);
    latin.anchors.add(only[0].toLowerCase());
    return;
  }
  const f = latinWord(family);
  // Middle names are optional: "John Smith" for Smith^John^Paul.
  const g = escapeRegExp(given[0]) + (given.length > 1 ? `(?:[\\s-]+${latinWord(given.slice(1))})?` : '');
  latin.full.push(L + f + FG_SEP + g + R, L + g + FG_SEP + f + R);
  latin.anchors.add(family[0].toLowerCase()).add(given[0].toLowerCase());
  const gi = latinInitials(given);
  latin.full.push(L + f + '(?:\\s*,\\s*|\\s+)' + gi.after + R, L + gi.before + '\\s?' + f + R);
  latin.partial.push(EN_HONORIFIC + f + R);
  for (const part of [family.join(' '), given.join(' ')]) if (alone(part)) latin.partial.push(L + latinWord(part.split(/\s+/)) + R);
}

const words = (s: string): string[] => s.split(/[\s,]+/).filter((w) => /[A-Za-z]/.test(w));

/** Compiles matchers for the PN values; an empty list when nothing usable is given. */
export function compileNames(pns: readonly string[]): NamePattern[] {
  const cjk: Forms = { full: [], partial: [], anchors: new Set() };
  const pinyin: Forms = { full: [], partial: [], anchors: new Set() };
  const latin: Forms = { full: [], partial: [], anchors: new Set() };
  for (const pn of pns) {
    for (const group of pn.split('=')) {
      const comps = group.split('^').map((c) => c.trim());
      if (comps.every((c) => c === '')) continue;
      if ([...group].some(isHan)) {
        const han = (s: string): string[] => [...s].filter(isHan);
        if (comps.length === 1) {
          const split = splitChineseName(comps[0]);
          addCjk(han(split.family), han(split.given), cjk, pinyin);
        } else {
          addCjk(han(comps[0]), han(comps[1] + (comps[2] ?? '')), cjk, pinyin);
        }
      } else if (comps.length === 1) {
        const ws = words(comps[0]);
        if (ws.length > 1) addLatin(ws.slice(-1), ws.slice(0, -1), latin);
        else addLatin(ws, [], latin);
      } else {
        addLatin(words(comps[0]), words(`${comps[1]} ${comps[2] ?? ''}`), latin);
      }
    }
  }
  const out: NamePattern[] = [];
  const compile = (kind: NameKind, forms: Forms, flags: string): void => {
    const sources = [...new Set([...forms.full.sort((a, b) => b.length - a.length), ...forms.partial])];
    if (sources.length > 0) out.push({ kind, re: new RegExp(sources.join('|'), flags), anchors: [...forms.anchors] });
  };
  compile('patient-name', cjk, 'gu');
  compile('patient-name', latin, 'gi');
  compile('patient-name-pinyin', pinyin, 'gi');
  return out;
}

export function detectNames(text: string, patterns: readonly NamePattern[], out: Candidate[]): void {
  if (patterns.length === 0) return;
  const lower = text.toLowerCase();
  for (const { kind, re, anchors } of patterns) {
    if (!anchors.some((a) => lower.includes(a))) continue;
    for (const m of text.matchAll(re)) if (m[0].length > 0) out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
}
