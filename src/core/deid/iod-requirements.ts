// Which compound-action attributes (Z/D, X/Z, X/D, X/Z/D in PS3.15 Table E.1-1) must keep a value
// or stay present for the IOD of the file (PS3.3 attribute types). PS3.15 E.1.1: "Z/D: Z unless
// D is required to maintain IOD conformance (Type 2 versus Type 1)", etc. Where the IOD is not
// known to need a value, the stricter choice wins (X before Z before D), with two documented
// exceptions that cost no privacy: a present X/Z attribute becomes Z (an empty value says nothing,
// and Type 2 attributes in every module stay valid), and a Z/D date or time becomes a fixed dummy
// (D) because Content Date/Time are Type 1 in most modern IODs. Sequences are settled by the
// walker (profile-walker.ts): an empty Type 3 sequence is as invalid as a missing Type 2 one.

export interface IodContext {
  sopClassUID: string;
  /** The data set has a Shared or Per-frame Functional Groups Sequence (PS3.3 C.7.6.16). */
  enhancedMultiFrame: boolean;
  /** Nesting depth: most requirements below apply to the top-level data set only. */
  depth: number;
}

const SOP = '1.2.840.10008.5.1.4.1.1.';
const SR = `${SOP}88.`;
const WAVEFORM = `${SOP}9.`;
/** IODs with the Enhanced General Equipment module (Device Serial Number Type 1) and Multi-frame
 *  Functional Groups or similar (Content Date/Time Type 1), by SOP Class UID suffix. */
const ENHANCED = new Set([
  '2.1', '2.2', '4.1', '4.2', '4.3', '4.4', '6.2', '6.3', '12.1.1', '12.2.1', '13.1.1', '13.1.2', '13.1.3', '13.1.4', '13.1.5',
  '14.1', '14.2', '30', '66.4', '66.5', '66.6', '67', '77.1.5.4', '77.1.5.7', '77.1.5.8', '77.1.6', '91.1', '128.1', '130',
  // X-Ray, Radiopharmaceutical and Enhanced X-Ray Radiation Dose SR (PS3.3 A.35.8, A.35.14, A.35.20).
  '88.67', '88.68', '88.76',
].map((s) => SOP + s));
const RT_PLAN = [`${SOP}481.5`, `${SOP}481.8`];
const RT_RECORDS = [`${SOP}481.4`, `${SOP}481.6`, `${SOP}481.7`, `${SOP}481.9`];
const PRESENTATION_STATE = `${SOP}11.`;

const enhanced = (c: IodContext) => c.enhancedMultiFrame || ENHANCED.has(c.sopClassUID);

type Rule = (c: IodContext) => boolean;

/** Type 1 at the top level: a value must remain (so D). */
const TYPE1: Record<string, Rule> = {
  ContentDate: (c) => enhanced(c) || c.sopClassUID.startsWith(SR) || c.sopClassUID.startsWith(WAVEFORM),
  ContentTime: (c) => enhanced(c) || c.sopClassUID.startsWith(SR) || c.sopClassUID.startsWith(WAVEFORM),
  // Enhanced MR/CT… Image modules: Type 1C for ORIGINAL images; Waveform Identification: Type 1.
  AcquisitionDateTime: (c) => enhanced(c) || c.sopClassUID.startsWith(WAVEFORM),
  // Enhanced General Equipment module (C.7.5.2): Type 1.
  DeviceSerialNumber: enhanced,
};

/** Type 2 at the top level: must stay present, may be empty. */
const TYPE2: Record<string, Rule> = {
  RTPlanDate: (c) => RT_PLAN.includes(c.sopClassUID),
  RTPlanTime: (c) => RT_PLAN.includes(c.sopClassUID),
  TreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  TreatmentTime: (c) => RT_RECORDS.includes(c.sopClassUID),
  FirstTreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  MostRecentTreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  ContentCreatorName: (c) => c.sopClassUID.startsWith(PRESENTATION_STATE),
  OperatorsName: (c) => c.sopClassUID.startsWith(`${SOP}481.`),
  AcquisitionContextSequence: () => true,
};

export const needsValue = (keyword: string, c: IodContext): boolean => c.depth === 0 && (TYPE1[keyword]?.(c) ?? false);
export const needsPresence = (keyword: string, c: IodContext): boolean =>
  needsValue(keyword, c) || (c.depth === 0 && (TYPE2[keyword]?.(c) ?? false));

export type Concrete = 'X' | 'Z' | 'D' | 'K' | 'C' | 'U';

const TEMPORAL = new Set(['DA', 'TM', 'DT']);

/**
 * Resolve a compound action code for one present attribute of VR `vr`.
 * - Z/D: D when a value is required or the attribute is a date/time; else Z (empty).
 * - X/D: D when the IOD requires the attribute (X/D allows no Z); else X.
 * - X/Z: Z (present and empty).
 * - X/Z/D: D when a value is required, Z when only presence is, else X.
 * - X/Z/U*: U (keep the reference sequence, replace the UIDs inside): references stay usable
 *   and consistent across the batch, which is what the U* alternative is for.
 */
export function resolveCompound(code: string, keyword: string, c: IodContext, vr = ''): Concrete {
  switch (code) {
    case 'Z/D': return needsValue(keyword, c) || TEMPORAL.has(vr) ? 'D' : 'Z';
    case 'X/D': return needsPresence(keyword, c) ? 'D' : 'X';
    case 'X/Z': return 'Z';
    case 'X/Z/D': return needsValue(keyword, c) ? 'D' : needsPresence(keyword, c) ? 'Z' : 'X';
    case 'X/Z/U*': return 'U';
    default: return code as Concrete;
  }
}
