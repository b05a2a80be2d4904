// Whether text OCR read identifies the patient: it holds the patient's name (汉字 or pinyin), a
// resident ID or labelled hospital number, a phone, or a date (PS3.15 E.1: names, IDs and dates
// are identifying), by the same detector the header and free-text checks use.

import { createDetector, type DetectContext, type Detector } from '../core/detect/index.ts';

export type IdentifyingTest = (text: string) => boolean;

export function identifyingTest(ctx: DetectContext = {}): IdentifyingTest {
  const detect: Detector = createDetector(ctx);
  return (text) => text.trim() !== '' && detect(text).length > 0;
}
