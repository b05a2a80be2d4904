// Reads a DICOM Part 10 file (PS3.10 §7.1: preamble, "DICM", file meta group 0002 in explicit
// VR LE) or a bare data set without preamble or meta, in any transfer syntax. Deflated data sets
// (PS3.5 A.5) are inflated into memory; everything else is parsed through a window over the source.

import { inflateSync } from 'fflate';
import { MemorySource, type ByteSource } from '../io/byte-source.ts';
import { Cursor } from './cursor.ts';
import type { Encoding, Item } from './dataset.ts';
import { findElement } from './dataset.ts';
import { ElementParser, IMPLICIT_LE, type ParseLimits } from './element-parser.ts';
import { DicomParseError } from './parse-error.ts';
import { startsLikeDataSet } from './header-heuristics.ts';
import { dicmInsideData } from './read-warnings.ts';
import { msg, type Message } from '../messages/message.ts';
import { errorDetail } from '../messages/notice.ts';
import { tag } from './tag.ts';
import { EXPLICIT_VR_BE, EXPLICIT_VR_LE, IMPLICIT_VR_LE, transferSyntaxInfo } from './transfer-syntax.ts';
import { isValidVr } from './vr.ts';
import { asciiValue } from './value-text.ts';

export interface DicomFile {
  /** The source that every byte range in `dataset` refers to (the inflated data set for deflate). */
  source: ByteSource;
  hadPreamble: boolean;
  /** The file meta group as read (empty when the file had none). */
  meta: Item;
  transferSyntaxUID: string;
  /** The transfer syntax was missing from the file and inferred from the bytes. */
  transferSyntaxInferred: boolean;
  encoding: Encoding;
  dataset: Item;
  warnings: Message[];
}

export interface ReadOptions extends Partial<ParseLimits> {}

const EXPLICIT_LE_ENC: Encoding = { explicitVR: true, littleEndian: true };
const TRANSFER_SYNTAX_UID = tag(0x0002, 0x0010);

export async function readPart10(source: ByteSource, options: ReadOptions = {}): Promise<DicomFile> {
  const limits: ParseLimits = { bulkThreshold: options.bulkThreshold ?? 64 * 1024, maxDepth: options.maxDepth ?? 32 };
  const cursor = new Cursor(source);
  const parser = new ElementParser(cursor, limits);
  const size = source.size;
  if (size < 8) throw new DicomParseError(msg('not-dicom-short', { count: size }), 0);

  let pos = 0;
  let hadPreamble = false;
  if (size >= 132) {
    await cursor.ensure(0, Math.min(size, 140), 'part-dicm-prefix');
    // "DICM" at 128 is the prefix unless a data set visibly starts at 0 and none follows the
    // prefix: then those four bytes are data (a value that happens to hold them).
    if (isDicm(cursor, 128)) {
      if (startsLikeDataSet(cursor, 0) && !startsLikeDataSet(cursor, 132)) parser.warn(dicmInsideData());
      else {
        hadPreamble = true;
        pos = 132;
      }
    }
  }
  if (!hadPreamble) {
    await cursor.ensure(0, 4, 'part-dicm-prefix');
    if (isDicm(cursor, 0)) pos = 4; // a prefix without preamble
  }

  // File meta: group 0002, explicit VR little endian (PS3.10 §7.1).
  const meta: Item = { elements: [], undefinedLength: false, offset: pos };
  await cursor.ensure(pos, 8, 'part-first-element');
  if (cursor.u16(pos, true) === 0x0002) {
    let metaEnc: Encoding = EXPLICIT_LE_ENC;
    if (!isValidVr(cursor.chars2(pos + 4))) {
      parser.warn(msg('read-meta-implicit'));
      metaEnc = IMPLICIT_LE;
    }
    const metaEnd = await findMetaEnd(cursor, pos, metaEnc);
    const r = await parser.parseItemBody(pos, metaEnd, metaEnc, 0, true);
    meta.elements = r.item.elements;
    pos = r.pos;
  } else if (!hadPreamble && pos === 0 && !(await looksLikeDataSet(cursor))) {
    throw new DicomParseError(msg('parse-not-dicom'), 0);
  }

  const tsElement = findElement(meta, TRANSFER_SYNTAX_UID);
  let transferSyntaxUID = tsElement && tsElement.value.kind === 'bytes' ? asciiValue(tsElement.value.bytes) : '';
  let transferSyntaxInferred = false;
  if (!transferSyntaxUID) {
    transferSyntaxUID = await inferTransferSyntax(cursor, pos);
    transferSyntaxInferred = true;
    parser.warn(msg('read-ts-inferred', { uid: transferSyntaxUID }));
  }
  const ts = transferSyntaxInfo(transferSyntaxUID);
  if (!ts.known) parser.warn(msg('read-ts-unknown', { uid: transferSyntaxUID }));
  let encoding: Encoding = { explicitVR: ts.explicitVR, littleEndian: ts.littleEndian };

  let dataSource: ByteSource = source;
  let dataParser = parser;
  if (ts.deflated) {
    const compressed = await source.read(pos, size - pos);
    let inflated: Uint8Array;
    try {
      inflated = inflateSync(compressed);
    } catch (err) {
      throw new DicomParseError(msg('parse-deflate-failed', { offset: pos, detail: errorDetail(err) }), pos);
    }
    dataSource = new MemorySource(inflated, source.name);
    dataParser = new ElementParser(new Cursor(dataSource), limits);
    dataParser.warnings.push(...parser.warnings);
    pos = 0;
  }
  if (pos >= dataSource.size) throw new DicomParseError(msg('parse-meta-no-dataset', { offset: pos }), pos);
  const r = await dataParser.parseItemBody(pos, dataSource.size, encoding, 0, true);
  encoding = r.enc;
  if (r.item.elements.length === 0) throw new DicomParseError(msg('parse-dataset-empty', { offset: pos }), pos);
  return {
    source: dataSource, hadPreamble, meta, transferSyntaxUID, transferSyntaxInferred, encoding,
    dataset: r.item, warnings: dataParser.warnings,
  };
}

