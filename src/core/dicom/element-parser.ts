// Parses data set elements, sequences, items and encapsulated fragments from a Cursor
// (PS3.5 §7.1 element encoding, §7.5 nesting, A.4 encapsulation). Values up to the bulk
// threshold are copied; larger ones and all fragments stay byte ranges of the source.
// Every loop advances by at least 8 bytes and nesting is capped, so work is bounded by size.
// Defects other readers (pydicom) read past are read past here too, with a warning: invalid VR
// bytes (element-header.ts), item tags outside any sequence, private values that are not sequences.

import type { Element, Encoding, Item } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { DicomParseError, type ReadPart } from './parse-error.ts';
import { isBlankVr, isPlausibleImplicit, knownVrForUn } from './header-heuristics.ts';
import { readElementHeader } from './element-header.ts';
import { parseFragments } from './fragments.ts';
import { findSequenceDelimiter, isZeroPadding } from './byte-scan.ts';
import { strayItemTagSkipped, valueNotASequence } from './read-warnings.ts';
import { msg, type Message } from '../messages/message.ts';
import { lookupTag } from './dictionary.ts';
import { isValidVr } from './vr.ts';
import {
  ITEM, ITEM_DELIMITER, PIXEL_DATA, SEQUENCE_DELIMITER, formatTag, isPrivateCreator, isPrivateTag, tag, type Tag,
} from './tag.ts';

export const IMPLICIT_LE: Encoding = { explicitVR: false, littleEndian: true };
const UNDEFINED = 0xffffffff;

export interface ParseLimits {
  bulkThreshold: number;
  maxDepth: number;
}

const MAX_WARNINGS = 50;


export class ElementParser {
  readonly warnings: Message[] = [];
  private suppressed = 0;

