// Leak gate, part 1: every identifying value of an original file, to be searched for in its
// de-identified output. The candidates follow the outside checker's rules (string values of
// attributes that PS3.15 Table E.1-1 and its options remove or replace — X, Z, D, U, at any
// depth, private attributes too — at least 4 characters, 2 when not ASCII; numeric VRs left
// out; private values only with a letter or 6+ digits) and add the forms in which identifiers
// get copied: person-name parts and orders, dates in written forms, pieces of "^" values.
// A value that an attribute the profile keeps by name (a listed K) also holds is not a
// candidate, and neither is a UID of the DICOM registry (root 1.2.840.10008, PS3.6 Annex A:
// transfer syntaxes, SOP classes, coding schemes), which names no patient wherever it appears. The original's leaf elements are indexed by path, so the scan can tell a value the
// output carries unchanged in a kept attribute from one that was copied or left behind.

import { makeCharsetCodec, type CharsetCodec } from '../charset/specific-character-set.ts';
import type { Element, Item } from '../dicom/dataset.ts';
import { findElement } from '../dicom/dataset.ts';
import { keywordOf } from '../dicom/dictionary.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { formatTag, isGroupLength, isPrivateCreator, isPrivateTag, SPECIFIC_CHARACTER_SET, tag, type Tag } from '../dicom/tag.ts';
import { decodeStrings, firstString, isStringVr } from '../dicom/value-codec.ts';
import { asciiValue, asciiValues } from '../dicom/value-text.ts';
import { blockKey, decide, type PolicyContext } from '../deid/element-policy.ts';
import type { Concrete } from '../deid/iod-requirements.ts';
import type { ProfileOptions } from '../profile/options.ts';
import {
  caretPieces, dateTimeValueForms, dateValueForms, longEnough, looksLikeUid, matchFor, personNameForms, type MatchRule, type ValueForm,
} from './value-forms.ts';

export type { MatchRule } from './value-forms.ts';

export type CandidateKind = 'name' | 'id' | 'date' | 'time' | 'uid' | 'address' | 'phone' | 'institution' | 'device' | 'text';

export interface Candidate {
  value: string;
  /** Where the original held it: keyword path and tag, e.g. "OtherPatientIDsSequence[0]/PatientID (0010,0020)". */
  source: string;
  /** Further places (at most 4 more). */
  alsoIn: string[];
  kind: CandidateKind;
  match: MatchRule;
  /**
   * Names, IDs, dates, UIDs, addresses, phone numbers and device serials: flagged wherever they
   * appear, except unchanged in an attribute the profile keeps by name. Other values (free text,
   * codes, institution and station names) are not flagged where the output carries, unchanged,
   * an attribute the original held them in and the profile keeps (the checker's rule too).
   */
  personal: boolean;
  /** A single person-name component (see ValueForm.part). */
  part: boolean;
}

/** An element of the original, for comparing with the element at the same path in the output. */
export interface OriginalLeaf {
  element: Element;
  codec: CharsetCodec;
  action: Concrete;
  /** Kept because Table E.1-1 (with the chosen options) lists it as K; false for unlisted and private. */
  listedKeep: boolean;
  /** Inside a sequence the profile does not simply keep (D, C: e.g. Content Sequence of an SR). */
  inContainer: boolean;
}

export interface IdentifyingValues {
  candidates: Candidate[];
  /** Leaf elements of the original by path key (see pathKey). */
  leaves: Map<string, OriginalLeaf>;
  /** Specific Character Set of the original: candidates are searched in its encoding too. */
  charsetTerms: string[];
}

const MAX_SOURCES = 5;
const MEDIA_STORAGE_SOP_INSTANCE_UID = tag(0x0002, 0x0003);
const NUMERIC_VRS = new Set(['DS', 'IS', 'US', 'SS', 'UL', 'SL', 'UV', 'SV', 'FL', 'FD', 'AT', 'OB', 'OW', 'OF', 'OD', 'OL', 'OV']);

/** Per-tag strings, computed once per thread (a batch asks for the same few hundred tags again and again). */
const hexOfTag = new Map<number, string>();
const labelOfTag = new Map<number, string>();
const topPathOfTag = new Map<number, string>();
const tagHex = (t: Tag): string => {
  let h = hexOfTag.get(t);
  if (h === undefined) hexOfTag.set(t, (h = (t >>> 0).toString(16).toUpperCase().padStart(8, '0')));
  return h;
};

/** Path key of an element: tags in hex with item indices, e.g. "0040A730[2]/0040A160". */
export const pathKey = (parent: string, t: Tag, item?: number): string =>
  `${parent}${parent ? '/' : ''}${tagHex(t)}${item === undefined ? '' : `[${item}]`}`;

