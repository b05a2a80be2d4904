// Public types of the identifier detector: what was found (kind and UTF-16 span of the original
// text) and what is known about the patient (names and dates) to look for besides the
// context-free patterns (resident IDs, labelled numbers, phones, e-mail, dates).

export type FindingKind =
  /** 18-digit PRC resident identity number (GB 11643-1999), region, birth date and check digit valid. */
  | 'resident-id'
  /** Old 15-digit resident identity number (YYMMDD birth date, no check digit). */
  | 'resident-id-15'
  /** The number after an identifier label (住院号, 门诊号, 床号, MRN, Accession, 身份证号 with an invalid number, ...). */
  | 'hospital-number'
  /** Mainland mobile number (1[3-9]x, 11 digits, optional +86/0086). */
  | 'mobile'
  /** Landline with area code, or a number after a telephone cue (电话, Tel). */
  | 'phone'
  | 'email'
  /** The patient's name as written in ctx.patientNames (CJK or Latin). */
  | 'patient-name'
  /** Pinyin of the patient's CJK name ("Zhang Wei", "zhangwei", "Wei Zhang"). */
  | 'patient-name-pinyin'
  | 'date';

export interface Finding {
  kind: FindingKind;
  /** UTF-16 index of the first code unit in the text. */
  start: number;
  /** UTF-16 index after the last code unit. */
  end: number;
  /** text.slice(start, end) of the original text. */
  text: string;
}

export interface DetectContext {
  /** PN values of the patient, e.g. "张^伟", "Zhang^Wei=张^伟", "张伟". */
  patientNames?: readonly string[];
  /** DA values of the patient (birth date, study dates), YYYYMMDD; matched in short forms too (YYMMDD, DD/MM/YY). */
  dates?: readonly string[];
}

/** A detector adds candidate findings (possibly overlapping) for one normalised text. */
export type Candidate = Omit<Finding, 'text'>;
