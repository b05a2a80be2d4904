// Leak gate, part 2: search a written output for the identifying values of its original
// (PS3.15 E.1.1: none of them may remain, whatever attribute they were copied into). The output
// is parsed to locate each hit and to leave out the top-level pixel data; everything else —
// file meta, every element at any depth, private ones, and bytes between elements — is streamed
// through one multi-pattern automaton. A hit is a leak unless the output carries, unchanged,
// the very attribute the original held it in and the profile keeps that attribute: by name
// (a listed K, for any value), or as an unlisted or safe private attribute for values other than
// names, IDs, dates, UIDs, addresses and phone numbers; for codes, numbers and class UIDs; and for
// a single name component outside content the profile de-identifies (an SR's Content Sequence).
// Those are returned as notices, not leaks: a whole name, an ID or a date copied into an
// attribute the table does not list stays a leak, and so does a name, ID or date held by a code
// the table does not list (Image and Frame Type excepted: their terms are the standard's). Each leak inside an element is also returned with its
// byte range (`located`), so that clean.ts can remove it from the value.

import { makeCharsetCodec, type CharsetCodec } from '../charset/specific-character-set.ts';
import type { Element } from '../dicom/dataset.ts';
import { findElement } from '../dicom/dataset.ts';
import { readPart10, type DicomFile } from '../dicom/reader.ts';
import { SPECIFIC_CHARACTER_SET } from '../dicom/tag.ts';
import { asciiValues } from '../dicom/value-text.ts';
import { CHARSET_VRS } from '../charset/specific-character-set.ts';
import { MemorySource, type ByteSource } from '../io/byte-source.ts';
import { METHOD_PREFIX } from '../deid/markers.ts';
import {
  BASIC_PROFILE_MEANING, CLEAN_PIXEL_DATA_MEANING, CLEAN_RECOGNIZABLE_VISUAL_FEATURES_MEANING, OPTION_INFO, OPTION_KEYS,
} from '../profile/options.ts';
import type { Candidate, CandidateKind, IdentifyingValues, MatchRule } from './candidates.ts';
import { describeLeaf, Locator, scanSegments, type OutputLeaf, type Segment } from './locate.ts';
import { buildPatternGroups } from './patterns.ts';

export interface LeakHit {
  value: string;
  source: string;
  kind: CandidateKind;
  /** "element PatientComments (0010,4000)", "byte offset 1234", or "output path". */
  foundIn: string;
}

/** One leak hit inside an element of the output: where its bytes are, for cleaning (clean.ts). */
export interface LocatedLeak {
  candidate: Candidate;
  leaf: OutputLeaf;
  /** Offset of the matched bytes in the parsed output's source (the inflated data set for deflate). */
  offset: number;
  length: number;
}

export interface LeakScan {
  /** Values that must not be in the output: the file is flagged. */
  leaks: LeakHit[];
  /** Every leak hit that lies inside an element (no cap, no grouping); hits elsewhere are in `leaks` only. */
  located: LocatedLeak[];
  /** Values found only, unchanged, in attributes the profile keeps (see the header): not leaks. */
  notices: LeakHit[];
  candidates: number;
  bytesScanned: number;
}

export interface ScanOptions {
  /** Further Specific Character Set term lists to encode the candidates in. */
  charsets?: string[][];
  /**
   * The output, already parsed with readPart10 from the very ByteSource passed as `output` (saves
   * a second parse when the caller has just verified it). Ignored when `output` is a Uint8Array.
   * Without it, the scan parses the output itself.
   */
  parsed?: DicomFile;
}

const CHUNK = 1 << 20;
const MAX_PLACES = 5;
/** Codes, numbers and class UIDs (instance UIDs are never kept as they are, so a kept UI names a class). */
const CODED_VRS = new Set(['CS', 'AS', 'IS', 'DS', 'UI']);
/** Code Value, Coding Scheme Designator and Version, Long/URN Code Value, Context Identifier, Mapping Resource (PS3.3 8.8). */
const CODE_TAGS = new Set([0x00080100, 0x00080102, 0x00080103, 0x00080119, 0x00080120, 0x0008010f, 0x00080105]);
/** Kept codes that never legitimately hold a name, ID or date of the patient. */
const PERSONAL_NOT_KEPT_VRS = new Set(['CS', 'AS']);
/** Image Type, Frame Type (PS3.3 C.7.6.1.1.2, C.8.16.1): terms the standard defines ("PERFUSION" is no name). */
const DEFINED_TERM_TAGS = new Set([0x00080008, 0x00089007]);

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const DOT = 0x2e;