/** Readable path: "ContentSequence[2]/TextValue (0040,A160)". */
export const readablePath = (names: string[], t: Tag): string => {
  if (names.length === 0) {
    let p = topPathOfTag.get(t);
    if (p === undefined) topPathOfTag.set(t, (p = `${attributeLabel(t)} ${formatTag(t)}`));
    return p;
  }
  return `${[...names, attributeLabel(t)].join('/')} ${formatTag(t)}`;
};
/** An attribute's keyword, or its tag when it has none (private). */
export const attributeLabel = (t: Tag): string => {
  let l = labelOfTag.get(t);
  if (l === undefined) {
    const k = keywordOf(t);
    labelOfTag.set(t, (l = k === 'Private' || k === 'Unknown' ? formatTag(t) : k));
  }
  return l;
};

function kindOf(el: Element, keyword: string): CandidateKind {
  if (el.vr === 'PN') return 'name';
  if (el.vr === 'UI') return 'uid';
  if (el.vr === 'DA' || el.vr === 'DT') return 'date';
  if (el.vr === 'TM') return 'time';
  if (/Address/.test(keyword)) return 'address';
  if (/Telephone|Phone/.test(keyword)) return 'phone';
  if (/SerialNumber|DeviceUID|DeviceID|DeviceLabel/.test(keyword)) return 'device';
  if (/Institution|Department/.test(keyword)) return 'institution';
  if (/Station|AETitle/.test(keyword)) return 'device';
  if (/(ID|IDs|Number|Numbers|Identifier|Locator)$/.test(keyword)) return 'id';
  return 'text';
}

/** How plain a source is (lower first): its depth, and whether it is a private tag; memoised (a batch names the same few hundred places). */
const rankOfSource = new Map<string, number>();
const sourceRank = (source: string): number => {
  let r = rankOfSource.get(source);
  if (r === undefined) {
    if (rankOfSource.size >= 4096) rankOfSource.clear();
    rankOfSource.set(source, (r = 2 * (source.split('/').length - 1) + (/(^|\/)\(/.test(source) ? 1 : 0)));
  }
  return r;
};

const PERSONAL: ReadonlySet<CandidateKind> = new Set(['name', 'id', 'date', 'uid', 'address', 'phone']);

export function collectIdentifyingValues(original: DicomFile, options: ProfileOptions): IdentifyingValues {
  const ds = original.dataset;
  const csEl = findElement(ds, SPECIFIC_CHARACTER_SET);
  const charsetTerms = csEl && csEl.value.kind === 'bytes' ? asciiValues(csEl.value.bytes) : [];
  const topCodec = makeCharsetCodec(charsetTerms).codec;
  const iod = {
    sopClassUID: firstString(findElement(ds, tag(0x0008, 0x0016)), topCodec),
    enhancedMultiFrame: findElement(ds, tag(0x5200, 0x9229)) !== undefined || findElement(ds, tag(0x5200, 0x9230)) !== undefined,
  };
  const found = new Map<string, Candidate>();
  const vouched = new Set<string>();
  const leaves = new Map<string, OriginalLeaf>();

  const add = (form: ValueForm, kind: CandidateKind, personal: boolean, source: string) => {
    const have = found.get(form.value);
    if (have) {
      if (have.source !== source && !have.alsoIn.includes(source)) {
        // Name the plainest source first: a top-level standard attribute before one in a (private) sequence.
        if (sourceRank(source) < sourceRank(have.source)) [have.source, source] = [source, have.source];
        if (have.alsoIn.length < MAX_SOURCES - 1) have.alsoIn.push(source);
      }
      // The stricter reading wins when one value comes from several attributes.
      if (personal && !have.personal) Object.assign(have, { personal, kind });
      if (have.match === 'word' && form.match === 'text') have.match = 'text';
      if (!form.part) have.part = false;
      return;
    }
    found.set(form.value, { value: form.value, source, alsoIn: [], kind, match: form.match, personal, part: form.part === true });
  };

  const visit = (item: Item, codec: CharsetCodec, depth: number, key: string, names: string[], inContainer: boolean) => {
    const own = depth > 0 ? item.elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET) : undefined;
    if (own && own.value.kind === 'bytes') codec = makeCharsetCodec(asciiValues(own.value.bytes)).codec;
    const ctx: PolicyContext = { options, iod: { ...iod, depth }, creators: new Map() };
    for (const el of item.elements) {
      if (isPrivateCreator(el.tag) && el.value.kind === 'bytes') ctx.creators.set(blockKey(el.tag), decodeStrings(el, codec)[0] ?? '');
    }
    for (const el of item.elements) {
      if (isGroupLength(el.tag) || el.tag === SPECIFIC_CHARACTER_SET) continue;
      const d = decide(el, ctx);
      if (el.value.kind === 'sequence') {
        const container = inContainer || d.action !== 'K';
        el.value.items.forEach((it, i) => visit(it, codec, depth + 1, pathKey(key, el.tag, i), [...names, `${attributeLabel(el.tag)}[${i}]`], container));
        continue;
      }
      const listedKeep = d.action === 'K' && d.code !== '' && !isPrivateTag(el.tag);
      leaves.set(pathKey(key, el.tag), { element: el, codec, action: d.action, listedKeep, inContainer });
      if (el.value.kind !== 'bytes' || isPrivateCreator(el.tag) || NUMERIC_VRS.has(el.vr)) continue;
      const values = isStringVr(el.vr) ? decodeStrings(el, codec) : el.vr === 'UN' ? textOfUnknown(el, codec) : [];
      if (values.length === 0) continue;
      if (d.action === 'K') {
        if (listedKeep) for (const v of values) vouched.add(v.trim().toLowerCase());
        continue;
      }
      // Cleaned in place: what must not stay is found through the other candidates; but a date
      // the Retain Longitudinal Modified Dates option shifts must not stay in its original form.
      if (d.action === 'C' && el.vr !== 'DA' && el.vr !== 'DT') continue;
      const keyword = keywordOf(el.tag);
      const kind = kindOf(el, keyword);
      const source = readablePath(names, el.tag);
      for (const raw of values) {
        const v = raw.trim();
        if (!v) continue;
        if (isPrivateTag(el.tag) && !(/[A-Za-z]/.test(v) || /^[0-9]{6,}$/.test(v))) continue;
        for (const f of formsOf(v, el.vr, isPrivateTag(el.tag))) {
          if (f.match === 'uid' && isRegistryUid(f.value)) continue;
          const k = f.match === 'uid' ? 'uid' : kind;
          add(f, k, PERSONAL.has(k) || /SerialNumber|DeviceUID/.test(keyword), source);
        }
      }
    }
  };
  visit(ds, topCodec, 0, '', [], false);

  // The file meta names the original instance too (PS3.10 §7.1); it is rebuilt on writing.
  const media = findElement(original.meta, MEDIA_STORAGE_SOP_INSTANCE_UID);
  if (media && media.value.kind === 'bytes' && !options.retainUIDs) {
    const uid = asciiValue(media.value.bytes);
    if (looksLikeUid(uid)) add({ value: uid, match: 'uid' }, 'uid', true, readablePath([], MEDIA_STORAGE_SOP_INSTANCE_UID));
  }

  const candidates = [...found.values()].filter((c) => !vouched.has(c.value.toLowerCase()));
  return { candidates, leaves, charsetTerms };
}

