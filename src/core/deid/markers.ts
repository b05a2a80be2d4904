// The de-identification markers of PS3.15 E.1.1 and PS3.3 C.12.1.1.7: Patient Identity Removed
// (0012,0062) = YES, De-identification Method (0012,0063) in words, De-identification Method
// Code Sequence (0012,0064) with the CID 7050 codes of the profile and of every option used,
// and Longitudinal Temporal Information Modified (0028,0303).

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import { bytesElement, findElement, withElement, type Element, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { decodeStrings, encodeStrings } from '../dicom/value-codec.ts';
import { BASIC_PROFILE_CODE, BASIC_PROFILE_MEANING, CID_7050_SCHEME, OPTION_INFO, OPTION_KEYS, type ProfileOptions } from '../profile/options.ts';

const PATIENT_IDENTITY_REMOVED = tag(0x0012, 0x0062);
const DEIDENTIFICATION_METHOD = tag(0x0012, 0x0063);
const DEIDENTIFICATION_METHOD_CODE_SEQUENCE = tag(0x0012, 0x0064);
const LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = tag(0x0028, 0x0303);
const CODE_VALUE = tag(0x0008, 0x0100);
const CODING_SCHEME_DESIGNATOR = tag(0x0008, 0x0102);
const CODE_MEANING = tag(0x0008, 0x0104);

export const METHOD_PREFIX = 'Veil: DICOM PS3.15 Annex E';

export interface MethodCode {
  code: string;
  meaning: string;
}

/** The CID 7050 codes for the profile and the chosen options (plus extra ones, e.g. Clean Pixel Data). */
export function methodCodes(options: ProfileOptions, extra: MethodCode[] = []): MethodCode[] {
  const codes: MethodCode[] = [{ code: BASIC_PROFILE_CODE, meaning: BASIC_PROFILE_MEANING }];
  for (const k of OPTION_KEYS) if (options[k]) codes.push({ code: OPTION_INFO[k].code, meaning: OPTION_INFO[k].meaning });
  return [...codes, ...extra];
}

export function addMarkers(ds: Item, options: ProfileOptions, codec: CharsetCodec, extra: MethodCode[] = []): Item {
  const s = (t: number, vr: string, values: string[]) => bytesElement(t, vr, encodeStrings(values, vr, codec));
  const codes = methodCodes(options, extra);
  let out = withElement(ds, s(PATIENT_IDENTITY_REMOVED, 'CS', ['YES']));
  // LO values are at most 64 characters: one value per method.
  out = withElement(out, s(DEIDENTIFICATION_METHOD, 'LO', [METHOD_PREFIX, ...codes.map((c) => c.meaning.slice(0, 64))]));

  // Keep the codes of an earlier de-identification, add ours once each.
  const existing = findElement(ds, DEIDENTIFICATION_METHOD_CODE_SEQUENCE);
  const items: Item[] = existing?.value.kind === 'sequence' ? [...existing.value.items] : [];
  const have = new Set(items.map((it) => { const e = findElement(it, CODE_VALUE); return e ? decodeStrings(e, codec)[0] : ''; }));
  for (const c of codes) {
    if (have.has(c.code)) continue;
    items.push({
      elements: [s(CODE_VALUE, 'SH', [c.code]), s(CODING_SCHEME_DESIGNATOR, 'SH', [CID_7050_SCHEME]), s(CODE_MEANING, 'LO', [c.meaning])],
      undefinedLength: false,
      offset: -1,
    });
  }
  const seq: Element = { tag: DEIDENTIFICATION_METHOD_CODE_SEQUENCE, vr: 'SQ', value: { kind: 'sequence', items }, undefinedLength: false, offset: -1 };
  out = withElement(out, seq);
  const longitudinal = options.retainLongitudinalModifiedDates ? 'MODIFIED' : options.retainLongitudinalFullDates ? 'UNMODIFIED' : 'REMOVED';
  return withElement(out, s(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, 'CS', [longitudinal]));
}
