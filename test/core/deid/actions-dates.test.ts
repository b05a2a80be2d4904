// The engine end to end for C on dates and times under Retain Longitudinal Temporal Information
// with Modified Dates (PS3.15 E.3.6): one shift per patient, intervals kept, invalid dates emptied.

import { describe, expect, it } from 'vitest';
import { CT_VALUES, T, makeCtLike } from '../../fixtures/make.ts';
import { at, contains, deid, makeTestSession, planRows, raw, rowAt, text } from '../helpers.ts';
import { warningTexts } from '../../helpers/messages.ts';

/** Milliseconds since the epoch of a DA (+ optional TM) or DT value, parsed independently of the engine. */
function moment(da: string, tm = ''): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(\.\d+)?$/.exec(da + tm.replace(/\..*$/, ''));
  if (!m) throw new Error(`bad date ${da} ${tm}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

describe('C: dates under Retain Longitudinal Temporal Information with Modified Dates', () => {
  const session = () => makeTestSession({ retainLongitudinalModifiedDates: true });

  it('shifts every date by the same whole days and every time by the same seconds (no carry), DT alike, intervals kept', async () => {
    const input = makeCtLike();
    const { rows } = await planRows(input, session());
    expect(rowAt(rows, '(0008,0020)').action).toBe('C');
    const { file, bytes } = await deid(input, session());
    const s = (t: number) => text(at(file.dataset, t));
    const studyShift = moment(CT_VALUES.studyDate, CT_VALUES.studyTime) - moment(s(T.StudyDate), s(T.StudyTime));
    const seriesShift = moment(CT_VALUES.studyDate, '101540') - moment(s(T.SeriesDate), s(T.SeriesTime));
    const acqShift = moment(CT_VALUES.studyDate, '101545') - moment(s(T.AcquisitionDate), s(T.AcquisitionTime));
    const dtShift = moment(CT_VALUES.acquisitionDateTime.slice(0, 14)) - moment(s(T.AcquisitionDateTime).slice(0, 14));
    expect(studyShift).toBeGreaterThan(365 * 86_400_000);
    expect(studyShift % 86_400_000).not.toBe(0); // times move too
    expect(seriesShift).toBe(studyShift);
    expect(acqShift).toBe(studyShift);
    expect(dtShift).toBe(studyShift);
    // Fractions and precision survive.
    expect(s(T.StudyTime)).toMatch(/^\d{6}\.123$/);
    expect(s(T.AcquisitionDateTime)).toMatch(/^\d{14}\.000000$/);
    // No original date or time string remains anywhere in the file.
    for (const v of [CT_VALUES.studyDate, CT_VALUES.patientBirthDate, '101530', '101540', '101545', '101546', '20240315101545']) {
      expect(contains(bytes, v), v).toBe(false);
    }
    expect(text(at(file.dataset, 0x00280303))).toBe('MODIFIED');
  });

  it('intervals between dates of one patient are preserved across files; another patient moves differently', async () => {
    const sess = session();
    const a = await deid(makeCtLike(), sess);
    const b = await deid(makeCtLike({ sopInstanceUID: '1.2.826.0.1.3680043.9999.1.3.9', extra: [{ tag: T.StudyDate, vr: 'DA', value: '20240401' }] }), sess);
    const da = text(at(a.file.dataset, T.StudyDate));
    const db = text(at(b.file.dataset, T.StudyDate));
    expect(da).not.toBe(CT_VALUES.studyDate);
    expect(moment(db) - moment(da)).toBe(17 * 86_400_000);
    // Same key, new session (another machine): the same shifted dates.
    const again = await deid(makeCtLike(), session());
    expect(text(at(again.file.dataset, T.StudyDate))).toBe(da);
    const other = await deid(makeCtLike({ patientId: 'SOMEONE-ELSE' }), session());
    expect(text(at(other.file.dataset, T.StudyDate))).not.toBe(da);
  });

  it('an invalid date is emptied with a warning instead of kept', async () => {
    const input = makeCtLike({ extra: [{ tag: T.SeriesDate, vr: 'DA', value: '20241341' }] });
    const { file, result } = await deid(input, session());
    expect(raw(at(file.dataset, T.SeriesDate)).length).toBe(0);
    expect(warningTexts(result).some((w) => w.includes('20241341'))).toBe(true);
  });
});