/** A UID of the DICOM registry (PS3.6 Annex A): the same in every file, never identifying. */
export const isRegistryUid = (uid: string): boolean => uid.startsWith('1.2.840.10008.');

/** formsOf results of recent values (a series repeats its names, dates and IDs in every file); never mutated by callers. */
const formsMemo = new Map<string, readonly ValueForm[]>();
const FORMS_MEMO = 4096;

/** The forms searched for one value of an attribute with this VR (memoised). */
function formsOf(v: string, vr: string, isPrivate: boolean): readonly ValueForm[] {
  const key = `${vr}${isPrivate ? 'p' : ''}\u0000${v}`;
  let f = formsMemo.get(key);
  if (f === undefined) {
    if (formsMemo.size >= FORMS_MEMO) formsMemo.clear();
    formsMemo.set(key, (f = computeForms(v, vr, isPrivate)));
  }
  return f;
}

function computeForms(v: string, vr: string, isPrivate: boolean): ValueForm[] {
  // Private PN values are often vendor labels ("SyngoWorkflow^RIS^CCF"): parts from 4 characters, as the checker.
  if (vr === 'PN') return personNameForms(v, isPrivate ? 4 : 3);
  if (vr === 'DA') {
    const forms = dateValueForms(v);
    return forms.length ? forms : longEnough(v) ? [{ value: v, match: matchFor(v) }] : [];
  }
  if (vr === 'DT') return dateTimeValueForms(v).filter((f) => longEnough(f.value));
  const out: ValueForm[] = [];
  if (longEnough(v)) out.push({ value: v, match: matchFor(v) });
  for (const p of caretPieces(v)) if (longEnough(p)) out.push({ value: p, match: matchFor(p) });
  return out;
}

/** UN values (private attributes of implicit VR files) that are printable text: whole, and split like LO. */
function textOfUnknown(el: Element, c: CharsetCodec): string[] {
  if (el.value.kind !== 'bytes' || el.value.bytes.length === 0 || el.value.bytes.length > 4096) return [];
  const b = el.value.bytes;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x20 && b[i] !== 0x0d && b[i] !== 0x0a && b[i] !== 0x09 && b[i] !== 0x1b && !(b[i] === 0 && i >= b.length - 1)) return [];
  }
  const whole = c.decode(b, 'LO').trim();
  const parts = whole.split('\\').map((v) => v.trim()).filter(Boolean);
  return parts.length > 1 ? [whole, ...parts] : parts;
}
