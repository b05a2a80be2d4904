// Per-file facts the profile needs while walking: the patient (for pseudonyms, the date offset
// and the identifiers to clean out of kept text), the IOD (for compound actions), the batch's
// UID remapper and options. Built once from the top-level data set before the walk.

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import type { Element, Item } from '../dicom/dataset.ts';
import { findElement } from '../dicom/dataset.ts';
import { keywordOf } from '../dicom/dictionary.ts';
import { tag, type Tag } from '../dicom/tag.ts';
import { decodeStrings, firstString } from '../dicom/value-codec.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { DateShifter, patientDateOffset } from './date-shifter.ts';
import type { IodContext } from './iod-requirements.ts';
import { code32, hmacSha256 } from './keyed-hash.ts';
import { Pseudonymizer, type Pseudonym } from './pseudonymizer.ts';
import { dateForms, nameParts, TextCleaner } from './text-cleaner.ts';
import { collectRemovedValues } from './identifier-collector.ts';
import { createDetector } from '../detect/detect.ts';
import type { UidRemapper } from './uid-remapper.ts';

export const T = {
  PatientName: tag(0x0010, 0x0010),
  PatientID: tag(0x0010, 0x0020),
  PatientBirthDate: tag(0x0010, 0x0030),
  StudyInstanceUID: tag(0x0020, 0x000d),
  SeriesInstanceUID: tag(0x0020, 0x000e),
  SOPInstanceUID: tag(0x0008, 0x0018),
  SOPClassUID: tag(0x0008, 0x0016),
  SharedFunctionalGroupsSequence: tag(0x5200, 0x9229),
};

/** Attributes whose values are collected as identifiers to mask in kept free text. */
const IDENTIFIER_TAGS: Tag[] = [
  tag(0x0010, 0x0010), tag(0x0010, 0x0020), tag(0x0010, 0x1000), tag(0x0010, 0x1001), tag(0x0010, 0x1060),
  tag(0x0008, 0x0050), tag(0x0008, 0x0080), tag(0x0008, 0x0081), tag(0x0008, 0x0090), tag(0x0008, 0x1050),
  tag(0x0008, 0x1070), tag(0x0010, 0x1040), tag(0x0010, 0x2154), tag(0x0008, 0x1010), tag(0x0018, 0x1000),
  tag(0x0020, 0x0010), tag(0x0032, 0x1032), tag(0x0008, 0x1048), tag(0x0040, 0x0006), tag(0x0038, 0x0010),
];

/** Options under which some free text is kept and cleaned (C) rather than removed. */
const needsTextCleaning = (o: ProfileOptions): boolean =>
  o.cleanDescriptors || o.cleanStructuredContent || o.cleanGraphics || o.retainPatientCharacteristics || o.retainDeviceIdentity;

export interface SessionState {
  key: Uint8Array;
  options: ProfileOptions;
  uids: UidRemapper;
  pseudonyms: Pseudonymizer;
}

/**
 * TextCleaners (and their compiled detectors) for recent identifier sets: the slices of one
 * series share a patient and a study, so the cleaner is built once, not per file. A cleaner is
 * a pure function of its identifiers, names and dates (no state between calls).
 */
const cleaners = new Map<string, TextCleaner>();
const CLEANER_CACHE = 8;

function cleanerFor(ids: string[], names: string[], dates: string[]): TextCleaner {
  const key = JSON.stringify([ids, names, dates]);
  let c = cleaners.get(key);
  if (c) {
    cleaners.delete(key); // most recently used last
  } else {
    c = new TextCleaner(ids, createDetector({ patientNames: names, dates }));
    if (cleaners.size >= CLEANER_CACHE) cleaners.delete(cleaners.keys().next().value!);
  }
  cleaners.set(key, c);
  return c;
}

export class FileRules {
  readonly options: ProfileOptions;
  readonly uids: UidRemapper;
  readonly iod: Omit<IodContext, 'depth'>;
  readonly pseudonym: Pseudonym;
  readonly original: { patientID: string; patientName: string };
  readonly cleaner: TextCleaner;
  /** Original date/time values of the top-level data set: dummies must not repeat them. */
  readonly originalTemporal = new Set<string>();
  private readonly shifter: DateShifter;

