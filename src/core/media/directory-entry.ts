// What the DICOMDIR says of one written file (PS3.3 F.5): its file ID, its record type, the
// Referenced SOP Class / SOP Instance / Transfer Syntax UIDs in File, and the keys of its
// PATIENT, STUDY, SERIES and instance records — all read from the de-identified output as
// written (the parsed output bytes), never from the original. A Type 1 key the output has no
// value for gets a fixed dummy (record-types.ts, else the VR's dummy of PS3.15 E.1.1 action D),
// chosen unlike the values in `avoid` (the original's identifying values, so that a dummy time
// 000000 never repeats a real one), so the record stays valid and says nothing.
// Plain data (no class instances), so a worker thread can hand it to the main thread.

import { msg, type Message } from '../messages/message.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { findElement, type Item } from '../dicom/dataset.ts';
import { tag, type Tag } from '../dicom/tag.ts';
import { asciiBytes, asciiValue } from '../dicom/value-text.ts';
import { MAX_LENGTH, STRING_VRS } from '../dicom/vr.ts';
import { dummyString } from '../deid/replacement-values.ts';
import { fileIdProblem, type MediaIds } from './file-id.ts';
import { INSTANCE_KEYS, PATIENT_KEYS, recordTypeOf, SERIES_KEYS, SPECIFIC_CHARACTER_SET, STUDY_KEYS, type KeySpec } from './record-types.ts';

/** A key of a directory record: a string value as stored, or a sequence of such items. */
export type KeyValue = { tag: Tag; vr: string; bytes: Uint8Array } | { tag: Tag; vr: 'SQ'; items: KeyValue[][] };

export interface DirectoryEntry {
  fileId: string[];
  recordType: string;
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
  patientID: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  /** Specific Character Set (0008,0005) of the output, copied to every record that has text keys; null when absent. */
  charset: Uint8Array | null;
  patient: KeyValue[];
  study: KeyValue[];
  series: KeyValue[];
  instance: KeyValue[];
}

const SOP_CLASS_UID = tag(0x0008, 0x0016);
const SOP_INSTANCE_UID = tag(0x0008, 0x0018);
const MEDIA_SOP_CLASS_UID = tag(0x0002, 0x0002);
const MEDIA_SOP_INSTANCE_UID = tag(0x0002, 0x0003);
const PATIENT_ID = tag(0x0010, 0x0020);
const STUDY_UID = tag(0x0020, 0x000d);
const SERIES_UID = tag(0x0020, 0x000e);

function text(ds: Item, t: Tag): string {
  const el = findElement(ds, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
}

/** String elements of an item, and sequences of them, copied (other VRs are left out). */
function copyItem(item: Item): KeyValue[] {
  const out: KeyValue[] = [];
  for (const el of item.elements) {
    if (el.value.kind === 'sequence') out.push({ tag: el.tag, vr: 'SQ', items: el.value.items.map(copyItem) });
    else if (el.value.kind === 'bytes' && STRING_VRS.has(el.vr)) out.push({ tag: el.tag, vr: el.vr, bytes: el.value.bytes.slice() });
  }
  return out;
}


const VERIFICATION_FLAG = tag(0x0040, 0xa493);
const VERIFYING_OBSERVER_SEQUENCE = tag(0x0040, 0xa073);
const VERIFICATION_DATETIME = tag(0x0040, 0xa030);

/**
 * SR DOCUMENT records carry Verification DateTime (0040,A030) when the document is VERIFIED
 * (PS3.3 F.5.19, Type 1C): the latest one of the Verifying Observer Sequence.
 */
function verification(ds: Item, recordType: string): KeyValue[] {
  if (recordType !== 'SR DOCUMENT' || text(ds, VERIFICATION_FLAG) !== 'VERIFIED') return [];
  const seq = findElement(ds, VERIFYING_OBSERVER_SEQUENCE);
  const times = seq && seq.value.kind === 'sequence' ? seq.value.items.map((it) => text(it, VERIFICATION_DATETIME)).filter((t) => t !== '') : [];
  const latest = times.sort().pop() ?? '19000101000000';
  return [{ tag: VERIFICATION_DATETIME, vr: 'DT', bytes: asciiBytes(latest) }];
}

/**
 * A key value as the record's VR allows it: old ACR-NEMA dates and times ("1997.04.24",
 * "14:04:38") lose their separators, a value that is still no DA or TM is dropped, a single
 * value longer than the VR's maximum is cut to it. Empty (or padding only) gives no bytes.
 */
function conform(vr: string, bytes: Uint8Array): Uint8Array {
  const value = asciiValue(bytes);
  if (value === '') return new Uint8Array(0);
  if (vr === 'DA' || vr === 'TM') {
    const v = value.replace(vr === 'DA' ? /\./g : /:/g, '');
    const ok = vr === 'DA' ? /^\d{8}$/.test(v) : /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/.test(v);
    return ok ? asciiBytes(v) : new Uint8Array(0);
  }
  const max = MAX_LENGTH[vr];
  const kept = max !== undefined && vr !== 'PN' && !value.includes('\\') && value.length > max ? value.slice(0, max).trimEnd() : value;
  // Re-padded (trailing NULs of sloppy writers dropped): byte for byte otherwise.
  return asciiBytes(kept, vr === 'UI' ? 0 : 0x20);
}

/**
 * Specific Character Set for the records: the output's terms, with the common mislabel "ISO-IR
 * nnn" written as the defined term "ISO_IR nnn"; null when a term is still not a CS value.
 */
function recordCharset(bytes: Uint8Array): Uint8Array | null {
  const terms = asciiValue(bytes).split('\\').map((t) => t.trim().replace(/^ISO-IR (\d+)$/i, 'ISO_IR $1'));
  return terms.every((t) => /^[A-Z0-9_ ]{0,16}$/.test(t)) ? asciiBytes(terms.join('\\')) : null;
}

/**
 * The keys of one record. A Type 1 key without a value gets: the record type's fixed term, or for
 * a text ID or label (SH, LO) the record's own file ID component (a hash of new identifiers: no
 * word that a pre-anonymised original, "Anonymized" or "ANON", could hold), or the VR's dummy
 * unlike every value in `avoid`.
 */
function keysOf(ds: Item, specs: KeySpec[], avoid: ReadonlySet<string>, idDummy: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const spec of specs) {
    const el = findElement(ds, spec.tag);
    if (spec.type === '1C' && !el) continue;
    if (spec.vr === 'SQ') {
      const items = el && el.value.kind === 'sequence' ? el.value.items.map(copyItem) : [];
      out.push({ tag: spec.tag, vr: 'SQ', items });
      continue;
    }
    const raw = el && el.value.kind === 'bytes' ? el.value.bytes : new Uint8Array(0);
    const bytes = conform(spec.vr, raw);
    const dummy = bytes.length === 0 && spec.type === 1 ? spec.dummy ?? (spec.vr === 'SH' || spec.vr === 'LO' ? idDummy : dummyString(spec.vr, '', avoid)) : undefined;
    if (dummy !== undefined) out.push({ tag: spec.tag, vr: spec.vr, bytes: asciiBytes(dummy) });
    else out.push({ tag: spec.tag, vr: spec.vr, bytes });
  }
  return out;
}

