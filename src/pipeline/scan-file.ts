// What the tree needs to know about one loaded file, computed in a worker: its kind (sniff),
// the original identifying and descriptive values for display (this is the operator's own
// machine), and whether and how it would be de-identified with the current session (status,
// reason as a Message, action counts). The plan rows themselves are not kept (see planInstance).

import { datasetCodec, deidentifyDataset } from '../core/deid/deidentify.ts';
import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts, type ActionCounts } from '../core/deid/plan.ts';
import { describeError } from '../core/deid/process-file.ts';
import { sniffDicom } from '../core/deid/sniff.ts';
import { findElement, type Item } from '../core/dicom/dataset.ts';
import { readPart10 } from '../core/dicom/reader.ts';
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA, PIXEL_DATA, tag } from '../core/dicom/tag.ts';
import { transferSyntaxInfo, transferSyntaxName } from '../core/dicom/transfer-syntax.ts';
import { needsExplicitLeCopy } from '../core/dicom/transcode-to-explicit-le.ts';
import { decodeNumbers, decodeStrings } from '../core/dicom/value-codec.ts';
import type { ByteSource } from '../core/io/byte-source.ts';
import { decodeProblem } from '../core/pixels/decode-check.ts';
import { capMessages, msg, type Message } from '../core/messages/message.ts';

export type FileKind = 'dicom' | 'dicomdir' | 'not-dicom';

export interface InstanceInfo {
  patientName: string;
  patientID: string;
  patientBirthDate: string;
  studyInstanceUID: string;
  studyDate: string;
  studyDescription: string;
  accessionNumber: string;
  seriesInstanceUID: string;
  seriesNumber: string;
  seriesDescription: string;
  modality: string;
  sopInstanceUID: string;
  sopClassUID: string;
  instanceNumber: string;
  frames: number;
  rows: number;
  columns: number;
  photometric: string;
  transferSyntaxUID: string;
  transferSyntaxName: string;
  /** Pixel Data, Float Pixel Data or Double Float Pixel Data (PS3.3 C.7.6.3, C.7.6.24). */
  hasPixels: boolean;
  /** Only Double Float Pixel Data, which the viewer cannot draw (redaction and templates still apply). */
  doubleFloatOnly?: boolean;
  encapsulated: boolean;
  /** The viewer needs an explicit VR LE copy (deflated, big endian). */
  needsViewCopy: boolean;
  /** For the device-template redaction scope. */
  manufacturer: string;
  manufacturerModelName: string;
  /** SequenceOfUltrasoundRegions is present. */
  hasUsRegions: boolean;
  /** BurnedInAnnotation (0028,0301) and ImageType (0008,0008), for review mode (issue 4). */
  burnedInAnnotation?: string;
  imageType?: string;
  /** Why the pixel data must not be decoded (a pixel bomb, over the memory budget); absent when it may. */
  decodeRefusal?: Message;
}

export interface ScanResult {
  kind: FileKind;
  status: 'ok' | 'refused' | 'skipped';
  error: Message | null;
  warnings: Message[];
  counts: ActionCounts;
  /** Absent when the file could not be parsed. */
  info?: InstanceInfo;
}

const K = {
  PatientName: tag(0x0010, 0x0010), PatientID: tag(0x0010, 0x0020), PatientBirthDate: tag(0x0010, 0x0030),
  StudyInstanceUID: tag(0x0020, 0x000d), StudyDate: tag(0x0008, 0x0020), StudyDescription: tag(0x0008, 0x1030),
  AccessionNumber: tag(0x0008, 0x0050), SeriesInstanceUID: tag(0x0020, 0x000e), SeriesNumber: tag(0x0020, 0x0011),
  SeriesDescription: tag(0x0008, 0x103e), Modality: tag(0x0008, 0x0060), SOPInstanceUID: tag(0x0008, 0x0018),
  SOPClassUID: tag(0x0008, 0x0016), InstanceNumber: tag(0x0020, 0x0013), NumberOfFrames: tag(0x0028, 0x0008),
  Rows: tag(0x0028, 0x0010), Columns: tag(0x0028, 0x0011), Photometric: tag(0x0028, 0x0004),
  Manufacturer: tag(0x0008, 0x0070), ManufacturerModelName: tag(0x0008, 0x1090), UsRegions: tag(0x0018, 0x6011),
  BurnedInAnnotation: tag(0x0028, 0x0301), ImageType: tag(0x0008, 0x0008),
};