  /** Record a warning; a broken file can repeat one defect many thousand times, so keep the first 50. */
  warn(message: Message): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (++this.suppressed === 1) this.warnings.push(msg('read-warnings-suppressed'));
  }

  constructor(
    private readonly c: Cursor,
    private readonly limits: ParseLimits,
  ) {}

  private async readTag(pos: number, le: boolean, what: ReadPart): Promise<Tag> {
    await this.c.ensure(pos, 4, what);
    return tag(this.c.u16(pos, le), this.c.u16(pos + 2, le));
  }

  /**
   * Parse elements from pos until `end` (defined length) or an item delimiter (undefined length item).
   * `topLevel` data sets end at `end` and may switch from explicit to implicit VR at their first element.
   */
  async parseItemBody(
    pos: number, end: number | undefined, enc: Encoding, depth: number, topLevel = false,
  ): Promise<{ item: Item; pos: number; enc: Encoding }> {
    if (depth > this.limits.maxDepth) {
      throw new DicomParseError(msg('parse-too-deep', { max: this.limits.maxDepth, offset: pos }), pos);
    }
    const item: Item = { elements: [], undefinedLength: end === undefined, offset: pos };
    let first = true;
    let lastTag = -1;
    for (;;) {
      if (end !== undefined && pos >= end) break;
      if (end === undefined && pos >= this.c.size) {
        throw new DicomParseError(msg('parse-item-no-delimiter', { offset: item.offset }), pos);
      }
      const limit = end ?? this.c.size;
      if (limit - pos < 8) {
        if (topLevel) {
          this.warn(msg('read-trailing-bytes', { n: limit - pos, offset: pos }));
          pos = limit;
          break;
        }
        throw new DicomParseError(msg('parse-header-past-item', { offset: pos }), pos);
      }
      const t = await this.readTag(pos, enc.littleEndian, 'part-element-tag');
      if (t === 0 && topLevel && (await isZeroPadding(this.c.source, pos, limit))) {
        // Some writers pad files with zeros after the data set; it is not an element.
        this.warn(msg('read-trailing-zeros', { n: limit - pos, offset: pos }));
        pos = limit;
        break;
      }
      if (topLevel && (t === ITEM || t === ITEM_DELIMITER || t === SEQUENCE_DELIMITER)) {
        pos = await this.skipStrayItemTag(pos, t, limit, enc, depth);
        continue;
      }
      if (t === ITEM_DELIMITER) {
        if (end === undefined) return { item, pos: pos + 8, enc };
        // A delimiter inside a defined-length item is redundant; skip it.
        this.warn(msg('read-redundant-item-delimiter', { offset: pos }));
        pos += 8;
        continue;
      }
      if (t === SEQUENCE_DELIMITER) throw new DicomParseError(msg('parse-stray-sequence-delimiter', { offset: pos }), pos, t);
      if (t === ITEM) throw new DicomParseError(msg('parse-stray-item-tag', { offset: pos }), pos, t);
      if (first && enc.explicitVR) {
        // Data sets (or items) that are implicit VR although the transfer syntax says explicit
        // (a common writer bug). Their elements are re-encoded in the file's syntax on output.
        await this.c.ensure(pos, 8, 'part-element-vr');
        if (!isValidVr(this.c.chars2(pos + 4)) && !isBlankVr(this.c, pos) && isPlausibleImplicit(this.c, pos, enc.littleEndian)) {
          this.warn(topLevel ? msg('read-dataset-implicit') : msg('read-item-implicit', { offset: pos }));
          enc = IMPLICIT_LE;
        }
      }
      first = false;
      if (t <= lastTag) {
        this.warn(msg('read-out-of-order', { element: formatTag(t), offset: pos }));
      }
      lastTag = t;
      const { element, next } = await this.parseElement(pos, t, enc, depth, limit);
      item.elements.push(element);
      pos = next;
    }
    if (item.elements.some((e, i) => i > 0 && e.tag <= item.elements[i - 1].tag)) {
      item.elements.sort((a, b) => a.tag - b.tag);
      item.elements = item.elements.filter((e, i, a) => i === 0 || e.tag !== a[i - 1].tag);
    }
    return { item, pos, enc };
  }

  /**
   * Skip an item, item delimiter or sequence delimiter found at the top level (PS3.5 §7.5 allows
   * them only inside sequences): delimiters are 8 bytes, an item its header and content. The
   * skipped bytes are never written; the data set goes on after them.
   */
  private async skipStrayItemTag(pos: number, t: Tag, limit: number, enc: Encoding, depth: number): Promise<number> {
    await this.c.ensure(pos, 8, 'part-item-length');
    const len = this.c.u32(pos + 4, enc.littleEndian);
    let next = pos + 8;
    if (t === ITEM && len === UNDEFINED) next = (await this.parseItemBody(pos + 8, undefined, enc, depth + 1)).pos;
    else if (t === ITEM) next += len;
    if (next > limit) throw new DicomParseError(msg('parse-stray-item-past-file', { offset: pos, len }), pos, t);
    this.warn(strayItemTagSkipped({ tag: t, offset: pos, bytes: next - pos }));
    return next;
  }

  private async parseElement(
    pos: number, t: Tag, enc: Encoding, depth: number, limit: number,
  ): Promise<{ element: Element; next: number }> {
    const c = this.c;
    const { vr, len, hdr, warning } = await readElementHeader(c, pos, t, enc);
    if (warning) this.warn(warning);
    const at = pos + hdr;
    try {
      if (len === UNDEFINED) return await this.parseUndefined(pos, at, t, vr, enc, depth);
      if (at + len > limit) {
        throw new DicomParseError(msg(limit === c.size ? 'parse-value-past-file' : 'parse-value-past-item', { len, remain: Math.max(0, limit - at) }), at);
      }
      const element: Element = { tag: t, vr, value: { kind: 'bytes', bytes: new Uint8Array(0) }, undefinedLength: false, offset: pos };
      if (vr === 'SQ' && isPrivateTag(t)) {
        // A private sequence that does not parse is opaque bytes, as pydicom keeps it.
        const items = (await this.attempt(() => this.parseItems(at, at + len, enc, depth))).value?.items;
        if (items) element.value = { kind: 'sequence', items };
        else {
          this.warn(valueNotASequence({ tag: t, offset: pos }));
          element.vr = 'UN';
          element.value = await this.valueOf(at, len);
        }
      } else if (vr === 'SQ') {
        element.value = { kind: 'sequence', items: (await this.parseItems(at, at + len, enc, depth)).items };
      } else if (vr === 'UN' && len > 0 && lookupTag(t)?.vr === 'SQ') {
        // PS3.5 §6.2.2: a UN whose dictionary VR is SQ holds an implicit VR LE sequence.
        const items = await this.tryParseItems(at, at + len, depth);
        if (items) {
          // Little endian: relabelled SQ, its content is then valid in the data set's encoding. Big
          // endian: stays UN with its items marked implicit VR LE, so LE binary values stay LE.
          if (enc.littleEndian) element.vr = 'SQ';
          else for (const it of items) it.encoding = IMPLICIT_LE;
          element.value = { kind: 'sequence', items };
        } else element.value = await this.valueOf(at, len);
      } else {
        element.value = await this.valueOf(at, len);
        if (vr === 'UN' && !isPrivateTag(t)) element.vr = knownVrForUn(t, enc, len);
        // A private creator is always LO (PS3.5 §7.8.1), as read in implicit VR: a UN one would hide its block.
        else if (vr === 'UN' && isPrivateCreator(t)) element.vr = 'LO';
      }
      return { element, next: at + len };
    } catch (err) {
      throw DicomParseError.inElement(err, t, pos);
    }
  }

  private async valueOf(at: number, len: number): Promise<Element['value']> {
    if (len > this.limits.bulkThreshold) return { kind: 'bulk', range: { offset: at, length: len } };
    await this.c.ensure(at, len, 'part-element-value');
    return { kind: 'bytes', bytes: this.c.copy(at, len) };
  }

  private async parseUndefined(
    pos: number, at: number, t: Tag, vr: string, enc: Encoding, depth: number,
  ): Promise<{ element: Element; next: number }> {
    if (t === PIXEL_DATA || vr === 'OB' || vr === 'OW') {
      const { fragments, next } = await parseFragments(this.c, at, enc);
      return { element: { tag: t, vr: enc.explicitVR ? vr : 'OB', value: { kind: 'fragments', fragments }, undefinedLength: true, offset: pos }, next };
    }
    if (vr === 'SQ' || vr === 'UN') {
      // UN with undefined length is an implicit VR LE sequence (PS3.5 §6.2.2); so is an
      // unknown (private) element with undefined length in an implicit VR data set.
      const itemEnc = vr === 'UN' ? IMPLICIT_LE : enc;
      const parse = () => this.parseItems(at, undefined, itemEnc, depth);
      // Only a private value falls back to opaque bytes; any other failure is the file's error.
      const attempt = isPrivateTag(t) ? await this.attempt(parse) : { value: await parse() };
      if (!attempt.value) {
        const opaque = await this.opaqueUntilSequenceDelimiter(pos, at, t);
        if (opaque) return opaque;
        throw attempt.error;
      }
      const { items, next } = attempt.value;
      if (vr === 'UN' && enc.explicitVR) for (const it of items) it.encoding = IMPLICIT_LE;
      return { element: { tag: t, vr: enc.explicitVR ? vr : 'SQ', value: { kind: 'sequence', items }, undefinedLength: true, offset: pos }, next };
    }
    throw new DicomParseError(msg('parse-undefined-length-vr', { vr }), pos, t);
  }

  /** Items of a sequence: those in [pos, end) (defined length) or up to its sequence delimiter. */
  async parseItems(pos: number, end: number | undefined, enc: Encoding, depth: number): Promise<{ items: Item[]; next: number }> {
    const items: Item[] = [];
    const limit = end ?? this.c.size;
    for (;;) {
      if (end !== undefined && pos >= end) return { items, next: pos };
      if (limit - pos < 8) {
        throw new DicomParseError(end === undefined
          ? msg('parse-sequence-no-delimiter', { offset: pos })
          : msg('parse-sequence-stray-bytes', { n: end - pos, offset: pos }), pos);
      }
      const t = await this.readTag(pos, enc.littleEndian, 'part-item-tag');
      await this.c.ensure(pos, 8, 'part-item-length');
      const len = this.c.u32(pos + 4, enc.littleEndian);
      if (t === SEQUENCE_DELIMITER) {
        if (end === undefined) return { items, next: pos + 8 };
        pos += 8;
        continue;
      }
      if (t !== ITEM) {
        throw new DicomParseError(msg(end === undefined ? 'parse-expected-item-or-delimiter' : 'parse-expected-item', { offset: pos, found: formatTag(t) }), pos);
      }
      if (len === UNDEFINED) {
        const r = await this.parseItemBody(pos + 8, undefined, enc, depth + 1);
        items.push({ ...r.item, offset: pos });
        pos = r.pos;
        continue;
      }
      if (pos + 8 + len > limit) {
        throw new DicomParseError(end === undefined
          ? msg('parse-item-past-file', { offset: pos, len, size: this.c.size })
          : msg('parse-item-past-sequence', { offset: pos, len }), pos);
      }
      const r = await this.parseItemBody(pos + 8, pos + 8 + len, enc, depth + 1);
      items.push({ ...r.item, undefinedLength: false, offset: pos });
      pos += 8 + len;
    }
  }

  /** The result of parse, or the error it threw (and no warnings from the attempt). */
  private async attempt<R>(parse: () => Promise<R>): Promise<{ value?: R; error?: unknown }> {
    const w = this.warnings.length;
    const suppressed = this.suppressed;
    try {
      return { value: await parse() };
    } catch (error) {
      this.warnings.length = w;
      this.suppressed = suppressed;
      return { error };
    }
  }

  /**
   * An undefined length value that is not a sequence of items: its bytes up to the first sequence
   * delimiter, kept as an opaque UN value (pydicom's read_undefined_length_value); undefined when
   * there is no delimiter before the end of the file.
   */
  private async opaqueUntilSequenceDelimiter(pos: number, at: number, t: Tag): Promise<{ element: Element; next: number } | undefined> {
    const delimiter = await findSequenceDelimiter(this.c.source, at);
    if (delimiter === undefined) return undefined;
    this.warn(valueNotASequence({ tag: t, offset: pos }));
    const value = await this.valueOf(at, delimiter - at);
    return { element: { tag: t, vr: 'UN', value, undefinedLength: false, offset: pos }, next: delimiter + 8 };
  }

  private async tryParseItems(pos: number, end: number, depth: number): Promise<Item[] | undefined> {
    if (end - pos < 8) return undefined;
    await this.c.ensure(pos, 4, 'part-item-tag');
    if (tag(this.c.u16(pos, true), this.c.u16(pos + 2, true)) !== ITEM) return undefined;
    const w = this.warnings.length;
    const r = await this.attempt(() => this.parseItems(pos, end, IMPLICIT_LE, depth));
    this.warnings.length = w;
    return r.value?.items;
  }
}
