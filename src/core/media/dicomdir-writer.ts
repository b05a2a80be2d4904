// Writes a DICOMDIR (PS3.10 §8, Basic Directory IOD of PS3.3 F.2) for a set of written files:
// file meta with Media Storage SOP Class 1.2.840.10008.1.3.10, explicit VR little endian; File-set
// ID (0004,1130); the Directory Record Sequence (0004,1220) of PATIENT, STUDY, SERIES and instance
// records (PS3.3 F.5), in depth-first order (each record followed by its lower level). Each record
// points at its next sibling (0004,1400) and its first child (0004,1420), and the data set at the
// first and last root record (0004,1200)/(0004,1202): byte offsets from the first byte of the file
// (preamble included) to the record's Item tag (PS3.3 F.3.2.2). Every item and the sequence have
// defined lengths, so all offsets are known before a byte is written; UL values have a fixed size,
// so the records are measured once with zero offsets and encoded again with the real ones.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '../deid/deidentify.ts';
import { tag, type Tag } from '../dicom/tag.ts';
import { EXPLICIT_VR_LE } from '../dicom/transfer-syntax.ts';
import { asciiBytes } from '../dicom/value-text.ts';
import { LONG_LENGTH_VRS, padByte } from '../dicom/vr.ts';
import type { DirectoryEntry, KeyValue } from './directory-entry.ts';
import { fileIdKey, fileIdProblem } from './file-id.ts';
import { SPECIFIC_CHARACTER_SET } from './record-types.ts';

export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';
const PREAMBLE_AND_PREFIX = 132;
const ITEM_HEADER = 8;

const T = {
  fileSetId: tag(0x0004, 0x1130), firstRoot: tag(0x0004, 0x1200), lastRoot: tag(0x0004, 0x1202), consistency: tag(0x0004, 0x1212),
  records: tag(0x0004, 0x1220), next: tag(0x0004, 0x1400), inUse: tag(0x0004, 0x1410), lower: tag(0x0004, 0x1420), type: tag(0x0004, 0x1430),
  fileId: tag(0x0004, 0x1500), refClass: tag(0x0004, 0x1510), refInstance: tag(0x0004, 0x1511), refSyntax: tag(0x0004, 0x1512),
};

/** Bytes of one explicit VR little endian element (value padded to even length, PS3.5 §7.1.2). */
function element(t: Tag, vr: string, value: Uint8Array): Uint8Array {
  const padded = value.length & 1 ? concat([value, Uint8Array.of(padByte(vr))]) : value;
  const long = LONG_LENGTH_VRS.has(vr);
  const head = new Uint8Array(long ? 12 : 8);
  const v = new DataView(head.buffer);
  v.setUint16(0, t >>> 16, true);
  v.setUint16(2, t & 0xffff, true);
  head[4] = vr.charCodeAt(0);
  head[5] = vr.charCodeAt(1);
  if (long) v.setUint32(8, padded.length, true);
  else v.setUint16(6, padded.length, true);
  return concat([head, padded]);
}

const item = (body: Uint8Array): Uint8Array => concat([itemHeader(body.length), body]);

