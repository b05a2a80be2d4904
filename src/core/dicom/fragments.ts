// Encapsulated pixel data (PS3.5 A.4): the items of an undefined length Pixel Data value, each a
// byte range of the source, up to the sequence delimiter. Fragments are never copied.

import type { ByteRange, Encoding } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { DicomParseError } from './parse-error.ts';
import { msg } from '../messages/message.ts';
import { ITEM, SEQUENCE_DELIMITER, formatTag, tag } from './tag.ts';

const UNDEFINED = 0xffffffff;

export async function parseFragments(c: Cursor, pos: number, enc: Encoding): Promise<{ fragments: ByteRange[]; next: number }> {
  const fragments: ByteRange[] = [];
  for (;;) {
    await c.ensure(pos, 8, 'part-pixel-data-item-tag');
    const t = tag(c.u16(pos, enc.littleEndian), c.u16(pos + 2, enc.littleEndian));
    const len = c.u32(pos + 4, enc.littleEndian);
    if (t === SEQUENCE_DELIMITER) return { fragments, next: pos + 8 };
    if (t !== ITEM) throw new DicomParseError(msg('parse-expected-pixel-item', { offset: pos, found: formatTag(t) }), pos);
    if (len === UNDEFINED) throw new DicomParseError(msg('parse-fragment-undefined-length', { offset: pos }), pos);
    if (pos + 8 + len > c.size) {
      throw new DicomParseError(msg('parse-fragment-past-file', { offset: pos, len, size: c.size }), pos);
    }
    fragments.push({ offset: pos + 8, length: len });
    pos += 8 + len;
  }
}