  constructor(ds: Item, codec: CharsetCodec, private readonly session: SessionState, private readonly metaSopInstanceUID = '') {
    this.options = session.options;
    this.uids = session.uids;
    const patientID = firstString(findElement(ds, T.PatientID), codec);
    const patientNameEl = findElement(ds, T.PatientName);
    const patientName = patientNameEl ? decodeStrings(patientNameEl, codec).join('\\') : '';
    const birthDate = firstString(findElement(ds, T.PatientBirthDate), codec);
    const studyUID = firstString(findElement(ds, T.StudyInstanceUID), codec);
    const patientKey = Pseudonymizer.patientKey(patientID, patientName, birthDate, studyUID);
    this.original = { patientID, patientName };
    this.pseudonym = session.pseudonyms.pseudonymFor(patientID, patientKey);
    this.shifter = new DateShifter(patientDateOffset(session.key, patientKey));
    this.iod = {
      sopClassUID: firstString(findElement(ds, T.SOPClassUID), codec),
      enhancedMultiFrame: findElement(ds, T.SharedFunctionalGroupsSequence) !== undefined || findElement(ds, tag(0x5200, 0x9230)) !== undefined,
    };
    const ids: string[] = [];
    for (const t of IDENTIFIER_TAGS) {
      const el = findElement(ds, t);
      if (!el) continue;
      for (const v of decodeStrings(el, codec)) {
        ids.push(v);
        if (el.vr === 'PN') ids.push(...nameParts(v));
      }
    }
    ids.push(...dateForms(birthDate));
    if (needsTextCleaning(this.options)) ids.push(...collectRemovedValues(ds, codec, this.options, this.iod));
    for (const el of ds.elements) {
      if (el.vr === 'DA' || el.vr === 'TM' || el.vr === 'DT') for (const v of decodeStrings(el, codec)) this.originalTemporal.add(v.trim());
    }
    const names = patientNameEl ? decodeStrings(patientNameEl, codec) : [];
    const studyDate = firstString(findElement(ds, tag(0x0008, 0x0020)), codec);
    this.cleaner = cleanerFor(ids, names, [birthDate, studyDate].filter(Boolean));
  }

  /** The pseudonym that replaces Patient ID / Patient's Name at any depth. */
  pseudonymValue(t: Tag): string | undefined {
    if (t === T.PatientID) return this.pseudonym.patientID;
    if (t === T.PatientName) return this.pseudonym.patientName;
    return undefined;
  }

  /**
   * A UID for an empty U attribute (PS3.15 U needs a non-empty UID). The top-level SOP Instance
   * UID follows the file meta's Media Storage SOP Instance UID, so the two stay equal.
   */
  uidForEmpty(t: Tag, depth: number, path: string): string {
    if (t === T.SOPInstanceUID && depth === 0 && this.metaSopInstanceUID) return this.uids.remap(this.metaSopInstanceUID);
    return this.uids.remap(`empty:${path}:${this.metaSopInstanceUID || this.original.patientID}`);
  }

  /** A keyed, consistent stand-in for an AE title (Retain Device Identity cleans AE titles). */
  pseudonymousAe(v: string): string {
    return v ? `AE_${code32(hmacSha256(this.session.key, `ae:${v}`), 8)}` : v;
  }

  /**
   * Shift a DA, DT or TM element: dates by the patient's whole days, times by its seconds modulo
   * 24 hours (date-shifter.ts). Returns undefined for invalid values.
   */
  shiftDateElement(el: Element, codec: CharsetCodec): string[] | undefined {
    const out: string[] = [];
    for (const v of decodeStrings(el, codec)) {
      const shifted = el.vr === 'DT' ? this.shifter.shiftDateTime(v) : el.vr === 'DA' ? this.shifter.shiftDate(v) : this.shifter.shiftTime(v);
      if (shifted === undefined) return undefined;
      out.push(shifted);
    }
    return out;
  }
}