function isDicm(c: Cursor, pos: number): boolean {
  return c.u8(pos) === 0x44 && c.u8(pos + 1) === 0x49 && c.u8(pos + 2) === 0x43 && c.u8(pos + 3) === 0x4d;
}

/** End of group 0002, found by scanning while the group is 0002: (0002,0000) is never trusted. */
async function findMetaEnd(c: Cursor, pos: number, enc: Encoding): Promise<number> {
  let p = pos;
  for (;;) {
    if (p + 8 > c.size) return p;
    await c.ensure(p, 8, 'part-file-meta-element');
    if (c.u16(p, true) !== 0x0002) return p;
    let len: number;
    let hdr = 8;
    if (enc.explicitVR) {
      const vr = c.chars2(p + 4);
      if (vr === 'OB' || vr === 'OW' || vr === 'UN' || vr === 'UT' || vr === 'SQ' || vr === 'UC' || vr === 'UR') {
        await c.ensure(p, 12, 'part-file-meta-element');
        len = c.u32(p + 8, true);
        hdr = 12;
      } else len = c.u16(p + 6, true);
    } else len = c.u32(p + 4, true);
    if (len === 0xffffffff || p + hdr + len > c.size) {
      throw new DicomParseError(msg('parse-meta-element-past-file', { offset: p, len }), p);
    }
    p += hdr + len;
  }
}

async function looksLikeDataSet(c: Cursor): Promise<boolean> {
  await c.ensure(0, 8, 'part-first-element');
  const gLE = c.u16(0, true);
  const gBE = c.u16(0, false);
  const plausibleGroup = (g: number) => g === 0x0008 || g === 0x0002 || g === 0x0010 || g === 0x0018 || g === 0x0020 || g === 0x0028;
  return plausibleGroup(gLE) || plausibleGroup(gBE);
}

/** No (0002,0010): look at the first data set element to tell implicit LE, explicit LE and explicit BE apart. */
async function inferTransferSyntax(c: Cursor, pos: number): Promise<string> {
  await c.ensure(pos, 8, 'part-first-data-set-element');
  const explicit = isValidVr(c.chars2(pos + 4));
  if (!explicit) return IMPLICIT_VR_LE;
  const gLE = c.u16(pos, true);
  const gBE = c.u16(pos, false);
  return gBE < gLE ? EXPLICIT_VR_BE : EXPLICIT_VR_LE;
}
