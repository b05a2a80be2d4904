// Shared helpers for the core reader/writer/engine tests: sessions with fixed keys, running a file
// through planFile/deidentifyFile, finding elements and plan rows, and raw byte searches.

import { inflateSync } from 'fflate';
import { findElement, type Element, type Item } from '../../src/core/dicom/dataset.ts';
import { readPart10, type DicomFile } from '../../src/core/dicom/reader.ts';
import { decodeNumbers } from '../../src/core/dicom/value-codec.ts';
import { MemorySink } from '../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import type { SessionState } from '../../src/core/deid/file-rules.ts';
import type { PlanRow } from '../../src/core/deid/plan.ts';
import { deidentifyFile, planFile, type FileResult } from '../../src/core/deid/process-file.ts';
import { Pseudonymizer, type PatientMapping } from '../../src/core/deid/pseudonymizer.ts';
import { UidRemapper } from '../../src/core/deid/uid-remapper.ts';
import { DEFAULT_OPTIONS, type ProfileOptions } from '../../src/core/profile/options.ts';
import { reasonText } from '../helpers/messages.ts';

export const KEY_A = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
export const KEY_B = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);

export function makeTestSession(options: Partial<ProfileOptions> = {}, key: Uint8Array = KEY_A, mapping?: PatientMapping): SessionState {
  return { key, options: { ...DEFAULT_OPTIONS, ...options }, uids: new UidRemapper(key), pseudonyms: new Pseudonymizer(key, mapping) };
}

export const src = (b: Uint8Array): MemorySource => new MemorySource(b);

export async function read(b: Uint8Array): Promise<DicomFile> {
  return readPart10(new MemorySource(b));
}

/** Plan a file with rows; throws unless the file was accepted. */
export async function planRows(b: Uint8Array, session: SessionState = makeTestSession()) {
  const r = await planFile(src(b), session, { collectRows: true });
  if (r.status !== 'ok' || !r.outcome) throw new Error(`plan failed: ${r.status} ${reasonText(r)}`);
  return { result: r, rows: r.outcome.rows, outcome: r.outcome };
}

export interface Deidentified {
  result: FileResult;
  bytes: Uint8Array;
  file: DicomFile;
}

/** De-identify into memory and re-read the output; throws unless the file was accepted. */
export async function deid(b: Uint8Array, session: SessionState = makeTestSession()): Promise<Deidentified> {
  const sink = new MemorySink();
  const result = await deidentifyFile(src(b), sink, session);
  if (result.status !== 'ok') throw new Error(`de-identification failed: ${result.status} ${reasonText(result)}`);
  const bytes = sink.bytes();
  return { result, bytes, file: await readPart10(new MemorySource(bytes)) };
}

/** The element at a path of tags and item indices, e.g. at(ds, 0x00400275, 0, 0x00100010). */
export function at(ds: Item, ...path: number[]): Element | undefined {
  let item: Item = ds;
  let el: Element | undefined;
  for (let i = 0; i < path.length; i++) {
    el = findElement(item, path[i]);
    if (!el) return undefined;
    if (i + 1 < path.length) {
      if (el.value.kind !== 'sequence') return undefined;
      const it = el.value.items[path[++i]];
      if (!it) return undefined;
      item = it;
    }
  }
  return el;
}

/** Raw value bytes of an element (throws when it is not a small value). */
export function raw(el: Element | undefined): Uint8Array {
  if (!el) throw new Error('element missing');
  if (el.value.kind !== 'bytes') throw new Error(`element value is ${el.value.kind}`);
  return el.value.bytes;
}

/** ASCII/Latin-1 text of a value with trailing NUL/space padding removed. */
export function text(el: Element | undefined): string {
  return Buffer.from(raw(el)).toString('latin1').replace(/[\0 ]+$/, '');
}

export const utf8 = (el: Element | undefined): string => Buffer.from(raw(el)).toString('utf8').replace(/[\0 ]+$/, '');

export const numbers = (el: Element | undefined, littleEndian = true): number[] => {
  if (!el) throw new Error('element missing');
  return decodeNumbers(el, littleEndian);
};

export function rowAt(rows: PlanRow[], path: string): PlanRow {
  const r = rows.find((x) => x.path === path);
  if (!r) throw new Error(`no plan row ${path}; have ${rows.map((x) => x.path).join(' ')}`);
  return r;
}

export const contains = (hay: Uint8Array, needle: string | Uint8Array): boolean =>
  Buffer.from(hay).includes(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : Buffer.from(needle));

export const indexOf = (hay: Uint8Array, needle: number[] | Uint8Array, from = 0): number => Buffer.from(hay).indexOf(Buffer.from(needle), from);

/** Offset where the data set starts in a Part 10 file with preamble and explicit LE meta (from (0002,0000)). */
export function dataSetStart(file: Uint8Array): number {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (v.getUint16(132, true) !== 2 || v.getUint16(134, true) !== 0) throw new Error('no (0002,0000) at offset 132');
  return 132 + 12 + v.getUint32(140, true);
}

/** The file meta group length as declared and as counted by walking the explicit VR LE meta elements. */
export function metaGroupLength(file: Uint8Array): { declared: number; counted: number } {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const declared = v.getUint32(140, true);
  let p = 144;
  while (p + 8 <= file.length && v.getUint16(p, true) === 2) {
    const vr = String.fromCharCode(file[p + 4], file[p + 5]);
    if (['OB', 'OW', 'UN', 'UT', 'SQ', 'UC', 'UR', 'OD', 'OF', 'OL', 'OV', 'SV', 'UV'].includes(vr)) p += 12 + v.getUint32(p + 8, true);
    else p += 8 + v.getUint16(p + 6, true);
  }
  return { declared, counted: p - 144 };
}

/** The data set bytes of a deflated Part 10 file, inflated. */
export const inflatedDataSet = (file: Uint8Array): Uint8Array => inflateSync(file.subarray(dataSetStart(file)));

/** All elements at every depth, with their depth. */
export function allElements(ds: Item, depth = 0): { el: Element; depth: number }[] {
  const out: { el: Element; depth: number }[] = [];
  for (const el of ds.elements) {
    out.push({ el, depth });
    if (el.value.kind === 'sequence') for (const it of el.value.items) out.push(...allElements(it, depth + 1));
  }
  return out;
}
