// Applies the profile at every depth (PS3.15 E.1.1: "applied to all Attributes, including those
// nested in Sequences"): walks each item once, decides each element (element-policy.ts), builds
// the de-identified item and, when asked, one plan row per element. Sequences are entered for
// K, U, D and C; X removes them whole and Z leaves them with no items. A D sequence whose items
// hold content the table does not list (an SR's Content Sequence…) gets dummy items instead
// (dummy-sequences.ts).

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import { makeCharsetCodec } from '../charset/specific-character-set.ts';
import type { Element, Item } from '../dicom/dataset.ts';
import { keywordOf } from '../dicom/dictionary.ts';
import { isPrivateCreator, formatTag, SPECIFIC_CHARACTER_SET } from '../dicom/tag.ts';
import { decodeStrings, displayValue, encodeStrings } from '../dicom/value-codec.ts';
import { TEXT_VRS } from '../dicom/vr.ts';
import { asciiValues } from '../dicom/value-text.ts';
import { blockKey, decide, type Decision, type PolicyContext } from './element-policy.ts';
import type { ActionCounts, PlanRow } from './plan.ts';
import type { FileRules } from './file-rules.ts';
import { dummyBinary, dummyString } from './replacement-values.ts';
import { dummySequence } from './dummy-sequences.ts';
import { msg, type Message } from '../messages/message.ts';
import { maskedReason, planNote, planReason, resolved, ruleOf } from '../profile/plan-reasons.ts';

export interface WalkState {
  rules: FileRules;
  littleEndian: boolean;
  collectRows: boolean;
  rows: PlanRow[];
  counts: ActionCounts;
  warnings: Message[];
  /** Re-encode every kept text value as UTF-8 (the file switches to ISO_IR 192). */
  toUtf8: CharsetCodec | undefined;
  /** > 0 while walking the items of a sequence being replaced (D) or cleaned (C). */
  cleaningDepth?: number;
}

const bytesOf = (b: Uint8Array): Element['value'] => ({ kind: 'bytes', bytes: b });

export function walkItem(item: Item, codec: CharsetCodec, path: string, depth: number, s: WalkState): Item {
  const own = depth > 0 ? item.elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET) : undefined;
  if (own && own.value.kind === 'bytes') codec = makeCharsetCodec(asciiValues(own.value.bytes)).codec;
  const ctx: PolicyContext = {
    options: s.rules.options,
    iod: { ...s.rules.iod, depth },
    creators: new Map(),
  };
  for (const el of item.elements) {
    if (isPrivateCreator(el.tag) && el.value.kind === 'bytes') ctx.creators.set(blockKey(el.tag), decodeStrings(el, codec)[0] ?? '');
  }
  const out: Element[] = [];
  const rowStart = s.rows.length;
  const keptBlocks = new Set<number>();
  const creatorRows: { index: number; row: number; key: number }[] = [];
  for (const el of item.elements) {
    const d = refineKeptText(decide(el, ctx), el, codec, s);
    const elPath = `${path}${formatTag(el.tag)}`;
    // The element's row goes before the rows that walking its sequence items adds (document order).
    const rowIndex = s.rows.length;
    const result = apply(el, d, item, codec, elPath, depth, s);
    if (result && !isPrivateCreator(el.tag) && (el.tag >>> 16) % 2 === 1) keptBlocks.add(blockKey(el.tag));
    if (isPrivateCreator(el.tag) && result) creatorRows.push({ index: out.length, row: rowIndex, key: blockKey(el.tag) });
    s.counts[d.action]++;
    if (s.collectRows) s.rows.splice(rowIndex, 0, row(el, d, result, codec, elPath, depth, s));
    if (result) out.push(result);
  }
  // A private creator is kept only when its block keeps at least one attribute.
  for (let i = creatorRows.length - 1; i >= 0; i--) {
    const c = creatorRows[i];
    if (keptBlocks.has(c.key)) continue;
    out.splice(c.index, 1);
    s.counts.K--;
    s.counts.X++;
    if (s.collectRows) {
      const r = s.rows[c.row];
      Object.assign(r, { action: 'X', result: null, reason: planReason('creatorUnused') });
    }
  }
  void rowStart;
  return { ...item, elements: depth === 0 ? dropOrphanedOverlays(item, out, s, rowStart) : out };
}

function row(el: Element, d: Decision, result: Element | null, codec: CharsetCodec, path: string, depth: number, s: WalkState): PlanRow {
  const outCodec = s.toUtf8 ?? codec;
  return {
    path, tag: formatTag(el.tag), keyword: keywordOf(el.tag), vr: el.vr, depth,
    original: displayValue(el, codec, s.littleEndian), action: d.action,
    result: result ? displayValue(result, outCodec, s.littleEndian) : null,
    reason: d.reason, code: d.code, identifying: d.identifying,
  };
}

