// Which compound-action attributes (Z/D, X/Z, X/D, X/Z/D in PS3.15 Table E.1-1) must keep a value
// or stay present for the IOD of the file (PS3.3 attribute types). PS3.15 E.1.1: "Z/D: Z unless
// D is required to maintain IOD conformance (Type 2 versus Type 1)", etc. Where the IOD is not
// known to need the attribute, the stricter choice wins (X before Z before D).

export interface IodContext {
  sopClassUID: string;
  /** The data set has a Shared Functional Groups Sequence (enhanced multi-frame IODs, PS3.3 C.7.6.16). */
  enhancedMultiFrame: boolean;
  /** Nesting depth: requirements below apply to the top-level data set only. */
  depth: number;
}

const SR = '1.2.840.10008.5.1.4.1.1.88.';
const RT_PLAN = ['1.2.840.10008.5.1.4.1.1.481.5', '1.2.840.10008.5.1.4.1.1.481.8'];
const RT_RECORDS = ['1.2.840.10008.5.1.4.1.1.481.4', '1.2.840.10008.5.1.4.1.1.481.6', '1.2.840.10008.5.1.4.1.1.481.7', '1.2.840.10008.5.1.4.1.1.481.9'];
const PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.';

type Rule = (c: IodContext) => boolean;

/** Type 1 at the top level: a value must remain (so D). */
const TYPE1: Record<string, Rule> = {
  // Multi-frame Functional Groups module (C.7.6.16) and SR Document General (C.17.2): Type 1.
  ContentDate: (c) => c.enhancedMultiFrame || c.sopClassUID.startsWith(SR),
  ContentTime: (c) => c.enhancedMultiFrame || c.sopClassUID.startsWith(SR),
  // Enhanced MR/CT/XA... Image modules: Type 1C for ORIGINAL images; kept as a dummy.
  AcquisitionDateTime: (c) => c.enhancedMultiFrame,
  // Enhanced General Equipment module (C.7.5.2): Type 1.
  DeviceSerialNumber: (c) => c.enhancedMultiFrame,
  // Presentation State Identification (C.11.10): Content Creator's Name is Type 2; label Type 1.
};

/** Type 2 at the top level: must stay present, may be empty (so Z rather than X). */
const TYPE2: Record<string, Rule> = {
  RTPlanDate: (c) => RT_PLAN.includes(c.sopClassUID),
  RTPlanTime: (c) => RT_PLAN.includes(c.sopClassUID),
  TreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  TreatmentTime: (c) => RT_RECORDS.includes(c.sopClassUID),
  FirstTreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  MostRecentTreatmentDate: (c) => RT_RECORDS.includes(c.sopClassUID),
  ContentCreatorName: (c) => c.sopClassUID.startsWith(PRESENTATION_STATE),
  ReferencedStudySequence: () => false,
};

export const needsValue = (keyword: string, c: IodContext): boolean => c.depth === 0 && (TYPE1[keyword]?.(c) ?? false);
export const needsPresence = (keyword: string, c: IodContext): boolean =>
  needsValue(keyword, c) || (c.depth === 0 && (TYPE2[keyword]?.(c) ?? false));

export type Concrete = 'X' | 'Z' | 'D' | 'K' | 'C' | 'U';

/**
 * Resolve a compound action code for one present attribute.
 * - Z/D: D when a value is required, else Z (empty).
 * - X/D: D when a value is required; Type 2 gets D too (X/D allows no Z); else X.
 * - X/Z: Z when presence is required, else X.
 * - X/Z/D: D when a value is required, Z when only presence is, else X.
 * - X/Z/U*: U (keep the reference sequence, replace the UIDs inside): references stay usable
 *   and consistent across the batch, which is what the U* alternative is for.
 */
export function resolveCompound(code: string, keyword: string, c: IodContext): Concrete {
  switch (code) {
    case 'Z/D': return needsValue(keyword, c) ? 'D' : 'Z';
    case 'X/D': return needsPresence(keyword, c) ? 'D' : 'X';
    case 'X/Z': return needsPresence(keyword, c) ? 'Z' : 'X';
    case 'X/Z/D': return needsValue(keyword, c) ? 'D' : needsPresence(keyword, c) ? 'Z' : 'X';
    case 'X/Z/U*': return 'U';
    default: return code as Concrete;
  }
}
