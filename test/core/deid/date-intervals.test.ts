// "Keeps intervals" must be exact under Retain Longitudinal Temporal Information with Modified
// Dates (PS3.15 E.3.6): every date of a patient — DA, the date part of DT, a date beside a time —
// moves by the same whole number of days. A property test over random offsets, dates, times and
// DT precisions, then the real corpus: every interval in days between two dates of one patient,
// within a file and across files, is unchanged.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateShifter } from '../../../src/core/deid/date-shifter.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { Pseudonymizer } from '../../../src/core/deid/pseudonymizer.ts';
import { UidRemapper } from '../../../src/core/deid/uid-remapper.ts';
import type { Item } from '../../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { formatTag } from '../../../src/core/dicom/tag.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { DEFAULT_OPTIONS } from '../../../src/core/profile/options.ts';

const DAY = 86_400_000;
const p2 = (n: number) => String(n).padStart(2, '0');

/** Days since the epoch of a YYYYMMDD string, parsed independently of the engine. */
const dayOf = (v: string): number => Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8)) / DAY;
/** Seconds since midnight of HHMMSS. */
const secondOf = (v: string): number => +v.slice(0, 2) * 3600 + +v.slice(2, 4) * 60 + +v.slice(4, 6);

const dateArb = fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
const da = (d: Date) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`;
const tm = (d: Date) => `${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`;

describe('date shifts keep every interval in days exactly', () => {
  it('DA, DT (any precision from day to fraction) and TM: one whole-day shift for dates, one seconds shift for times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 366, max: 3654 }),
        fc.integer({ min: 1, max: 86_399 }),
        fc.array(fc.record({ at: dateArb, kind: fc.constantFrom('DA', 'DT8', 'DT10', 'DT12', 'DT14', 'DTfrac', 'DTtz') }), { minLength: 2, maxLength: 12 }),
        (days, seconds, values) => {
          const s = new DateShifter({ days, seconds });
          const shifts = new Set<number>();
          const timeShifts = new Set<number>();
          for (const { at, kind } of values) {
            const date = da(at);
            const time = tm(at);
            let out: string | undefined;
            if (kind === 'DA') out = s.shiftDate(date);
            else if (kind === 'DT8') out = s.shiftDateTime(date);
            else if (kind === 'DT10') out = s.shiftDateTime(date + time.slice(0, 2));
            else if (kind === 'DT12') out = s.shiftDateTime(date + time.slice(0, 4));
            else if (kind === 'DT14') out = s.shiftDateTime(date + time);
            else if (kind === 'DTfrac') out = s.shiftDateTime(`${date}${time}.123456`);
            else out = s.shiftDateTime(`${date}${time}+0800`);
            expect(out).toBeDefined();
            shifts.add(dayOf(date) - dayOf(out!));
            if (kind === 'DT14' || kind === 'DTfrac' || kind === 'DTtz') {
              timeShifts.add((secondOf(time) - secondOf(out!.slice(8, 14)) + 86_400) % 86_400);
            }
            // A time alone moves as the time part of a DT does.
            const t = s.shiftTime(time)!;
            timeShifts.add((secondOf(time) - secondOf(t) + 86_400) % 86_400);
          }
          expect([...shifts]).toEqual([days]);
          expect([...timeShifts]).toEqual([seconds]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

const corpus = join(import.meta.dirname, '../../../../shared/corpus');
const present = existsSync(join(corpus, 'MANIFEST.tsv'));
if (!present) console.warn(`date-interval corpus test: ${corpus} is absent — SKIPPED (CI has it beside the checkout)`);

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const latin1 = new TextDecoder('latin1');

/** Every valid date (DA values, DT date parts) at any depth, keyed by its path and value index. */
function datesOf(item: Item, path = '', out = new Map<string, string>()): Map<string, string> {
  for (const el of item.elements) {
    const p = `${path}${formatTag(el.tag)}`;
    if (el.value.kind === 'sequence') el.value.items.forEach((it, i) => datesOf(it, `${p}[${i}].`, out));
    else if ((el.vr === 'DA' || el.vr === 'DT') && el.value.kind === 'bytes') {
      latin1.decode(el.value.bytes).replace(/[\0 ]+$/, '').split('\\').forEach((v, i) => {
        const m = /^(\d{8})/.exec(v.trim());
        if (m && !Number.isNaN(dayOf(m[1])) && +m[1].slice(4, 6) >= 1 && +m[1].slice(6, 8) >= 1) out.set(`${p}#${i}`, m[1]);
      });
    }
  }
  return out;
}

describe.skipIf(!present)('real corpus under --retain-modified-dates', () => {
  it('moves every date of a patient by one whole-day shift, within and across files', async () => {
    const key = new Uint8Array(32).fill(7);
    const session = { key, options: { ...DEFAULT_OPTIONS, retainLongitudinalModifiedDates: true }, uids: new UidRemapper(key), pseudonyms: new Pseudonymizer(key) };
    const shiftsByPatient = new Map<string, Map<number, string>>();
    let pairs = 0;
    for (const f of files(corpus).filter((x) => !/\/(MANIFEST\.tsv|README\.md)$/.test(x))) {
      const bytes = new Uint8Array(readFileSync(f));
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(bytes), sink, session);
      if (r.status !== 'ok') continue;
      const before = datesOf((await readPart10(new MemorySource(bytes))).dataset);
      const after = datesOf((await readPart10(new MemorySource(sink.bytes()))).dataset);
      const patient = r.outcome!.ids.patientID;
      const shifts = shiftsByPatient.get(patient) ?? new Map<number, string>();
      shiftsByPatient.set(patient, shifts);
      for (const [where, original] of before) {
        const shifted = after.get(where);
        if (shifted === undefined || shifted === original) continue; // removed, or a dummy kept as is
        pairs++;
        const d = dayOf(original) - dayOf(shifted);
        if (!shifts.has(d)) shifts.set(d, `${relative(corpus, f)} ${where} ${original}→${shifted}`);
      }
    }
    const split = [...shiftsByPatient].filter(([, s]) => s.size > 1).map(([p, s]) => `${p}: ${[...s.values()].join(' | ')}`);
    console.log(`date intervals: ${pairs} shifted dates of ${shiftsByPatient.size} patients; ${split.length} patients with more than one shift`);
    expect(pairs).toBeGreaterThan(300);
    expect(split).toEqual([]);
  }, 300_000);
});
