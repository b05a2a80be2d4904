// Which Directory Record Type (0004,1430) names an instance of a given SOP Class (PS3.3 F.4,
// Table F.4-1), and the keys each record type carries (PS3.3 F.5: Type 1 and 2 keys; the
// optional Type 3 keys are left out, so a record holds no more of the data set than it must).
// The keys are always taken from the de-identified output (directory-entry.ts).

import { tag, type Tag } from '../dicom/tag.ts';

export const SPECIFIC_CHARACTER_SET = tag(0x0008, 0x0005);
const INSTANCE_NUMBER = tag(0x0020, 0x0013);
const CONCEPT_NAME_CODE_SEQUENCE = tag(0x0040, 0xa043);

export interface KeySpec {
  tag: Tag;
  vr: string;
  /** 1: must have a value (a dummy is put when the output has none); 2: present, may be empty; '1C': copied when the output has it. */
  type: 1 | 2 | '1C';
  /**
   * The value for a Type 1 key the output lacks, where the VR's dummy (deid/replacement-values.ts)
   * would not be a valid term (Modality, flags); others get the VR's dummy.
   */
  dummy?: string;
}

const k = (group: number, element: number, vr: string, type: 1 | 2 | '1C', dummy?: string): KeySpec => ({ tag: tag(group, element), vr, type, dummy });

/** PS3.3 F.5.1 Patient keys. */
export const PATIENT_KEYS: KeySpec[] = [k(0x0010, 0x0010, 'PN', 2), k(0x0010, 0x0020, 'LO', 1)];
/** PS3.3 F.5.2 Study keys. */
export const STUDY_KEYS: KeySpec[] = [
  k(0x0008, 0x0020, 'DA', 1), k(0x0008, 0x0030, 'TM', 1), k(0x0008, 0x0050, 'SH', 2), k(0x0008, 0x1030, 'LO', 2),
  k(0x0020, 0x000d, 'UI', 1), k(0x0020, 0x0010, 'SH', 1),
];
/** PS3.3 F.5.3 Series keys. */
export const SERIES_KEYS: KeySpec[] = [k(0x0008, 0x0060, 'CS', 1, 'OT'), k(0x0020, 0x000e, 'UI', 1), k(0x0020, 0x0011, 'IS', 1)];

const instanceNumber: KeySpec = { tag: INSTANCE_NUMBER, vr: 'IS', type: 1 };
const conceptName = (type: 1 | 2): KeySpec => ({ tag: CONCEPT_NAME_CODE_SEQUENCE, vr: 'SQ', type });

/** PS3.3 Table 10-12 Content Identification Macro (Content Label, Description, Creator's Name). */
const contentIdentification: KeySpec[] = [k(0x0070, 0x0080, 'CS', 1, 'CONTENT'), k(0x0070, 0x0081, 'LO', 2), k(0x0070, 0x0084, 'PN', 2)];

/** PS3.3 F.5 instance-level keys, by record type. */
export const INSTANCE_KEYS: Record<string, KeySpec[]> = {
  IMAGE: [instanceNumber],
  'SR DOCUMENT': [
    k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber,
    k(0x0040, 0xa491, 'CS', 1, 'PARTIAL'), k(0x0040, 0xa493, 'CS', 1, 'UNVERIFIED'), conceptName(1),
  ],
  'KEY OBJECT DOC': [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber, conceptName(1)],
  PRESENTATION: [
    instanceNumber, k(0x0070, 0x0080, 'CS', 1, 'PRESENTATION'), k(0x0070, 0x0081, 'LO', 2), k(0x0070, 0x0082, 'DA', 1),
    k(0x0070, 0x0083, 'TM', 1), k(0x0070, 0x0084, 'PN', 2), k(0x0008, 0x1115, 'SQ', '1C'), k(0x0070, 0x0402, 'SQ', '1C'),
  ],
  'RT DOSE': [instanceNumber, k(0x3004, 0x000a, 'CS', 1, 'PLAN')],
  'RT STRUCTURE SET': [instanceNumber, k(0x3006, 0x0002, 'SH', 1), k(0x3006, 0x0008, 'DA', 2), k(0x3006, 0x0009, 'TM', 2)],
  'RT PLAN': [instanceNumber, k(0x300a, 0x0002, 'SH', 1), k(0x300a, 0x0006, 'DA', 2), k(0x300a, 0x0007, 'TM', 2)],
  'RT TREAT RECORD': [k(0x3008, 0x0250, 'DA', 2), k(0x3008, 0x0251, 'TM', 2), instanceNumber],
  'ENCAP DOC': [
    k(0x0008, 0x0023, 'DA', 2), k(0x0008, 0x0033, 'TM', 2), instanceNumber, k(0x0042, 0x0010, 'ST', 2), conceptName(2),
    k(0x0042, 0x0012, 'LO', 1, 'application/octet-stream'),
  ],
  'RAW DATA': [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber],
  WAVEFORM: [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber],
  REGISTRATION: [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber],
  FIDUCIAL: [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber],
  'VALUE MAP': [k(0x0008, 0x0023, 'DA', 1), k(0x0008, 0x0033, 'TM', 1), instanceNumber, ...contentIdentification],
};

const STORAGE = '1.2.840.10008.5.1.4.1.1.';

/** PS3.3 Table F.4-1: the record type for an instance of `sopClassUID` (IMAGE for image storage and anything unlisted). */
export function recordTypeOf(sopClassUID: string): string {
  if (!sopClassUID.startsWith(STORAGE)) return 'IMAGE';
  const rest = sopClassUID.slice(STORAGE.length);
  if (rest === '88.59') return 'KEY OBJECT DOC';
  if (rest.startsWith('88.')) return 'SR DOCUMENT';
  if (rest.startsWith('11.')) return 'PRESENTATION';
  if (rest.startsWith('9.')) return 'WAVEFORM';
  if (rest.startsWith('104.')) return 'ENCAP DOC';
  if (rest === '66') return 'RAW DATA';
  if (rest === '66.1' || rest === '66.3') return 'REGISTRATION';
  if (rest === '66.2') return 'FIDUCIAL';
  if (rest === '67') return 'VALUE MAP';
  if (rest === '481.2') return 'RT DOSE';
  if (rest === '481.3') return 'RT STRUCTURE SET';
  if (rest === '481.5' || rest === '481.8') return 'RT PLAN';
  if (rest === '481.4' || rest === '481.6' || rest === '481.7' || rest === '481.9') return 'RT TREAT RECORD';
  return 'IMAGE';
}