/**
 * What the de-identifier itself writes into De-identification Method (0012,0063) and the Code
 * Meanings of De-identification Method Code Sequence (PS3.15 E.1.1, CID 7050): a name part such
 * as "Patient" of "NAME^PATIENT" found in "Retain Patient Characteristics Option" is no leak.
 */
const MARKER_TEXT = new Set(
  [METHOD_PREFIX, BASIC_PROFILE_MEANING, CLEAN_PIXEL_DATA_MEANING, CLEAN_RECOGNIZABLE_VISUAL_FEATURES_MEANING, ...OPTION_KEYS.map((k) => OPTION_INFO[k].meaning)]
    .flatMap((m) => [m, m.slice(0, 64)]),
);
const DEIDENTIFICATION_METHOD = 0x00120063;
const METHOD_CODE_SEQUENCE_KEY = '00120064[';
const CODE_MEANING = 0x00080104;

function writtenByDeidentifier(leaf: OutputLeaf, codec: CharsetCodec): boolean {
  const t = leaf.element.tag;
  const marker = t === DEIDENTIFICATION_METHOD || (t === CODE_MEANING && leaf.key.startsWith(METHOD_CODE_SEQUENCE_KEY));
  if (!marker || leaf.element.value.kind !== 'bytes') return false;
  return codec.decode(leaf.element.value.bytes, leaf.element.vr).split('\\').every((v) => MARKER_TEXT.has(v.trim()));
}

/** Whether a match of `len` bytes at buf[at] is bounded as `rule` asks. */
export function boundedMatch(rule: MatchRule, buf: Uint8Array, at: number, len: number): boolean {
  const b1 = at > 0 ? buf[at - 1] : undefined;
  const b2 = at > 1 ? buf[at - 2] : undefined;
  const a1 = buf[at + len];
  const a2 = buf[at + len + 1];
  const dottedBefore = b1 === DOT && isDigit(b2);
  switch (rule) {
    case 'text': return true;
    case 'word': return !isLetter(b1) && !isLetter(a1);
    case 'num': return !isDigit(b1) && b1 !== DOT && !isDigit(a1);
    case 'uid': return !isDigit(b1) && !dottedBefore && !isDigit(a1) && !(a1 === DOT && isDigit(a2));
    case 'date': return !isDigit(b1) && !dottedBefore;
  }
}

export async function scanForLeaks(output: Uint8Array | ByteSource, values: IdentifyingValues, options: ScanOptions = {}): Promise<LeakScan> {
  const raw = output instanceof Uint8Array ? new MemorySource(output) : output;
  let file: DicomFile | undefined = output instanceof Uint8Array ? undefined : options.parsed;
  if (!file) {
    try {
      file = await readPart10(raw);
    } catch {
      file = undefined; // not parseable: scan every byte, report offsets
    }
  }
  const outTerms = file ? termsOf(file) : [];
  const outCodec = makeCharsetCodec(outTerms).codec;
  const { candidates } = values;
  const groups = buildPatternGroups(candidates, [values.charsetTerms, outTerms, ...(options.charsets ?? [])]);
  const segments: Segment[] = file ? scanSegments(file, raw) : [{ source: raw, start: 0, end: raw.size, locator: new Locator().seal(), offsetLabel: 'byte offset' }];

  // Each hit is judged where it lies; one entry per value and place.
  const leaks = new Places();
  const notices = new Places();
  const located: LocatedLeak[] = [];
  let bytesScanned = 0;
  if (groups.length) {
    const lead = Math.max(...groups.map((g) => g.matcher.maxLength)) + 2;
    for (const seg of segments) {
      const states = groups.map(() => 0);
      for (let pos = seg.start; pos < seg.end; pos += CHUNK) {
        const chunkEnd = Math.min(seg.end, pos + CHUNK);
        const winStart = Math.max(0, pos - lead);
        const buf = await seg.source.read(winStart, Math.min(seg.source.size, chunkEnd + lead) - winStart);
        // Hits of every group, taken in the order one automaton over all patterns reports them
        // (by end offset, the longer first), so reports list places in the same order.
        const hits: { end: number; len: number; into: Places; c: Candidate; where: string }[] = [];
        groups.forEach(({ matcher, owner }, g) => {
          states[g] = matcher.run(buf, pos - winStart, chunkEnd - winStart, states[g], (p, at) => {
            const c = candidates[owner[p]];
            const offset = winStart + at;
            const len = matcher.patterns[p].bytes.length;
            if (offset < seg.start || !boundedMatch(c.match, buf, at, len)) return;
            const leaf = seg.locator.at(offset);
            const where = leaf ? describeLeaf(leaf) : `${seg.offsetLabel} ${offset}`;
            const into = leaf && legitimatelyKept(c, leaf, values, outCodec) ? notices : leaks;
            if (leaf && into === leaks) located.push({ candidate: c, leaf, offset, length: len });
            hits.push({ end: Math.min(at + len, at + matcher.prefixLength), len, into, c, where });
          });
        });
        if (groups.length > 1) hits.sort((a, b) => a.end - b.end || Math.min(b.len, 8) - Math.min(a.len, 8));
        for (const h of hits) h.into.add(h.c, h.where);
        bytesScanned += chunkEnd - pos;
      }
    }
  }
  return { leaks: leaks.list(), located, notices: notices.list(), candidates: candidates.length, bytesScanned };
}

