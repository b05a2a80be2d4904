// Collects, before the walk, the string values of every attribute the profile removes or replaces
// (X, Z, D, U at any depth, private ones included), minus values that a kept attribute also holds.
// These are masked wherever an option keeps free text (C), so text that is kept never repeats a
// value that was removed elsewhere in the same file (PS3.15 E.3.5, E.3.9).

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import { makeCharsetCodec } from '../charset/specific-character-set.ts';
import type { Element, Item } from '../dicom/dataset.ts';
import { isPrivateCreator, SPECIFIC_CHARACTER_SET } from '../dicom/tag.ts';
import { decodeStrings, isStringVr } from '../dicom/value-codec.ts';
import { asciiValues } from '../dicom/value-text.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { blockKey, decide, type PolicyContext } from './element-policy.ts';
import type { IodContext } from './iod-requirements.ts';

/** A value worth masking: long enough, with a letter or six or more digits (not a bare number or code). */
const isCandidate = (v: string): boolean => {
  const s = v.trim();
  const ascii = /^[\x00-\x7f]*$/.test(s);
  if (ascii ? s.length < 4 : s.length < 2) return false;
  return /\p{L}/u.test(s) || /\d{6,}/.test(s);
};

export function collectRemovedValues(ds: Item, codec: CharsetCodec, options: ProfileOptions, iod: Omit<IodContext, 'depth'>): string[] {
  const removed = new Set<string>();
  const kept = new Set<string>();
  const visit = (item: Item, c: CharsetCodec, depth: number) => {
    const own = depth > 0 ? item.elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET) : undefined;
    if (own && own.value.kind === 'bytes') c = makeCharsetCodec(asciiValues(own.value.bytes)).codec;
    const ctx: PolicyContext = { options, iod: { ...iod, depth }, creators: new Map() };
    for (const el of item.elements) {
      if (isPrivateCreator(el.tag) && el.value.kind === 'bytes') ctx.creators.set(blockKey(el.tag), decodeStrings(el, c)[0] ?? '');
    }
    for (const el of item.elements) {
      if (el.value.kind === 'sequence') {
        for (const it of el.value.items) visit(it, c, depth + 1);
        continue;
      }
      if (isPrivateCreator(el.tag) || el.vr === 'UI') continue;
      const values = isStringVr(el.vr) ? decodeStrings(el, c) : el.vr === 'UN' ? textOfUnknown(el, c) : [];
      if (values.length === 0) continue;
      const d = decide(el, ctx);
      // Values being cleaned are neither kept nor removed, except dates and times: C shifts them
      // (Retain Modified Dates), so the original value is gone and must not survive in kept text.
      if (d.action === 'C' && el.vr !== 'DA' && el.vr !== 'DT' && el.vr !== 'TM') continue;
      // Only attributes the profile deliberately keeps (a listed K) vouch for a value; unlisted ones don't.
      if (d.action === 'K' && d.code === '') continue;
      const target = d.action === 'K' ? kept : removed;
      for (const v of values) if (isCandidate(v)) target.add(v.trim());
    }
  };
  visit(ds, codec, 0);
  return [...removed].filter((v) => !kept.has(v));
}

/** UN values (private attributes of implicit VR files) that are printable text, split like LO. */
function textOfUnknown(el: Element, c: CharsetCodec): string[] {
  if (el.value.kind !== 'bytes' || el.value.bytes.length === 0 || el.value.bytes.length > 4096) return [];
  const b = el.value.bytes;
  for (let i = 0; i < b.length; i++) if (b[i] < 0x20 && b[i] !== 0x0d && b[i] !== 0x0a && b[i] !== 0x09 && b[i] !== 0x1b && !(b[i] === 0 && i === b.length - 1)) return [];
  return c.decode(b, 'LO').split('\\').map((v) => v.trim()).filter(Boolean);
}