function walkSequence(el: Element, codec: CharsetCodec, path: string, depth: number, s: WalkState, cleaning = false): Element {
  if (el.value.kind !== 'sequence') return el;
  if (cleaning) s.cleaningDepth = (s.cleaningDepth ?? 0) + 1;
  try {
    const items = el.value.items.map((it, i) => walkItem(it, codec, `${path}[${i}].`, depth + 1, s));
    return { ...el, value: { kind: 'sequence', items } };
  } finally {
    if (cleaning) s.cleaningDepth! -= 1;
  }
}

/**
 * Text the profile would keep (not listed in E.1-1) is still checked: inside a sequence being
 * replaced or cleaned (an SR Text Value in a Content Sequence, PS3.15 E.3.9) it is always cleaned
 * and person names become dummies; elsewhere it is cleaned when the detectors or the file's known
 * identifiers find something in it (resident ID numbers, hospital numbers, the patient's name…).
 */
function refineKeptText(d: Decision, el: Element, codec: CharsetCodec, s: WalkState): Decision {
  if (d.action !== 'K' || d.code !== '' || el.value.kind !== 'bytes' || !TEXT_VRS.has(el.vr) || el.value.bytes.length === 0) return d;
  const inCleaned = (s.cleaningDepth ?? 0) > 0;
  if (el.vr === 'PN') {
    return inCleaned ? { action: 'D', code: '', identifying: true, reason: planReason('pnInCleaned') } : d;
  }
  const values = decodeStrings(el, codec);
  if (!inCleaned && !values.some((v) => s.rules.cleaner.mightHoldIdentifier(v))) return d;
  const kinds = new Set<string>();
  for (const v of values) for (const k of s.rules.cleaner.clean(v).kinds) kinds.add(k);
  if (kinds.size === 0) return d;
  return { action: 'C', code: '', identifying: true, reason: maskedReason(inCleaned, [...kinds]) };
}