function termsOf(file: DicomFile): string[] {
  const el = findElement(file.dataset, SPECIFIC_CHARACTER_SET);
  return el && el.value.kind === 'bytes' ? asciiValues(el.value.bytes) : [];
}

/** The output holds, unchanged, the attribute the original held at this path, and keeps it rightly. */
function legitimatelyKept(c: Candidate, leaf: OutputLeaf, values: IdentifyingValues, outCodec: CharsetCodec): boolean {
  if (writtenByDeidentifier(leaf, outCodec)) return true;
  const orig = values.leaves.get(leaf.key);
  if (!orig || orig.action !== 'K' || orig.element.tag !== leaf.element.tag) return false;
  if (!sameValue(orig.element, orig.codec, leaf.element, outCodec)) return false;
  if (orig.listedKeep) return true;
  // A name, ID or date in a code kept only because the table does not list it (a family name in
  // Body Part Examined) is a leak; not in a number (a series number equal to a short numeric ID
  // is chance), a class UID kept where the original had it, nor the image and frame type codes
  // the standard defines.
  if (c.personal && PERSONAL_NOT_KEPT_VRS.has(leaf.element.vr) && !DEFINED_TERM_TAGS.has(leaf.element.tag)) return false;
  if (CODED_VRS.has(leaf.element.vr) || CODE_TAGS.has(leaf.element.tag)) return true;
  // An institution named in report text (an SR's Content Sequence) is a leak; in Manufacturer it is not.
  if (!c.personal) return !(c.kind === 'institution' && orig.inContainer);
  // One name component that the original, too, held here, outside any content the profile
  // de-identifies ("Test" of "Test^Physician" in Manufacturer "Test Manufacturer").
  return c.part && !orig.inContainer;
}

function sameValue(a: Element, ac: CharsetCodec, b: Element, bc: CharsetCodec): boolean {
  const va = a.value;
  const vb = b.value;
  if (va.kind === 'bulk' && vb.kind === 'bulk') return va.range.length === vb.range.length;
  if (va.kind !== 'bytes' || vb.kind !== 'bytes') return false;
  if (va.bytes.length === vb.bytes.length && va.bytes.every((x, i) => x === vb.bytes[i])) return true;
  // The same text re-encoded (the output was switched to UTF-8).
  return CHARSET_VRS.has(a.vr) && a.vr === b.vr && ac.decode(va.bytes, a.vr) === bc.decode(vb.bytes, b.vr);
}

/** Hits grouped by value, at most MAX_PLACES places each; a value found inside a longer found value at the same place is left out. */
class Places {
  private readonly byValue = new Map<string, { c: Candidate; places: Set<string> }>();
  add(c: Candidate, where: string): void {
    let e = this.byValue.get(c.value);
    if (!e) this.byValue.set(c.value, (e = { c, places: new Set() }));
    if (e.places.size < MAX_PLACES) e.places.add(where);
  }
  list(): LeakHit[] {
    const entries = [...this.byValue.values()].sort((a, b) => b.c.value.length - a.c.value.length);
    const out: LeakHit[] = [];
    const kept: { value: string; places: Set<string> }[] = [];
    for (const e of entries) {
      const low = e.c.value.toLowerCase();
      const places = [...e.places].filter((p) => !kept.some((k) => k.places.has(p) && k.value.includes(low)));
      if (places.length === 0) continue;
      kept.push({ value: low, places: e.places });
      for (const foundIn of places) out.push({ value: e.c.value, source: e.c.source, kind: e.c.kind, foundIn });
    }
    return out;
  }
}
