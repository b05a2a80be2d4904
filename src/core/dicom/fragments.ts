// Encapsulated pixel data (PS3.5 A.4): the items of an undefined length Pixel Data value, each a
// byte range of the source, up to the sequence delimiter. Fragments are never copied.

import type { ByteRange, Encoding } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { DicomParseError } from './parse-error.ts';
import { ITEM, SEQUENCE_DELIMITER, formatTag, tag } from './tag.ts';

const UNDEFINED = 0xffffffff;

export async function parseFragments(c: Cursor, pos: number, enc: Encoding): Promise<{ fragments: ByteRange[]; next: number }> {
  const fragments: ByteRange[] = [];
  for (;;) {
    await c.ensure(pos, 8, 'pixel data item tag');
    const t = tag(c.u16(pos, enc.littleEndian), c.u16(pos + 2, enc.littleEndian));
    const len = c.u32(pos + 4, enc.littleEndian);
    if (t === SEQUENCE_DELIMITER) return { fragments, next: pos + 8 };
    if (t !== ITEM) throw new DicomParseError(`expected a pixel data item (FFFE,E000) at offset ${pos}, found ${formatTag(t)}`, pos);
    if (len === UNDEFINED) throw new DicomParseError(`pixel data fragment at offset ${pos} has undefined length`, pos);
    if (pos + 8 + len > c.size) {
      throw new DicomParseError(`pixel data fragment at offset ${pos} declares ${len} bytes but the file ends at ${c.size} (truncated)`, pos);
    }
    fragments.push({ offset: pos + 8, length: len });
    pos += 8 + len;
  }
}
