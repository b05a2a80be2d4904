// Turn the values of Specific Character Set (0008,0005) into a decoding mode: default
// repertoire, one single-byte set, UTF-8/GB18030/GBK, or ISO 2022 code extensions with the
// initial designation taken from Value 1 (PS3.5 §6.1.2.5.1, §6.1.2.5.4). Lenient: unknown or
// misspelled terms and misplaced stand-alone sets produce warnings, never exceptions.

import { msg } from '../messages/message.ts';
import type { CharsetKind } from './specific-character-set.ts';
import type { Iso2022Config, Warn } from './iso2022.ts';
import { DESIGNATIONS, SETS, resolveTerm, type CodedSet, type Designation, type TermInfo } from './terms.ts';

export interface ResolvedCharacterSet {
  kind: CharsetKind;
  /** The single-byte set for kind 'single-byte'. */
  single?: CodedSet;
  /** The code extension configuration for kind 'iso2022'. */
  iso?: Iso2022Config;
}

const STANDALONE: Record<string, CharsetKind> = { utf8: 'utf-8', gb18030: 'gb18030', gbk: 'gbk' };

function lookup(raw: string, warn: Warn, position: number): TermInfo | undefined {
  const { info, correctedFrom } = resolveTerm(raw);
  if (!info) {
    warn(position === 1 ? msg('charset-term-unknown', { term: raw }) : msg('charset-term-unknown-ignored', { term: raw, position }));
    return undefined;
  }
  if (correctedFrom !== undefined) warn(msg('charset-term-corrected', { term: correctedFrom, assumed: info.term }));
  return info;
}

function resolveSingle(info: TermInfo): ResolvedCharacterSet {
  if (info.kind === 'default') return { kind: 'default' };
  if (info.kind in STANDALONE) return { kind: STANDALONE[info.kind] };
  if (info.kind === 'single') return { kind: 'single-byte', single: info.g1!.set };
  return { kind: 'iso2022' }; // multi-byte set alone: built by the caller
}

export function resolveCharacterSet(terms: readonly string[], warn: Warn): ResolvedCharacterSet {
  if (terms.length === 0) return { kind: 'default' };
  const first = lookup(terms[0], warn, 1) ?? resolveTerm('ISO_IR 100').info!;
  if (first.kind in STANDALONE && terms.slice(1).some((t) => t !== '')) {
    warn(msg('charset-no-extensions', { term: first.term }));
    return resolveSingle(first);
  }
  const rest: TermInfo[] = [];
  terms.forEach((raw, idx) => {
    if (idx === 0 || raw === '') return;
    const info = lookup(raw, warn, idx + 1);
    if (!info) return;
    if (info.kind in STANDALONE) {
      warn(msg('charset-not-an-extension', { term: info.term, position: idx + 1 }));
      return;
    }
    rest.push(info);
  });
  const single = resolveSingle(first);
  if (rest.length === 0 && single.kind !== 'iso2022') return single;

  // ISO 2022: initial designation from Value 1 (an empty Value 1 means ISO-IR 6, G1 undefined).
  let initG0: Designation = DESIGNATIONS.IR6;
  let initG1: Designation | undefined;
  if (first.kind === 'single') {
    initG0 = first.g0!;
    initG1 = first.g1;
  } else if (first.kind === 'multi') {
    warn(msg('charset-multibyte-first', { term: first.term }));
  }
  const all = [first, ...rest];
  const candidates: Designation[] = [];
  const declared = new Set<CodedSet>([SETS.IR6]);
  for (const info of all) {
    for (const des of [info.g1, info.g0]) {
      if (!des) continue;
      declared.add(des.set);
      if (des.set.table === 'ascii' || des.set.table === 'romaji') continue;
      if (!candidates.includes(des)) candidates.push(des);
    }
  }
  const fallbackG1 = initG1
    ? undefined
    : (candidates.find((c) => c.element === 'G1' && c.set.width === 2) ?? candidates.find((c) => c.element === 'G1'))?.set;
  return {
    kind: 'iso2022',
    iso: {
      initG0: initG0.set,
      initG0Escape: initG0.escape,
      initG1: initG1?.set,
      initG1Escape: initG1?.escape,
      declared,
      candidates,
      fallbackG1,
      label: terms.join('\\'),
    },
  };
}
