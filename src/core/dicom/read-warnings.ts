// The warnings the reader gives when it reads past a defect instead of refusing the file (PS3.5
// §7.1 element encoding, §7.5 nesting, PS3.10 §7.1 preamble). One function per warning, each a
// {code, params} message (texts in src/i18n/locales/<lng>/codes.json).

import { msg, type Message } from '../messages/message.ts';
import { formatTag, type Tag } from './tag.ts';

/** Explicit VR element whose two VR bytes are not a VR: read with its dictionary VR (as pydicom does). */
export function invalidVrRead(p: { tag: Tag; offset: number; bytes: string; vr: string; lengthBytes: 2 | 4 }): Message {
  return msg('invalid-vr-read', { tag: formatTag(p.tag), offset: p.offset, bytes: p.bytes, vr: p.vr, lengthBytes: p.lengthBytes });
}

/** An item, item delimiter or sequence delimiter tag at the top level of the data set, outside any sequence. */
export function strayItemTagSkipped(p: { tag: Tag; offset: number; bytes: number }): Message {
  return msg('stray-item-tag-skipped', { tag: formatTag(p.tag), offset: p.offset, bytes: p.bytes });
}

/** A private or UN value that is not a well-formed sequence: kept as opaque bytes (as pydicom keeps it). */
export function valueNotASequence(p: { tag: Tag; offset: number }): Message {
  return msg('value-not-a-sequence', { tag: formatTag(p.tag), offset: p.offset });
}

/** "DICM" at offset 128 is part of a data set that starts at offset 0, not a Part 10 prefix. */
export function dicmInsideData(): Message {
  return msg('dicm-inside-data');
}
