// Date and time values under PS3.15 E.3.6 (Retain Longitudinal Temporal Information with
// Modified Dates): every DA, DT and TM of one patient moves back by the same secret offset,
// derived from the project key and the original Patient ID, so intervals within a patient
// survive and no original date string remains. The offset is a whole number of days plus a
// number of seconds. Every date — DA, the date part of DT, a date with a paired time — moves by
// the same whole number of days, so every interval in days between two dates of a patient is
// exactly what it was; a time (TM, the time part of DT) moves by the seconds part modulo 24 hours
// and never carries into its date (a date and time shifted as one moment could land a day apart
// from the same date shifted alone). Times of day therefore change, as E.3.6 asks, but a
// duration that crosses midnight is not kept.
// Value formats: PS3.5 §6.2 (DA YYYYMMDD, TM HHMMSS.FFFFFF, DT YYYYMMDDHHMMSS.FFFFFF&ZZXX).

import { hmacSha256, u32At } from './keyed-hash.ts';

const DAY_MS = 86_400_000;

export interface DateOffset {
  days: number;
  seconds: number;
}

/** Between 1 and 10 years back (never a whole number of years), plus 1..86399 seconds. */
export function patientDateOffset(key: Uint8Array, patientKey: string): DateOffset {
  // Memoised by key bytes and patient (a pure function; the slices of a series share one patient).
  let memoKey = '';
  for (const b of key) memoKey += String.fromCharCode(b);
  memoKey += `\u0000${patientKey}`;
  const hit = offsetMemo.get(memoKey);
  if (hit) return { ...hit };
  const offset = computeOffset(key, patientKey);
  if (offsetMemo.size >= 4096) offsetMemo.clear();
  offsetMemo.set(memoKey, offset);
  return { ...offset };
}

const offsetMemo = new Map<string, DateOffset>();

function computeOffset(key: Uint8Array, patientKey: string): DateOffset {
  const d = hmacSha256(key, `date-offset:${patientKey}`);
  let days = 366 + (u32At(d, 0) % 3287);
  if (days % 365 === 0 || days % 366 === 0) days += 1;
  const seconds = 1 + (u32At(d, 4) % 86_399);
  return { days, seconds };
}

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; frac: string }

function parseDa(v: string): Parts | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v) ?? /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(v); // ACR-NEMA dotted form too
  if (!m) return undefined;
  const p = { y: +m[1], mo: +m[2], d: +m[3], h: 0, mi: 0, s: 0, frac: '' };
  return validDate(p) ? p : undefined;
}

function validDate(p: Parts): boolean {
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31) return false;
  const t = new Date(Date.UTC(p.y, p.mo - 1, p.d));
  return t.getUTCMonth() === p.mo - 1 && t.getUTCDate() === p.d;
}

/** TM: HH, HHMM, HHMMSS, HHMMSS.F{1,6}; also the older HH:MM:SS form. Returns precision in characters. */
function parseTm(v: string): { h: number; mi: number; s: number; frac: string; precision: number } | undefined {
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,6})?$/.exec(v.replace(/:/g, ''));
  if (!m) return undefined;
  const h = +m[1], mi = m[2] ? +m[2] : 0, s = m[3] ? +m[3] : 0;
  if (h > 23 || mi > 59 || s > 60) return undefined;
  const precision = m[4] ? 7 : m[3] ? 6 : m[2] ? 4 : 2;
  return { h, mi, s: Math.min(s, 59), frac: m[4] ?? '', precision };
}

const p2 = (n: number) => String(n).padStart(2, '0');
const p4 = (n: number) => String(n).padStart(4, '0');

function shiftMs(p: Parts, ms: number): Parts {
  const t = new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - ms);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), frac: p.frac };
}

const fmtDa = (p: Parts) => `${p4(p.y)}${p2(p.mo)}${p2(p.d)}`;
function fmtTm(p: { h: number; mi: number; s: number; frac: string }, precision: number): string {
  const full = `${p2(p.h)}${p2(p.mi)}${p2(p.s)}${p.frac}`;
  return precision >= 7 ? full : full.slice(0, precision);
}

export class DateShifter {
  constructor(private readonly offset: DateOffset) {}

  /** Shift one DA value by whole days; undefined when it is not a valid date. */
  shiftDate(v: string): string | undefined {
    if (v.includes('-')) return this.shiftRange(v, (x) => this.shiftDate(x));
    const p = parseDa(v);
    return p ? fmtDa(shiftMs(p, this.offset.days * DAY_MS)) : undefined;
  }

  /** Shift a TM value by the seconds part of the offset, modulo 24 hours (never touching a date). */
  shiftTime(v: string): string | undefined {
    if (v.includes('-')) return this.shiftRange(v, (x) => this.shiftTime(x));
    const t = parseTm(v);
    if (!t) return undefined;
    return fmtTm(this.timeOfDay(t), t.precision);
  }

  private timeOfDay(t: { h: number; mi: number; s: number; frac: string }): Parts {
    return shiftMs({ y: 2000, mo: 1, d: 2, ...t }, this.offset.seconds * 1000);
  }

  /** Shift a DT value, keeping its precision and any UTC offset suffix. */
  shiftDateTime(v: string): string | undefined {
    if (/^\d{8,}.*-\d{4,}/.test(v) || v.startsWith('-') || v.endsWith('-')) {
      // A range "a-b" (PS3.4 C.2.2.2.5); a UTC offset "-0500" alone is not one.
      const idx = findRangeDash(v);
      if (idx >= 0) return this.shiftRange(v, (x) => this.shiftDateTime(x), idx);
    }
    const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,6})?([+-]\d{4})?$/.exec(v);
    if (!m) return undefined;
    const p: Parts = { y: +m[1], mo: m[2] ? +m[2] : 1, d: m[3] ? +m[3] : 1, h: m[4] ? +m[4] : 0, mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, frac: m[7] ?? '' };
    if (!validDate(p) || p.h > 23 || p.mi > 59 || p.s > 60) return undefined;
    const datePart = [m[1], m[2], m[3], m[4], m[5], m[6]].filter((x) => x !== undefined).join('').length;
    // The date by whole days, the time of day (when given) by the seconds, without carry.
    const d = shiftMs({ ...p, h: 0, mi: 0, s: 0 }, this.offset.days * DAY_MS);
    const t = datePart > 8 ? this.timeOfDay({ h: p.h, mi: p.mi, s: Math.min(p.s, 59), frac: '' }) : { h: 0, mi: 0, s: 0 };
    const full = `${p4(d.y)}${p2(d.mo)}${p2(d.d)}${p2(t.h)}${p2(t.mi)}${p2(t.s)}`;
    return full.slice(0, datePart) + (m[7] && datePart === 14 ? m[7] : '') + (m[8] ?? '');
  }

  private shiftRange(v: string, one: (x: string) => string | undefined, at = v.indexOf('-')): string | undefined {
    const a = v.slice(0, at);
    const b = v.slice(at + 1);
    const sa = a === '' ? '' : one(a);
    const sb = b === '' ? '' : one(b);
    return sa === undefined || sb === undefined ? undefined : `${sa}-${sb}`;
  }
}

/** The dash that separates a DT range, skipping the sign of a UTC offset. */
function findRangeDash(v: string): number {
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== '-') continue;
    const before = v.slice(0, i);
    // A UTC offset follows at least 4 digits of date and is followed by exactly 4 digits then end or "-".
    const isOffset = /^\d{4,}(\.\d+)?$/.test(before) && /^\d{4}(-|$)/.test(v.slice(i + 1)) && before.length >= 10;
    if (!isOffset) return i;
  }
  return -1;
}