function itemHeader(length: number): Uint8Array {
  const h = new Uint8Array(ITEM_HEADER);
  const v = new DataView(h.buffer);
  v.setUint16(0, 0xfffe, true);
  v.setUint16(2, 0xe000, true);
  v.setUint32(4, length, true);
  return h;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const ul = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const us = (n: number) => Uint8Array.of(n & 0xff, n >> 8);
const ui = (s: string) => asciiBytes(s, 0);
const cs = (s: string) => asciiBytes(s, 0x20);

function keyBytes(kv: KeyValue): Uint8Array {
  if ('bytes' in kv) return element(kv.tag, kv.vr, kv.bytes);
  const items = kv.items.map((it) => item(concat([...it].sort((a, b) => a.tag - b.tag).map(keyBytes))));
  return element(kv.tag, 'SQ', concat(items));
}

interface Rec {
  type: string;
  keys: KeyValue[];
  entry?: DirectoryEntry;
  children: Rec[];
  /** Where the record's Item tag is, and where its next sibling's is (0: none). */
  offset: number;
  next: number;
}

function recordBody(r: Rec, charset: Uint8Array | null): Uint8Array {
  const lower = r.children.length ? r.children[0].offset : 0;
  const parts = [element(T.next, 'UL', ul(r.next)), element(T.inUse, 'US', us(0xffff)), element(T.lower, 'UL', ul(lower)), element(T.type, 'CS', cs(r.type))];
  if (r.entry) {
    parts.push(
      element(T.fileId, 'CS', cs(r.entry.fileId.join('\\'))), element(T.refClass, 'UI', ui(r.entry.sopClassUID)),
      element(T.refInstance, 'UI', ui(r.entry.sopInstanceUID)), element(T.refSyntax, 'UI', ui(r.entry.transferSyntaxUID)),
    );
  }
  const keys: KeyValue[] = [...r.keys];
  if (charset) keys.push({ tag: SPECIFIC_CHARACTER_SET, vr: 'CS', bytes: charset });
  keys.sort((a, b) => a.tag - b.tag);
  for (const kv of keys) parts.push(keyBytes(kv));
  return concat(parts);
}

/** The record tree: patients by Patient ID, studies by Study Instance UID, series by Series Instance UID, entries sorted by file ID. */
function recordTree(entries: DirectoryEntry[]): Rec[] {
  const sorted = [...entries].sort((a, b) => (fileIdKey(a.fileId) < fileIdKey(b.fileId) ? -1 : 1));
  const patients = new Map<string, Rec & { studies: Map<string, Rec & { series: Map<string, Rec> }> }>();
  for (const e of sorted) {
    let p = patients.get(e.patientID);
    if (!p) patients.set(e.patientID, (p = { type: 'PATIENT', keys: e.patient, children: [], offset: 0, next: 0, studies: new Map() }));
    let s = p.studies.get(e.studyInstanceUID);
    if (!s) {
      s = { type: 'STUDY', keys: e.study, children: [], offset: 0, next: 0, series: new Map() };
      p.studies.set(e.studyInstanceUID, s);
      p.children.push(s);
    }
    let se = s.series.get(e.seriesInstanceUID);
    if (!se) {
      se = { type: 'SERIES', keys: e.series, children: [], offset: 0, next: 0 };
      s.series.set(e.seriesInstanceUID, se);
      s.children.push(se);
    }
    se.children.push({ type: e.recordType, keys: e.instance, entry: e, children: [], offset: 0, next: 0 });
  }
  return [...patients.values()];
}

/** Records in the order they are written: each followed by its lower-level entity, depth first. */
function flatten(level: Rec[], out: Rec[] = []): Rec[] {
  for (const r of level) {
    out.push(r);
    flatten(r.children, out);
  }
  return out;
}

function linkSiblings(level: Rec[]): void {
  level.forEach((r, i) => {
    r.next = i + 1 < level.length ? level[i + 1].offset : 0;
    linkSiblings(r.children);
  });
}

function fileMeta(instanceUID: string): Uint8Array {
  const body = concat([
    element(tag(0x0002, 0x0001), 'OB', Uint8Array.of(0, 1)), element(tag(0x0002, 0x0002), 'UI', ui(MEDIA_STORAGE_DIRECTORY_SOP_CLASS)),
    element(tag(0x0002, 0x0003), 'UI', ui(instanceUID)), element(tag(0x0002, 0x0010), 'UI', ui(EXPLICIT_VR_LE)),
    element(tag(0x0002, 0x0012), 'UI', ui(IMPLEMENTATION_CLASS_UID)), element(tag(0x0002, 0x0013), 'SH', cs(IMPLEMENTATION_VERSION_NAME)),
  ]);
  return concat([element(tag(0x0002, 0x0000), 'UL', ul(body.length)), body]);
}

/** A UID for the DICOMDIR itself, derived from the instances it lists (2.25 form, PS3.5 B.2). */
function directoryUid(entries: DirectoryEntry[]): string {
  const d = sha256(new TextEncoder().encode(entries.map((e) => e.sopInstanceUID).sort().join('\\')));
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(d[i]);
  return `2.25.${n}`;
}

/** The DICOMDIR file listing `entries` (file IDs relative to the File-set root, where the DICOMDIR goes). */
export function buildDicomdir(entries: DirectoryEntry[], fileSetId = 'VEIL'): Uint8Array {
  if (!/^[A-Z0-9_ ]{0,16}$/.test(fileSetId)) throw new Error(`the File-set ID "${fileSetId}" is not up to 16 characters from A-Z, 0-9, _ and space`);
  const seen = new Set<string>();
  for (const e of entries) {
    const problem = fileIdProblem(e.fileId);
    if (problem) throw new MessageError(msg('dicomdir-cannot-list', { fileId: e.fileId.join('/'), problem }));
    const k = fileIdKey(e.fileId);
    if (seen.has(k)) throw new MessageError(msg('dicomdir-file-id-twice', { fileId: e.fileId.join('\\') }));
    seen.add(k);
  }
  const meta = fileMeta(directoryUid(entries));
  const roots = recordTree(entries);
  const records = flatten(roots);
  const charsetOf = (r: Rec): Uint8Array | null => {
    const e = r.entry ?? firstEntry(r);
    return e?.charset ?? null;
  };
  const head = (first: number, last: number) =>
    concat([element(T.fileSetId, 'CS', cs(fileSetId)), element(T.firstRoot, 'UL', ul(first)), element(T.lastRoot, 'UL', ul(last)), element(T.consistency, 'US', us(0))]);
  // Measure (UL offsets have a fixed size), place, then encode with the real offsets.
  let at = PREAMBLE_AND_PREFIX + meta.length + head(0, 0).length + 12;
  for (const r of records) {
    r.offset = at;
    at += ITEM_HEADER + recordBody(r, charsetOf(r)).length;
  }
  linkSiblings(roots);
  const items = concat(records.map((r) => item(recordBody(r, charsetOf(r)))));
  const data = concat([
    head(roots.length ? roots[0].offset : 0, roots.length ? roots[roots.length - 1].offset : 0),
    element(T.records, 'SQ', items),
  ]);
  const preamble = new Uint8Array(PREAMBLE_AND_PREFIX);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([preamble, meta, data]);
}

/**
 * Every value the DICOMDIR's records take from one file, as a Part 10 data set with each value in
 * the attribute it came from (record keys at their own tags; Referenced SOP Class / Instance UID
 * in File as SOP Class / Instance UID). The leak gate reads this against the file's original
 * with the rules it applies to the output itself (a value kept in its own attribute, where the
 * profile keeps it, is not a leak); the File IDs are hashes and the offsets numbers.
 */
export function recordValuesDataset(entry: DirectoryEntry): Uint8Array {
  const byTag = new Map<Tag, KeyValue>();
  for (const kv of [...entry.patient, ...entry.study, ...entry.series, ...entry.instance]) if (!byTag.has(kv.tag)) byTag.set(kv.tag, kv);
  if (entry.charset) byTag.set(SPECIFIC_CHARACTER_SET, { tag: SPECIFIC_CHARACTER_SET, vr: 'CS', bytes: entry.charset });
  byTag.set(tag(0x0008, 0x0016), { tag: tag(0x0008, 0x0016), vr: 'UI', bytes: ui(entry.sopClassUID) });
  byTag.set(tag(0x0008, 0x0018), { tag: tag(0x0008, 0x0018), vr: 'UI', bytes: ui(entry.sopInstanceUID) });
  const data = concat([...byTag.values()].sort((a, b) => a.tag - b.tag).map(keyBytes));
  const preamble = new Uint8Array(PREAMBLE_AND_PREFIX);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([preamble, fileMeta(entry.sopInstanceUID), data]);
}

function firstEntry(r: Rec): DirectoryEntry | undefined {
  return r.entry ?? (r.children.length ? firstEntry(r.children[0]) : undefined);
}
