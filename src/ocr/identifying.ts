// Whether text OCR read identifies the patient: it holds the patient's name (汉字 or pinyin), the
// patient's ID, a resident ID or labelled hospital number, a phone, or a date (PS3.15 E.1: names,
// IDs and dates are identifying), by the same detector the header and free-text checks use.

import { createDetector, type DetectContext } from '../core/detect/index.ts';

export type IdentifyingTest = (text: string) => boolean;

export interface PatientContext extends DetectContext {
  /** Patient ID (0010,0020) values. */
  patientIds?: readonly string[];
}

const compact = (s: string): string => s.normalize('NFKC').replace(/[\s\-_./:]/g, '').toUpperCase();

export function identifyingTest(ctx: PatientContext = {}): IdentifyingTest {
  const detect = createDetector(ctx);
  const ids = (ctx.patientIds ?? []).map(compact).filter((id) => id.length >= 4);
  return (text) => {
    if (text.trim() === '') return false;
    const c = compact(text);
    return ids.some((id) => c.includes(id)) || detect(text).length > 0;
  };
}
