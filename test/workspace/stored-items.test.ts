// Local data hygiene, the pure part (src/workspace/stored-items.ts) with a fake clock: items kept on
// this computer carry their saved-at time and time-to-live (72 hours by default), expire exactly
// then, are purged at start-up, and a clock set back does not keep them alive.

import { describe, expect, it } from 'vitest';
import { DEFAULT_TTL_HOURS, expiresAt, isExpired, parseTtlHours, splitExpired, stamp } from '../../src/workspace/stored-items.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

class FakeClock {
  constructor(public now = T0) {}
  advance(ms: number): number {
    this.now += ms;
    return this.now;
  }
}

describe('stored items', () => {
  it('stamps an item with its saved-at time and a time-to-live of 72 hours by default', () => {
    expect(DEFAULT_TTL_HOURS).toBe(72);
    const item = stamp({ a: 1 }, T0, DEFAULT_TTL_HOURS);
    expect(item).toEqual({ value: { a: 1 }, savedAt: T0, ttlMs: 72 * HOUR });
    expect(expiresAt(item)).toBe(T0 + 72 * HOUR);
  });

  it('expires an item exactly at savedAt + TTL, on a fake clock', () => {
    const clock = new FakeClock();
    const item = stamp('key', clock.now, 72);
    expect(isExpired(item, clock.now)).toBe(false);
    expect(isExpired(item, clock.advance(72 * HOUR - 1))).toBe(false);
    expect(isExpired(item, clock.advance(1))).toBe(true);
    expect(isExpired(stamp('x', T0, 1), T0 + HOUR)).toBe(true);
  });

  it('treats malformed items and items saved "in the future" (clock set back) as expired', () => {
    expect(isExpired(null, T0)).toBe(true);
    expect(isExpired({ value: 1 }, T0)).toBe(true);
    expect(isExpired({ value: 1, savedAt: T0, ttlMs: 0 }, T0)).toBe(true);
    expect(isExpired({ value: 1, savedAt: Number.NaN, ttlMs: HOUR }, T0)).toBe(true);
    expect(isExpired(stamp(1, T0 + 2 * HOUR, 72), T0)).toBe(true);
    expect(isExpired(stamp(1, T0 + 60_000, 72), T0)).toBe(false); // a minute of clock skew is fine
  });

  it('splits stored items into those kept and those to purge at start-up', () => {
    const clock = new FakeClock();
    const entries: [string, unknown][] = [
      ['key', stamp(new Uint8Array([1, 2]), clock.now, 72)],
      ['mapping', stamp({ name: 'm.csv' }, clock.now - 71 * HOUR, 72)],
      ['options', stamp({}, clock.now - 73 * HOUR, 72)],
      ['settings', { junk: true }],
    ];
    const { keep, purge } = splitExpired(entries, clock.now);
    expect([...keep.keys()]).toEqual(['key', 'mapping']);
    expect(purge).toEqual(['options', 'settings']);
    const later = splitExpired(entries, clock.advance(2 * HOUR));
    expect([...later.keep.keys()]).toEqual(['key']);
    expect(later.purge).toEqual(['mapping', 'options', 'settings']);
    expect(splitExpired(entries, clock.advance(72 * HOUR)).keep.size).toBe(0);
  });

  it('accepts a time-to-live in whole hours from 1 hour to a year', () => {
    expect(parseTtlHours('72')).toEqual({ hours: 72 });
    expect(parseTtlHours(' 1 ')).toEqual({ hours: 1 });
    expect(parseTtlHours('8760')).toEqual({ hours: 8760 });
    for (const bad of ['0', '-3', '1.5', 'abc', '', '8761']) expect(parseTtlHours(bad), bad).toHaveProperty('error');
  });
});
