// Toneless pinyin of hanzi from the generated table (pinyin-table.data.ts, parsed once on first
// use), the split of a CJK name into surname and given name (compound surnames such as 欧阳, 司马),
// and the enumerated romanisations of a name ("Zhang Wei", "Shan Li"/"Dan Li" for 单丽).

import { PINYIN_TABLE } from './pinyin-table.data.ts';

let readings: Map<string, string[]> | undefined;
let syllables: Set<string> | undefined;

function table(): Map<string, string[]> {
  if (readings) return readings;
  readings = new Map();
  syllables = new Set();
  for (const entry of PINYIN_TABLE) {
    const m = /^[a-z]+/.exec(entry);
    if (!m) continue;
    const syl = m[0];
    syllables.add(syl);
    for (const ch of entry.slice(syl.length)) {
      const list = readings.get(ch);
      if (list) list.push(syl);
      else readings.set(ch, [syl]);
    }
  }
  return readings;
}

/** All toneless readings of one hanzi ("v" stands for ü), [] when the character is not in the table. */
export function hanziReadings(ch: string): readonly string[] {
  return table().get(ch) ?? [];
}

export function isPinyinSyllable(s: string): boolean {
  table();
  return syllables!.has(s.toLowerCase());
}

/** True when the word is one or two pinyin syllables ("Zhang", "Ouyang"): too common to match alone. */
export function isPinyinWord(word: string): boolean {
  const w = word.toLowerCase();
  if (isPinyinSyllable(w)) return true;
  for (let i = 1; i < w.length; i++) if (isPinyinSyllable(w.slice(0, i)) && isPinyinSyllable(w.slice(i))) return true;
  return false;
}

export const isHan = (ch: string): boolean => /^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]$/u.test(ch);

const COMPOUND_SURNAMES = new Set(
  ('欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 司空 夏侯 轩辕 端木 独孤 南宫 万俟 闻人 申屠 ' +
    '澹台 公冶 太史 淳于 单于 呼延 赫连 拓跋 百里 东郭 西门 钟离 宗政 濮阳 公羊 歐陽 司馬 諸葛 東方 尉遲 長孫 ' +
    '夏侯 軒轅 獨孤 南宮 聞人 淳於 單於 東郭 鍾離').split(' '),
);

/** Splits a CJK name without "^" into surname and given name (compound surnames recognised). */
export function splitChineseName(name: string): { family: string; given: string } {
  const chars = [...name].filter(isHan);
  const two = chars.slice(0, 2).join('');
  const n = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? 2 : chars.length > 1 ? 1 : chars.length;
  return { family: chars.slice(0, n).join(''), given: chars.slice(n).join('') };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const show = (syl: string): string => syl.replace(/v/g, 'ü');

/**
 * Romanisations of a CJK name, surname first, surname and given name each written as one word:
 * 张伟 → ["Zhang Wei"], 单丽 → ["Dan Li", "Shan Li", "Chan Li"]; at most `limit` combinations.
 */
export function namePinyin(name: string, family?: string, limit = 64): string[] {
  const split = family === undefined ? splitChineseName(name) : { family, given: [...name].filter(isHan).join('').slice(family.length) };
  const word = (chars: string): string[] => {
    let acc = [''];
    for (const ch of chars) {
      const rs = hanziReadings(ch);
      if (rs.length === 0) return [];
      acc = acc.flatMap((a) => rs.map((r) => a + show(r))).slice(0, limit);
    }
    return acc.map(cap);
  };
  const fam = word(split.family);
  const giv = split.given ? word(split.given) : [''];
  const out: string[] = [];
  for (const f of fam) for (const g of giv) if (out.length < limit) out.push(g ? `${f} ${g}` : f);
  return out;
}