function keep(el: Element, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element {
  if (el.value.kind === 'sequence') return walkSequence(el, codec, path, depth, s);
  if (s.toUtf8 && TEXT_VRS.has(el.vr) && el.value.kind === 'bytes' && el.value.bytes.length > 0) {
    return { ...el, value: bytesOf(encodeStrings(decodeStrings(el, codec), el.vr, s.toUtf8)) };
  }
  if (s.toUtf8 && el.tag === SPECIFIC_CHARACTER_SET) return { ...el, value: bytesOf(encodeStrings(['ISO_IR 192'], 'CS', s.toUtf8)) };
  return el;
}

function setStrings(el: Element, values: string[], codec: CharsetCodec, s: WalkState): Element {
  const target = s.toUtf8 ?? codec;
  let bytes: Uint8Array;
  try {
    bytes = encodeStrings(values, el.vr, target);
  } catch {
    // The original held characters its declared character set cannot (read leniently as Latin-1):
    // write them back the same way rather than fail, and say so.
    const text = values.join('\\');
    s.warnings.push(msg('charset-kept-latin1', { element: formatTag(el.tag) }));
    bytes = Uint8Array.from(text, (ch) => { const c = ch.charCodeAt(0); return c <= 0xff ? c : 0x3f; });
    if (bytes.length & 1) bytes = Uint8Array.from([...bytes, 0x20]);
  }
  return { ...el, value: bytesOf(bytes), undefinedLength: false };
}

function apply(el: Element, d: Decision, item: Item, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element | null {
  const r = s.rules;
  switch (d.action) {
    case 'X':
      return null;
    case 'K':
      return keep(el, codec, path, depth, s);
    case 'Z': {
      const pseudo = r.pseudonymValue(el.tag);
      if (pseudo !== undefined) return setStrings(el, [pseudo], codec, s);
      if (el.value.kind === 'sequence') return { ...el, value: { kind: 'sequence', items: [] } };
      return { ...el, value: bytesOf(new Uint8Array(0)), undefinedLength: false };
    }
    case 'U':
      if (el.value.kind === 'sequence') return walkSequence(el, codec, path, depth, s);
      if (el.vr === 'UI' && el.value.kind === 'bytes') return remapUids(el, codec, path, depth, s);
      return replaceWithDummy(el, codec, path, depth, s);
    case 'D': {
      const dummy = el.value.kind === 'sequence' ? dummySequence(el, { codec: s.toUtf8 ?? codec, littleEndian: s.littleEndian }) : undefined;
      if (dummy) {
        d.reason = resolved(d.reason, planNote('dummyItems'));
        return dummy;
      }
      if (d.sequenceFallback && el.value.kind === 'sequence') return sequenceOrFallback(el, d, codec, path, depth, s);
      return replaceWithDummy(el, codec, path, depth, s);
    }
    case 'C':
      return clean(el, item, codec, path, depth, s);
  }
}

function replaceWithDummy(el: Element, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element {
  const r = s.rules;
  if (el.value.kind === 'sequence') return walkSequence(el, codec, path, depth, s, true);
  const pseudo = r.pseudonymValue(el.tag);
  if (pseudo !== undefined) return setStrings(el, [pseudo], codec, s);
  if (el.vr === 'UI' && el.value.kind === 'bytes') return remapUids(el, codec, path, depth, s);
  const original = decodeStrings(el, codec).join('\\');
  const dummy = dummyString(el.vr, original, r.originalTemporal);
  if (dummy !== undefined) return setStrings(el, [dummy], codec, s);
  const length = el.value.kind === 'bytes' ? el.value.bytes.length : el.value.kind === 'bulk' ? el.value.range.length : 0;
  return { ...el, value: bytesOf(dummyBinary(el.vr, length)), undefinedLength: false };
}

function clean(el: Element, item: Item, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element | null {
  const r = s.rules;
  if (el.value.kind === 'sequence') return walkSequence(el, codec, path, depth, s, true);
  if (el.vr === 'DA' || el.vr === 'DT' || el.vr === 'TM') {
    if (!r.options.retainLongitudinalModifiedDates) return replaceWithDummy(el, codec, path, depth, s);
    const shifted = r.shiftDateElement(el, codec);
    if (shifted === undefined) {
      s.warnings.push(msg('date-not-shifted', { path, value: decodeStrings(el, codec).join('\\'), vr: el.vr }));
      return { ...el, value: bytesOf(new Uint8Array(0)) };
    }
    return setStrings(el, shifted, codec, s);
  }
  if (el.vr === 'UI' && el.value.kind === 'bytes') return remapUids(el, codec, path, depth, s);
  if (el.vr === 'AE') return setStrings(el, decodeStrings(el, codec).map((v) => r.pseudonymousAe(v)), codec, s);
  if (TEXT_VRS.has(el.vr) || el.vr === 'CS' || el.vr === 'UR') {
    if (el.value.kind !== 'bytes') return null;
    const original = decodeStrings(el, codec);
    const cleaned = original.map((v) => r.cleaner.clean(v));
    if (cleaned.every((c) => c.hits === 0)) return keep(el, codec, path, depth, s);
    return setStrings(el, cleaned.map((c) => c.text), codec, s);
  }
  // Overlay Data under Clean Graphics: a bitmap cannot be cleaned as text; it is kept, and
  // redaction boxes clear any overlay pixels beneath them.
  if (isOverlayData(el.tag)) return el;
  if (el.vr === 'SH' || el.vr === 'AS' || el.vr === 'DS' || el.vr === 'IS' || el.vr === 'US' || el.vr === 'FL' || el.vr === 'FD') return keep(el, codec, path, depth, s);
  // Binary values (e.g. an OB timestamp) cannot be cleaned in place.
  return null;
}

/** U on a UI element: every value remapped; an empty one gets a fresh UID (U must not be empty). */
function remapUids(el: Element, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element {
  if (el.value.kind !== 'bytes') return el;
  const values = asciiValues(el.value.bytes).map((u) => s.rules.uids.remap(u));
  if (values.length === 0 || values.every((v) => v === '')) return setStrings(el, [s.rules.uidForEmpty(el.tag, depth, path)], codec, s);
  return setStrings(el, values, codec, s);
}

const isOverlayData = (t: number): boolean => (t & 0xff01ffff) === 0x60003000;
const isOverlayGroup = (g: number): boolean => g >= 0x6000 && g <= 0x60ff && (g & 1) === 0;

/**
 * When Overlay Data (60xx,3000) is removed, the rest of its overlay group goes too: rows, columns,
 * origin and bit position without data would leave an invalid Overlay Plane module (PS3.3 C.9.2).
 */
function dropOrphanedOverlays(input: Item, out: Element[], s: WalkState, rowStart: number): Element[] {
  const kept = new Set(out.filter((e) => isOverlayData(e.tag)).map((e) => e.tag >>> 16));
  const groups = new Set(input.elements.filter((e) => isOverlayData(e.tag) && !kept.has(e.tag >>> 16)).map((e) => e.tag >>> 16));
  if (groups.size === 0) return out;
  const dropped = out.filter((e) => groups.has(e.tag >>> 16) && isOverlayGroup(e.tag >>> 16));
  if (dropped.length === 0) return out;
  for (const e of dropped) {
    s.counts.K--;
    s.counts.X++;
    if (s.collectRows) {
      const r = s.rows.slice(rowStart).find((row) => row.depth === 0 && row.tag === formatTag(e.tag));
      if (r) Object.assign(r, { action: 'X', result: null, reason: planReason('overlay') });
    }
  }
  const drop = new Set(dropped);
  return out.filter((e) => !drop.has(e));
}

const changes = (c: ActionCounts) => c.X + c.Z + c.D + c.C + c.U;

/** Keep a compound-code sequence with de-identified items, or fall back to X/Z when nothing in it changed. */
function sequenceOrFallback(el: Element, d: Decision, codec: CharsetCodec, path: string, depth: number, s: WalkState): Element | null {
  const rows = s.rows.length;
  const counts = { ...s.counts };
  const before = changes(s.counts);
  const out = walkSequence(el, codec, path, depth, s, true);
  if (changes(s.counts) > before) return out;
  s.rows.length = rows;
  Object.assign(s.counts, counts);
  d.action = d.sequenceFallback!;
  d.reason = resolved(ruleOf(d.reason), planNote('nothingInside', d.action));
  return d.action === 'X' ? null : { ...el, value: { kind: 'sequence', items: [] } };
}
