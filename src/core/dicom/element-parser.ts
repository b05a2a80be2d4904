// Parses data set elements, sequences, items and encapsulated fragments from a Cursor
// (PS3.5 §7.1 element encoding, §7.5 nesting, A.4 encapsulation). Values up to the bulk
// threshold are copied; larger ones and all fragments stay byte ranges of the source.
// Every loop advances by at least 8 bytes and nesting is capped, so work is bounded by size.

import type { Element, Encoding, Item, ByteRange } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { DicomParseError } from './parse-error.ts';
import { isBlankVr, isPlausibleImplicit, knownVrForUn } from './header-heuristics.ts';
import { implicitVr, lookupTag } from './dictionary.ts';
import { LONG_LENGTH_VRS, isValidVr } from './vr.ts';
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
  readonly warnings: string[] = [];
  private suppressed = 0;

  /** Record a warning; a broken file can repeat one defect many thousand times, so keep the first 50. */
  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    else if (++this.suppressed === 1) this.warnings.push('… further warnings suppressed');
  }

  /** True when every byte from pos to limit is zero (read in slices; bounded by the file size). */
  private async isZeroPadding(pos: number, limit: number): Promise<boolean> {
    for (let p = pos; p < limit; ) {
      const n = Math.min(64 * 1024, limit - p);
      const chunk = await this.c.source.read(p, n);
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) return false;
      p += n;
    }
    return true;
  }
  constructor(
    private readonly c: Cursor,
    private readonly limits: ParseLimits,
  ) {}

  private async readTag(pos: number, le: boolean, what: string): Promise<Tag> {
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
      throw new DicomParseError(`sequences nested deeper than ${this.limits.maxDepth} levels at offset ${pos}`, pos);
    }
    const item: Item = { elements: [], undefinedLength: end === undefined, offset: pos };
    let first = true;
    let lastTag = -1;
    for (;;) {
      if (end !== undefined && pos >= end) break;
      if (end === undefined && pos >= this.c.size) {
        throw new DicomParseError(`item starting at offset ${item.offset} has no item delimiter before the end of the file (truncated)`, pos);
      }
      const limit = end ?? this.c.size;
      if (limit - pos < 8) {
        if (topLevel) {
          this.warn(`${limit - pos} trailing byte(s) at offset ${pos} ignored`);
          pos = limit;
          break;
        }
        throw new DicomParseError(`element header at offset ${pos} runs past the end of its item (truncated)`, pos);
      }
      const t = await this.readTag(pos, enc.littleEndian, 'element tag');
      if (t === 0 && topLevel && (await this.isZeroPadding(pos, limit))) {
        // Some writers pad files with zeros after the data set; it is not an element.
        this.warn(`${limit - pos} trailing zero bytes after the data set (offset ${pos}) ignored`);
        pos = limit;
        break;
      }
      if (t === ITEM_DELIMITER) {
        if (end === undefined) return { item, pos: pos + 8, enc };
        if (topLevel) throw new DicomParseError(`item delimiter (FFFE,E00D) outside any item at offset ${pos}`, pos, t);
        // A delimiter inside a defined-length item is redundant; skip it.
        this.warn(`redundant item delimiter at offset ${pos}`);
        pos += 8;
        continue;
      }
      if (t === SEQUENCE_DELIMITER) {
        if (topLevel && pos + 8 >= limit) {
          this.warn(`stray sequence delimiter at the end of the data set (offset ${pos}) ignored`);
          pos = limit;
          break;
        }
        throw new DicomParseError(`sequence delimiter (FFFE,E0DD) outside a sequence at offset ${pos}`, pos, t);
      }
      if (t === ITEM) throw new DicomParseError(`item tag (FFFE,E000) outside a sequence at offset ${pos}`, pos, t);
      if (first && enc.explicitVR) {
        // Data sets (or items) that are implicit VR although the transfer syntax says explicit
        // (a common writer bug). Their elements are re-encoded in the file's syntax on output.
        await this.c.ensure(pos, 8, 'element VR');
        if (!isValidVr(this.c.chars2(pos + 4)) && !isBlankVr(this.c, pos) && isPlausibleImplicit(this.c, pos, enc.littleEndian)) {
          this.warn(`${topLevel ? 'data set' : `item at offset ${pos}`} is implicit VR although the transfer syntax says explicit VR; read as implicit VR`);
          enc = IMPLICIT_LE;
        }
      }
      first = false;
      if (t <= lastTag) {
        this.warn(`element ${formatTag(t)} at offset ${pos} is out of ascending tag order`);
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

  private async parseElement(
    pos: number, t: Tag, enc: Encoding, depth: number, limit: number,
  ): Promise<{ element: Element; next: number }> {
    const c = this.c;
    let vr: string;
    let len = 0;
    let hdr = 8;
    if (enc.explicitVR) {
      await c.ensure(pos, 8, 'element header');
      vr = c.chars2(pos + 4);
      if (isBlankVr(c, pos)) {
        // Blank VR bytes (00 00 or two spaces): read as a 2-byte length, as DCMTK does.
        this.warn(`element ${formatTag(t)} at offset ${pos} has a blank VR; assumed a 2-byte length`);
        vr = isPrivateCreator(t) ? 'LO' : isPrivateTag(t) ? 'UN' : implicitVr(t);
        len = c.u16(pos + 6, enc.littleEndian);
        hdr = 8;
      } else if (!isValidVr(vr)) {
        const shown = [c.u8(pos + 4), c.u8(pos + 5)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
        throw new DicomParseError(`element ${formatTag(t)} at offset ${pos}: invalid VR bytes ${shown}`, pos, t);
      }
      else if (LONG_LENGTH_VRS.has(vr)) {
        await c.ensure(pos, 12, 'element header');
        len = c.u32(pos + 8, enc.littleEndian);
        hdr = 12;
      } else {
        len = c.u16(pos + 6, enc.littleEndian);
        hdr = 8;
      }
    } else {
      await c.ensure(pos, 8, 'element header');
      len = c.u32(pos + 4, enc.littleEndian);
      hdr = 8;
      vr = isPrivateCreator(t) ? 'LO' : isPrivateTag(t) ? 'UN' : implicitVr(t);
    }
    const at = pos + hdr;
    try {
      if (len === UNDEFINED) return await this.parseUndefined(pos, at, t, vr, enc, depth);
      if (at + len > limit) {
        throw new DicomParseError(
          `declares a value length of ${len} bytes but only ${Math.max(0, limit - at)} remain in its ${limit === c.size ? 'file' : 'item'} (truncated or corrupt length)`,
          at,
        );
      }
      const element: Element = { tag: t, vr, value: { kind: 'bytes', bytes: new Uint8Array(0) }, undefinedLength: false, offset: pos };
      if (vr === 'SQ') {
        element.value = { kind: 'sequence', items: await this.parseItems(at, at + len, enc, depth) };
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
    await this.c.ensure(at, len, 'element value');
    return { kind: 'bytes', bytes: this.c.copy(at, len) };
  }

  private async parseUndefined(
    pos: number, at: number, t: Tag, vr: string, enc: Encoding, depth: number,
  ): Promise<{ element: Element; next: number }> {
    if (t === PIXEL_DATA || vr === 'OB' || vr === 'OW') {
      const { fragments, next } = await this.parseFragments(at, enc);
      return { element: { tag: t, vr: enc.explicitVR ? vr : 'OB', value: { kind: 'fragments', fragments }, undefinedLength: true, offset: pos }, next };
    }
    if (vr === 'SQ' || vr === 'UN') {
      // UN with undefined length is an implicit VR LE sequence (PS3.5 §6.2.2); so is an
      // unknown (private) element with undefined length in an implicit VR data set.
      const itemEnc = vr === 'UN' ? IMPLICIT_LE : enc;
      const { items, next } = await this.parseUndefinedItems(at, itemEnc, depth);
      if (vr === 'UN' && enc.explicitVR) for (const it of items) it.encoding = IMPLICIT_LE;
      return { element: { tag: t, vr: enc.explicitVR ? vr : 'SQ', value: { kind: 'sequence', items }, undefinedLength: true, offset: pos }, next };
    }
    throw new DicomParseError(`undefined length is not allowed for VR ${vr}`, pos, t);
  }

  private async parseFragments(pos: number, enc: Encoding): Promise<{ fragments: ByteRange[]; next: number }> {
    const fragments: ByteRange[] = [];
    for (;;) {
      const t = await this.readTag(pos, enc.littleEndian, 'pixel data item tag');
      await this.c.ensure(pos, 8, 'pixel data item length');
      const len = this.c.u32(pos + 4, enc.littleEndian);
      if (t === SEQUENCE_DELIMITER) return { fragments, next: pos + 8 };
      if (t !== ITEM) throw new DicomParseError(`expected a pixel data item (FFFE,E000) at offset ${pos}, found ${formatTag(t)}`, pos);
      if (len === UNDEFINED) throw new DicomParseError(`pixel data fragment at offset ${pos} has undefined length`, pos);
      if (pos + 8 + len > this.c.size) {
        throw new DicomParseError(`pixel data fragment at offset ${pos} declares ${len} bytes but the file ends at ${this.c.size} (truncated)`, pos);
      }
      fragments.push({ offset: pos + 8, length: len });
      pos += 8 + len;
    }
  }

  /** Items of a defined-length sequence occupying [pos, end). */
  async parseItems(pos: number, end: number, enc: Encoding, depth: number): Promise<Item[]> {
    const items: Item[] = [];
    while (pos < end) {
      if (end - pos < 8) throw new DicomParseError(`sequence ends with ${end - pos} stray byte(s) at offset ${pos}`, pos);
      const t = await this.readTag(pos, enc.littleEndian, 'item tag');
      await this.c.ensure(pos, 8, 'item length');
      const len = this.c.u32(pos + 4, enc.littleEndian);
      if (t === SEQUENCE_DELIMITER) {
        pos += 8;
        continue;
      }
      if (t !== ITEM) throw new DicomParseError(`expected an item (FFFE,E000) at offset ${pos}, found ${formatTag(t)}`, pos);
      if (len === UNDEFINED) {
        const r = await this.parseItemBody(pos + 8, undefined, enc, depth + 1);
        items.push({ ...r.item, offset: pos });
        pos = r.pos;
      } else {
        if (pos + 8 + len > end) throw new DicomParseError(`item at offset ${pos} declares ${len} bytes, past the end of its sequence`, pos);
        const r = await this.parseItemBody(pos + 8, pos + 8 + len, enc, depth + 1);
        items.push({ ...r.item, undefinedLength: false, offset: pos });
        pos = pos + 8 + len;
      }
    }
    return items;
  }

  private async parseUndefinedItems(pos: number, enc: Encoding, depth: number): Promise<{ items: Item[]; next: number }> {
    const items: Item[] = [];
    for (;;) {
      if (pos + 8 > this.c.size) {
        throw new DicomParseError(`sequence has no sequence delimiter before the end of the file (truncated) at offset ${pos}`, pos);
      }
      const t = await this.readTag(pos, enc.littleEndian, 'item tag');
      await this.c.ensure(pos, 8, 'item length');
      const len = this.c.u32(pos + 4, enc.littleEndian);
      if (t === SEQUENCE_DELIMITER) return { items, next: pos + 8 };
      if (t !== ITEM) throw new DicomParseError(`expected an item (FFFE,E000) or sequence delimiter at offset ${pos}, found ${formatTag(t)}`, pos);
      if (len === UNDEFINED) {
        const r = await this.parseItemBody(pos + 8, undefined, enc, depth + 1);
        items.push({ ...r.item, offset: pos });
        pos = r.pos;
      } else {
        if (pos + 8 + len > this.c.size) throw new DicomParseError(`item at offset ${pos} declares ${len} bytes but the file ends at ${this.c.size} (truncated)`, pos);
        const r = await this.parseItemBody(pos + 8, pos + 8 + len, enc, depth + 1);
        items.push({ ...r.item, undefinedLength: false, offset: pos });
        pos += 8 + len;
      }
    }
  }

  private async tryParseItems(pos: number, end: number, depth: number): Promise<Item[] | undefined> {
    try {
      await this.c.ensure(pos, 4, 'item tag');
      if (tag(this.c.u16(pos, true), this.c.u16(pos + 2, true)) !== ITEM) return undefined;
      const w = this.warnings.length;
      const items = await this.parseItems(pos, end, IMPLICIT_LE, depth);
      this.warnings.length = w;
      return items;
    } catch {
      return undefined;
    }
  }
}
