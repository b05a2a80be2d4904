// Detection and removal of identifiers inside kept free text (issue 5): resident IDs, labelled
// hospital numbers, phones, e-mail, dates and the patient's own name (CJK, Latin, pinyin).
// Pure: runs in Node, Web Workers and the browser main thread.

export type { DetectContext, Finding, FindingKind } from './types.ts';
export { createDetector, detectIdentifiers, PRIORITY, resolveOverlaps, type Detector } from './detect.ts';
export { DEFAULT_MASK, redactText } from './redact.ts';
export { isValidResidentId, isValidResidentId15, residentId15To18, residentIdCheckDigit } from './resident-id.ts';
export { hanziReadings, namePinyin, splitChineseName } from './pinyin.ts';
export { shortDateForms } from './dates.ts';
