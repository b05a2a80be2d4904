// The byte patterns of the candidates, in every encoding a value can take in an output
// (PS3.5 §6.1): ASCII values once (identical in every DICOM character set, matched ignoring
// case); other values in UTF-8 (ISO_IR 192), GB18030, Latin-1 (ISO_IR 100), and the Specific
// Character Sets declared by the original and the output — ISO 2022 ones with their escape
// sequences, and without them, since a value copied into the middle of another may sit under
// an escape written earlier. Upper- and lower-case spellings of non-ASCII values are added.
// buildPatternGroups splits them in two automata: the values the slices of a series share (names,
// IDs, dates, institution…: built once and reused from file to file) and the UIDs (new in every
// file, a handful of patterns, built per file).

import { encodeGb } from '../charset/gb18030.ts';
import { makeCharsetCodec, type CharsetCodec } from '../charset/specific-character-set.ts';
import type { Candidate } from './candidates.ts';
import { isAsciiText } from './value-forms.ts';
import { MultiMatcher, type BytePattern } from './multi-matcher.ts';

export interface CandidatePatterns {
  matcher: MultiMatcher;
  /** Pattern index → candidate index. */
  owner: Int32Array;
}

const utf8 = new TextEncoder();

/** A long value (a private protocol dump, a report) is searched by its first characters: enough to tell a copy. */
export const MAX_PATTERN_CHARS = 64;
const searched = (v: string): string => (v.length > MAX_PATTERN_CHARS ? v.slice(0, MAX_PATTERN_CHARS) : v);

const hasAsciiLetter = (b: Uint8Array): boolean => {
  for (const x of b) if ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a)) return true;
  return false;
};

/** Strip ISO 2022 escape sequences (ESC, intermediates 0x20–0x2F, final byte) from both ends. */
function withoutEscapes(b: Uint8Array): Uint8Array {
  let start = 0;
  let end = b.length;
  while (start < end && b[start] === 0x1b) {
    let j = start + 1;
    while (j < end && b[j] >= 0x20 && b[j] <= 0x2f) j++;
    start = Math.min(end, j + 1);
  }
  for (let i = end - 1; i >= start; i--) {
    if (b[i] !== 0x1b) continue;
    let j = i + 1;
    while (j < end && b[j] >= 0x20 && b[j] <= 0x2f) j++;
    if (j + 1 === end) end = i;
    break;
  }
  return b.subarray(start, end);
}

function encodings(text: string, codecs: CharsetCodec[], vr: string): { bytes: Uint8Array; multiByte: boolean }[] {
  const out: { bytes: Uint8Array; multiByte: boolean }[] = [{ bytes: utf8.encode(text), multiByte: false }];
  const gb = encodeGb(text, true);
  if (gb instanceof Uint8Array) out.push({ bytes: gb, multiByte: true });
  let latin = true;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) latin = false;
  if (latin) out.push({ bytes: Uint8Array.from(text, (c) => c.charCodeAt(0)), multiByte: false });
  for (const codec of codecs) {
    if (!codec.canEncode(text)) continue;
    try {
      const b = codec.encode(text, vr);
      out.push({ bytes: b, multiByte: true });
      if (codec.kind === 'iso2022') {
        const core = withoutEscapes(b);
        if (core.length >= 4 && core.length < b.length) out.push({ bytes: core, multiByte: true });
      }
    } catch {
      // a value this character set cannot hold cannot be in it
    }
  }
  return out;
}

/** Patterns for `candidates`, with the codecs of these Specific Character Set term lists. */
export function buildPatterns(candidates: readonly Candidate[], charsets: readonly string[][]): CandidatePatterns {
  const seenTerms = new Set<string>();
  const codecs: CharsetCodec[] = [];
  for (const terms of charsets) {
    const key = terms.join('\\');
    if (seenTerms.has(key) || terms.length === 0) continue;
    seenTerms.add(key);
    const { codec } = makeCharsetCodec(terms);
    if (codec.kind !== 'default') codecs.push(codec);
  }
  const patterns: BytePattern[] = [];
  const owner: number[] = [];
  candidates.forEach((c, index) => {
    const value = searched(c.value);
    if (isAsciiText(value)) {
      patterns.push({ bytes: utf8.encode(value), exact: false });
      owner.push(index);
      return;
    }
    const seen = new Set<string>();
    const spellings = new Set([value, value.toUpperCase(), value.toLowerCase()]);
    for (const s of spellings) {
      for (const e of encodings(s, codecs, c.kind === 'name' ? 'PN' : 'LO')) {
        const key = Array.from(e.bytes).join(',');
        if (e.bytes.length === 0 || seen.has(key)) continue;
        seen.add(key);
        // Folding ASCII letters is harmless in UTF-8 and Latin-1, whose multi-byte parts are all
        // >= 0x80; in GB18030, GBK and ISO 2022 an ASCII-range byte can be half of a character.
        patterns.push({ bytes: e.bytes, exact: e.multiByte && hasAsciiLetter(e.bytes) });
        owner.push(index);
      }
    }
  });
  return { matcher: new MultiMatcher(patterns), owner: Int32Array.from(owner) };
}

/** A matcher and, per pattern, the index of its candidate in the caller's list. */
export type PatternGroup = CandidatePatterns;

const groupCache = new Map<string, CandidatePatterns>();
const GROUP_CACHE = 8;

/**
 * The patterns of `candidates` as at most two groups: every non-UID candidate (cached by the
 * candidates' values and the character sets, so consecutive files of one patient and study share
 * one automaton), and the UID-shaped ones. Same patterns, so the same hits, as buildPatterns.
 */
export function buildPatternGroups(candidates: readonly Candidate[], charsets: readonly string[][]): PatternGroup[] {
  const stable: number[] = [];
  const uids: number[] = [];
  candidates.forEach((c, i) => (c.match === 'uid' ? uids : stable).push(i));
  const groups: PatternGroup[] = [];
  const remap = (g: CandidatePatterns, idx: number[]): PatternGroup => {
    const owner = new Int32Array(g.owner.length);
    for (let i = 0; i < owner.length; i++) owner[i] = idx[g.owner[i]];
    return { matcher: g.matcher, owner };
  };
  if (stable.length) {
    const key = `${charsets.map((t) => t.join('\\')).join('|')}\u0001${stable.map((i) => `${candidates[i].kind === 'name' ? 'N' : 'L'}${candidates[i].value}`).join('\u0000')}`;
    let g = groupCache.get(key);
    if (g) groupCache.delete(key);
    else {
      g = buildPatterns(stable.map((i) => candidates[i]), charsets);
      if (groupCache.size >= GROUP_CACHE) groupCache.delete(groupCache.keys().next().value!);
    }
    groupCache.set(key, g);
    groups.push(remap(g, stable));
  }
  if (uids.length) groups.push(remap(buildPatterns(uids.map((i) => candidates[i]), charsets), uids));
  return groups.filter((g) => g.matcher.patterns.length > 0);
}
