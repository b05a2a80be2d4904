// De-identifies one parsed file: builds the per-file rules, walks the profile over the data set,
// adds the PS3.15 markers and regenerates the file meta (PS3.10 §7.1: Media Storage SOP Instance
// UID = the new SOP Instance UID, this project's Implementation Class UID and Version Name).
// The output keeps the input's transfer syntax; pixel data stays a byte range of the source.

import { detectMislabelledCjk, makeCharsetCodec, type CharsetCodec } from '../charset/specific-character-set.ts';
import { bytesElement, findElement, withElement, type Item } from '../dicom/dataset.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { SPECIFIC_CHARACTER_SET, tag } from '../dicom/tag.ts';
import { TEXT_VRS } from '../dicom/vr.ts';
import { asciiBytes, asciiValue, asciiValues } from '../dicom/value-text.ts';
import { firstString } from '../dicom/value-codec.ts';
import { FileRules, T, type SessionState } from './file-rules.ts';
import { addMarkers, type MethodCode } from './markers.ts';
import type { TemplateFile } from '../redaction/template.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import { emptyCounts, type ActionCounts, type PlanRow } from './plan.ts';
import { walkItem, type WalkState } from './profile-walker.ts';
import { msg, type Message } from '../messages/message.ts';

/** This project's Implementation Class UID (PS3.7 D.3.3.2) and version name. */
export const IMPLEMENTATION_CLASS_UID = '2.25.239852358104745011637926017325398561831';
export const IMPLEMENTATION_VERSION_NAME = 'VEIL_0.1';

export interface DeidOutcome {
  dataset: Item;
  meta: Item;
  rows: PlanRow[];
  counts: ActionCounts;
  warnings: Message[];
  /** Identifiers of the output, for naming files and for mapping reports. */
  ids: {
    studyInstanceUID: string;
    seriesInstanceUID: string;
    sopInstanceUID: string;
    sopClassUID: string;
    patientID: string;
    originalPatientID: string;
  };
  charsetSwitchedToUtf8: boolean;
}

export interface DeidOptions {
  collectRows?: boolean;
  /** Extra CID 7050 codes, e.g. Clean Pixel Data for redacted images. */
  extraMethodCodes?: MethodCode[];
  /** Redaction templates (format version 1) matched against each image. */
  redactionTemplates?: TemplateFile;
  /** Boxes drawn for this very image (the app), in image pixels. */
  redactionBoxes?: RedactionBox[];
  /** The user reviewed this image and confirmed it carries no burned-in text (adds 113101 without boxes). */
  confirmedClean?: boolean;
  /**
   * A person looked at this image with its redaction boxes applied and confirmed they cover its
   * burned-in text: Burned In Annotation NO and 113101 (see pixel-claim.ts). Without it, drawn
   * boxes are applied but claim nothing.
   */
  boxesReviewed?: boolean;
  /** The image is likely to carry burned-in text (a review candidate): unreviewed boxes leave Burned In Annotation YES. */
  burnedInCandidate?: boolean;
}

export function datasetCodec(ds: Item): { codec: CharsetCodec; terms: string[]; warnings: Message[] } {
  const el = findElement(ds, SPECIFIC_CHARACTER_SET);
  const terms = el && el.value.kind === 'bytes' ? asciiValues(el.value.bytes) : [];
  const { codec, warnings } = makeCharsetCodec(terms);
  return { codec, terms, warnings };
}

