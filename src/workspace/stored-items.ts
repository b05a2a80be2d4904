// Local data hygiene, the pure part: what Veil keeps on this computer (only after the operator
// opts in with "Remember on this computer") is a set of named items, each stamped with the time
// it was saved and its time-to-live; an expired item is purged at start-up and never used.
// The clock is passed in, so the rules are tested with a fake one.

import type { Message } from '../core/messages/message.ts';
import { notice } from '../core/messages/notice.ts';

export const DEFAULT_TTL_HOURS = 72;
export const MIN_TTL_HOURS = 1;
export const MAX_TTL_HOURS = 24 * 365;
const HOUR = 3_600_000;
/** A saved-at time this far in the future (clock set back) makes the item expire too. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface StoredItem<T = unknown> {
  value: T;
  /** Epoch milliseconds when it was saved. */
  savedAt: number;
  /** Time-to-live in milliseconds from savedAt. */
  ttlMs: number;
}

export const stamp = <T>(value: T, now: number, ttlHours: number): StoredItem<T> => ({ value, savedAt: now, ttlMs: ttlHours * HOUR });

export const expiresAt = (item: StoredItem): number => item.savedAt + item.ttlMs;

function wellFormed(x: unknown): x is StoredItem {
  if (typeof x !== 'object' || x === null) return false;
  const i = x as Partial<StoredItem>;
  return 'value' in i && Number.isFinite(i.savedAt) && Number.isFinite(i.ttlMs) && (i.ttlMs as number) > 0;
}

/** Expired, malformed, or saved "in the future" (the clock was set back): not to be used. */
export function isExpired(item: unknown, now: number): boolean {
  if (!wellFormed(item)) return true;
  return now >= expiresAt(item) || item.savedAt > now + CLOCK_SKEW_MS;
}

/** Splits stored items into those still valid and the keys to purge. */
export function splitExpired<K>(entries: Iterable<[K, unknown]>, now: number): { keep: Map<K, StoredItem>; purge: K[] } {
  const keep = new Map<K, StoredItem>();
  const purge: K[] = [];
  for (const [k, item] of entries) {
    if (isExpired(item, now)) purge.push(k);
    else keep.set(k, item as StoredItem);
  }
  return { keep, purge };
}

/** The hours typed in the panel as a valid time-to-live, or why not (a notice). */
export function parseTtlHours(text: string): { hours: number } | { error: Message } {
  const h = Number(text.trim());
  if (!Number.isFinite(h) || !Number.isInteger(h)) return { error: notice('ttlWhole') };
  if (h < MIN_TTL_HOURS || h > MAX_TTL_HOURS) return { error: notice('ttlRange', { min: MIN_TTL_HOURS, max: MAX_TTL_HOURS }) };
  return { hours: h };
}
