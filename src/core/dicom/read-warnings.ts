// The warnings the reader gives when it reads past a defect instead of refusing the file (PS3.5
// §7.1 element encoding, §7.5 nesting, PS3.10 §7.1 preamble). One function per warning, so each
// has one wording and can become a {code, params} message in one place.

import { formatTag, type Tag } from './tag.ts';

/** Explicit VR element whose two VR bytes are not a VR: read with its dictionary VR (as pydicom does). */
export function invalidVrRead(p: { tag: Tag; offset: number; bytes: string; vr: string; lengthBytes: 2 | 4 }): string {
  return `element ${formatTag(p.tag)} at offset ${p.offset} has the invalid VR bytes ${p.bytes}; read as ${p.vr} with a ${p.lengthBytes}-byte length`;
}

/** An item, item delimiter or sequence delimiter tag at the top level of the data set, outside any sequence. */
export function strayItemTagSkipped(p: { tag: Tag; offset: number; bytes: number }): string {
  return `stray ${formatTag(p.tag)} at offset ${p.offset} is outside any sequence; its ${p.bytes} bytes were skipped`;
}

/** A private or UN value that is not a well-formed sequence: kept as opaque bytes (as pydicom keeps it). */
export function valueNotASequence(p: { tag: Tag; offset: number }): string {
  return `element ${formatTag(p.tag)} at offset ${p.offset} does not parse as a sequence; kept as opaque UN bytes`;
}

/** "DICM" at offset 128 is part of a data set that starts at offset 0, not a Part 10 prefix. */
export function dicmInsideData(): string {
  return 'the bytes "DICM" at offset 128 belong to a data set that starts at offset 0; read as a file without preamble';
}
