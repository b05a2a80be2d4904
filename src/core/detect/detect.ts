// Runs every detector over the width-normalised text and resolves overlaps: longer spans win,
// then the more specific kind (PRIORITY). createDetector compiles the patient-specific matchers
// once; detectIdentifiers keeps a few compiled contexts so repeated calls with equal ctx are cheap.

import type { Candidate, DetectContext, Finding, FindingKind } from './types.ts';
import { normalizeWidth } from './text-util.ts';
import { detectResidentIds } from './resident-id.ts';
import { detectLabelledNumbers } from './labelled-number.ts';
import { detectContacts } from './contact.ts';
import { compileOwnDates, detectDates, detectOwnDates } from './dates.ts';
import { compileNames, detectNames } from './names.ts';

/** On equal spans the earlier kind is reported. */
export const PRIORITY: readonly FindingKind[] = [
  'resident-id', 'email', 'hospital-number', 'resident-id-15', 'mobile', 'phone', 'patient-name', 'patient-name-pinyin', 'date',
];
const RANK = new Map(PRIORITY.map((k, i) => [k, i]));

/** Keeps a non-overlapping subset (longest first, then PRIORITY), sorted by position. */
export function resolveOverlaps<T extends Candidate>(candidates: readonly T[]): T[] {
  const order = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || RANK.get(a.kind)! - RANK.get(b.kind)! || a.start - b.start,
  );
  const taken = new Uint8Array(order.reduce((n, c) => Math.max(n, c.end), 0));
  const kept: T[] = [];
  for (const c of order) {
    if (c.end <= c.start || taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export type Detector = (text: string) => Finding[];

/** A detector for one patient context: its name and date matchers are compiled here, once. */
export function createDetector(ctx: DetectContext = {}): Detector {
  const names = compileNames(ctx.patientNames ?? []);
  const ownDates = compileOwnDates(ctx.dates ?? []);
  return (text: string): Finding[] => {
    if (text === '') return [];
    const norm = normalizeWidth(text);
    const out: Candidate[] = [];
    if (/\d/.test(norm)) {
      detectResidentIds(norm, out);
      detectLabelledNumbers(norm, out);
      detectContacts(norm, out);
      detectDates(norm, out);
      if (ownDates) detectOwnDates(norm, ownDates, out);
    } else if (norm.includes('@')) {
      detectContacts(norm, out);
    }
    detectNames(norm, names, out);
    return resolveOverlaps(out).map((c) => ({ kind: c.kind, start: c.start, end: c.end, text: text.slice(c.start, c.end) }));
  };
}

const cache = new Map<string, Detector>();
const CACHE_SIZE = 16;

/** All identifiers in `text`, non-overlapping and sorted by start (UTF-16 indices into `text`). */
export function detectIdentifiers(text: string, ctx?: DetectContext): Finding[] {
  const key = JSON.stringify([ctx?.patientNames ?? [], ctx?.dates ?? []]);
  let detector = cache.get(key);
  if (!detector) {
    detector = createDetector(ctx);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, detector);
  }
  return detector(text);
}