export function deidentifyDataset(file: DicomFile, session: SessionState, options: DeidOptions = {}): DeidOutcome {
  const ds = file.dataset;
  // The decoder's notes fill in as text is decoded (during the walk too): turned into Messages at the end.
  const { codec, terms, warnings: charsetNotes } = datasetCodec(ds);
  const warnings: Message[] = [];
  const rules = new FileRules(ds, codec, session, metaString(file.meta, tag(0x0002, 0x0003)));

  for (const el of ds.elements) {
    if (!TEXT_VRS.has(el.vr) || el.value.kind !== 'bytes') continue;
    if (detectMislabelledCjk(el.value.bytes, terms)) {
      // Decode through the codec, which warns about mislabelled text once per data set: pushing the
      // warning here as well gave it twice (FileRules or the walk decode through the codec too).
      codec.decode(el.value.bytes, el.vr);
      break;
    }
  }

  // Replacement values that the file's character set cannot hold (e.g. a Chinese pseudonym from a
  // mapping CSV in an ISO_IR 100 file) switch the whole file to ISO_IR 192 (UTF-8), re-encoding
  // every kept text value, so no value is ever mojibake.
  const needsUtf8 = ![rules.pseudonym.patientID, rules.pseudonym.patientName].every((v) => codec.canEncode(v));
  const toUtf8 = needsUtf8 ? makeCharsetCodec(['ISO_IR 192']).codec : undefined;
  const state: WalkState = {
    rules, littleEndian: file.encoding.littleEndian, collectRows: options.collectRows ?? false,
    rows: [], counts: emptyCounts(), warnings, toUtf8,
  };
  let out = walkItem(ds, codec, '', 0, state);
  const outCodec = toUtf8 ?? codec;
  if (toUtf8) {
    out = { ...out, elements: out.elements.filter((e) => e.tag !== SPECIFIC_CHARACTER_SET) };
    out = { ...out, elements: [bytesElement(SPECIFIC_CHARACTER_SET, 'CS', asciiBytes('ISO_IR 192')), ...out.elements].sort((a, b) => a.tag - b.tag) };
    warnings.push(msg('charset-converted-utf8'));
  }
  out = addMarkers(out, session.options, outCodec, options.extraMethodCodes);

  const str = (t: number) => firstString(findElement(out, t), outCodec);
  let sopInstanceUID = str(T.SOPInstanceUID) || remappedMetaUid(file, session);
  if (!sopInstanceUID) {
    // Neither the data set nor the file meta names the instance: give it a new UID, derived from
    // what identifies it otherwise, and write it into the data set too (SOP Common is Type 1).
    const seed = [T.StudyInstanceUID, T.SeriesInstanceUID, tag(0x0020, 0x0013), T.SOPClassUID].map((t) => firstString(findElement(ds, t), codec)).join('|');
    sopInstanceUID = session.uids.remap(`generated-sop-instance:${rules.original.patientID}|${seed}`);
  }
  if (!str(T.SOPInstanceUID)) out = withElement(out, bytesElement(T.SOPInstanceUID, 'UI', asciiBytes(sopInstanceUID, 0)));
  const sopClassUID = str(T.SOPClassUID) || metaString(file.meta, tag(0x0002, 0x0002));
  const meta = buildFileMeta(sopClassUID, sopInstanceUID, file.transferSyntaxUID);
  return {
    dataset: out, meta, rows: state.rows, counts: state.counts, warnings: [...charsetNotes, ...warnings],
    ids: {
      studyInstanceUID: str(T.StudyInstanceUID), seriesInstanceUID: str(T.SeriesInstanceUID), sopInstanceUID, sopClassUID,
      patientID: rules.pseudonym.patientID, originalPatientID: rules.original.patientID,
    },
    charsetSwitchedToUtf8: needsUtf8,
  };
}

function metaString(meta: Item, t: number): string {
  const el = findElement(meta, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
}

/** A data set without SOP Instance UID still gets a remapped Media Storage SOP Instance UID. */
function remappedMetaUid(file: DicomFile, session: SessionState): string {
  const original = metaString(file.meta, tag(0x0002, 0x0003));
  return original ? session.uids.remap(original) : '';
}

export function buildFileMeta(sopClassUID: string, sopInstanceUID: string, transferSyntaxUID: string): Item {
  const ui = (e: number, v: string) => bytesElement(tag(0x0002, e), 'UI', asciiBytes(v, 0));
  return {
    elements: [
      bytesElement(tag(0x0002, 0x0001), 'OB', new Uint8Array([0, 1])),
      ui(0x0002, sopClassUID),
      ui(0x0003, sopInstanceUID),
      ui(0x0010, transferSyntaxUID),
      ui(0x0012, IMPLEMENTATION_CLASS_UID),
      bytesElement(tag(0x0002, 0x0013), 'SH', asciiBytes(IMPLEMENTATION_VERSION_NAME)),
    ],
    undefinedLength: false,
    offset: -1,
  };
}