/**
 * The directory entry of a written, de-identified file, named by `name` from the file's own
 * identifiers (file-id.ts mediaFileId), or the reason it cannot be listed (no SOP Instance UID,
 * no Study or Series Instance UID, an invalid file ID).
 */
export function directoryEntryOf(file: DicomFile, name: (ids: MediaIds) => string[], avoid: ReadonlySet<string> = new Set()): DirectoryEntry | { problem: Message } {
  const ds = file.dataset;
  const sopClassUID = text(ds, SOP_CLASS_UID) || text(file.meta, MEDIA_SOP_CLASS_UID);
  const sopInstanceUID = text(ds, SOP_INSTANCE_UID) || text(file.meta, MEDIA_SOP_INSTANCE_UID);
  const studyInstanceUID = text(ds, STUDY_UID);
  const seriesInstanceUID = text(ds, SERIES_UID);
  const missing = [!sopClassUID && 'SOP Class UID', !sopInstanceUID && 'SOP Instance UID', !studyInstanceUID && 'Study Instance UID', !seriesInstanceUID && 'Series Instance UID'].filter(Boolean);
  if (missing.length) return { problem: msg('media-missing-uids', { missing: missing.join(', ') }) };
  const patientID = text(ds, PATIENT_ID);
  const fileId = name({ patientID, studyInstanceUID, seriesInstanceUID, sopInstanceUID });
  const idProblem = fileIdProblem(fileId);
  if (idProblem) return { problem: msg('media-unnamable', { detail: idProblem }) };
  const recordType = recordTypeOf(sopClassUID);
  const charsetEl = findElement(ds, SPECIFIC_CHARACTER_SET);
  const charset = charsetEl && charsetEl.value.kind === 'bytes' && charsetEl.value.bytes.length ? recordCharset(charsetEl.value.bytes) : null;
  return {
    fileId, recordType, sopClassUID, sopInstanceUID, transferSyntaxUID: file.transferSyntaxUID,
    patientID,
    studyInstanceUID, seriesInstanceUID, charset,
    patient: keysOf(ds, PATIENT_KEYS, avoid, fileId[1] ?? fileId[0]),
    study: keysOf(ds, STUDY_KEYS, avoid, fileId[2] ?? fileId[0]),
    series: keysOf(ds, SERIES_KEYS, avoid, fileId[3] ?? fileId[0]),
    instance: [...keysOf(ds, INSTANCE_KEYS[recordType], avoid, fileId[fileId.length - 1]), ...verification(ds, recordType)],
  };
}