export function instanceInfo(ds: Item, transferSyntaxUID: string, littleEndian: boolean): InstanceInfo {
  const { codec } = datasetCodec(ds);
  const s = (t: number) => {
    const el = findElement(ds, t);
    return el ? decodeStrings(el, codec).join('\\') : '';
  };
  const n = (t: number) => {
    const el = findElement(ds, t);
    return el ? (decodeNumbers(el, littleEndian)[0] ?? 0) : 0;
  };
  const frames = parseInt(s(K.NumberOfFrames), 10);
  const [integer, float, double] = [PIXEL_DATA, FLOAT_PIXEL_DATA, DOUBLE_FLOAT_PIXEL_DATA].map((t) => findElement(ds, t) !== undefined);
  const ts = transferSyntaxInfo(transferSyntaxUID);
  return {
    patientName: s(K.PatientName), patientID: s(K.PatientID), patientBirthDate: s(K.PatientBirthDate),
    studyInstanceUID: s(K.StudyInstanceUID), studyDate: s(K.StudyDate), studyDescription: s(K.StudyDescription),
    accessionNumber: s(K.AccessionNumber), seriesInstanceUID: s(K.SeriesInstanceUID), seriesNumber: s(K.SeriesNumber),
    seriesDescription: s(K.SeriesDescription), modality: s(K.Modality), sopInstanceUID: s(K.SOPInstanceUID),
    sopClassUID: s(K.SOPClassUID), instanceNumber: s(K.InstanceNumber),
    frames: Number.isFinite(frames) && frames > 0 ? frames : 1,
    rows: n(K.Rows), columns: n(K.Columns), photometric: s(K.Photometric),
    transferSyntaxUID, transferSyntaxName: transferSyntaxName(transferSyntaxUID),
    hasPixels: integer || float || double,
    doubleFloatOnly: double && !integer && !float,
    encapsulated: ts.encapsulated, needsViewCopy: needsExplicitLeCopy(transferSyntaxUID, s(K.Photometric)),
    manufacturer: s(K.Manufacturer), manufacturerModelName: s(K.ManufacturerModelName), hasUsRegions: findElement(ds, K.UsRegions) !== undefined,
    burnedInAnnotation: s(K.BurnedInAnnotation).trim().toUpperCase(), imageType: s(K.ImageType).toUpperCase(),
  };
}

export async function scanFile(source: ByteSource, session: SessionState): Promise<ScanResult> {
  const sniff = await sniffDicom(source);
  if (sniff.kind !== 'dicom') return { kind: sniff.kind, status: 'skipped', error: sniff.reason, warnings: [], counts: emptyCounts() };
  let file;
  try {
    file = await readPart10(source);
  } catch (err) {
    return { kind: 'dicom', status: 'refused', error: describeError(err), warnings: [], counts: emptyCounts() };
  }
  const info = instanceInfo(file.dataset, file.transferSyntaxUID, file.encoding.littleEndian);
  const bounds = await decodeProblem(file);
  if (bounds) info.decodeRefusal = msg(bounds.code, bounds.params);
  try {
    const outcome = deidentifyDataset(file, session);
    return { kind: 'dicom', status: 'ok', error: null, warnings: capMessages([...file.warnings, ...outcome.warnings]), counts: outcome.counts, info };
  } catch (err) {
    return { kind: 'dicom', status: 'refused', error: describeError(err), warnings: capMessages(file.warnings), counts: emptyCounts(), info };
  }
}
