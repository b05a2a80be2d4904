// Reads one element header (PS3.5 §7.1.1 explicit VR with 2- or 4-byte lengths, §7.1.2 implicit
// VR): its VR, value length and header size. Headers other readers read past are read here too,
// with a warning: blank VR bytes (a 2-byte length, as DCMTK reads them) and invalid VR bytes (the
// dictionary VR and the length field pydicom reads).

import type { Encoding } from './dataset.ts';
import type { Cursor } from './cursor.ts';
import { invalidVrLengthBytes, isBlankVr } from './header-heuristics.ts';
import { invalidVrRead } from './read-warnings.ts';
import { msg, type Message } from '../messages/message.ts';
import { implicitVr } from './dictionary.ts';
import { LONG_LENGTH_VRS, isValidVr } from './vr.ts';
import { formatTag, isPrivateCreator, isPrivateTag, type Tag } from './tag.ts';

/** The VR a header without one implies: the dictionary's, LO for private creators, UN for private data. */
export const dictionaryVr = (t: Tag): string => (isPrivateCreator(t) ? 'LO' : isPrivateTag(t) ? 'UN' : implicitVr(t));

export interface ElementHeader {
  vr: string;
  /** The value length as declared (0xFFFFFFFF for undefined length). */
  len: number;
  /** Bytes of the header: 8, or 12 for explicit VRs with a 4-byte length. */
  hdr: number;
  warning?: Message;
}

/** The header of the element with tag t at pos. */
export async function readElementHeader(c: Cursor, pos: number, t: Tag, enc: Encoding): Promise<ElementHeader> {
  await c.ensure(pos, 8, 'part-element-header');
  if (!enc.explicitVR) return { vr: dictionaryVr(t), len: c.u32(pos + 4, enc.littleEndian), hdr: 8 };
  const vr = c.chars2(pos + 4);
  if (isBlankVr(c, pos)) {
    const warning = msg('read-blank-vr', { element: formatTag(t), offset: pos });
    return { vr: dictionaryVr(t), len: c.u16(pos + 6, enc.littleEndian), hdr: 8, warning };
  }
  if (!isValidVr(vr)) {
    const shown = [c.u8(pos + 4), c.u8(pos + 5)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const lengthBytes = invalidVrLengthBytes(c, pos);
    const read = dictionaryVr(t);
    const len = lengthBytes === 2 ? c.u16(pos + 6, enc.littleEndian) : c.u32(pos + 4, enc.littleEndian);
    return { vr: read, len, hdr: 8, warning: invalidVrRead({ tag: t, offset: pos, bytes: shown, vr: read, lengthBytes }) };
  }
  if (LONG_LENGTH_VRS.has(vr)) {
    await c.ensure(pos, 12, 'part-element-header');
    return { vr, len: c.u32(pos + 8, enc.littleEndian), hdr: 12 };
  }
  return { vr, len: c.u16(pos + 6, enc.littleEndian), hdr: 8 };
}
