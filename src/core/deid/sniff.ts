// Tells DICOM from everything else before a full parse, so a folder's README.txt or JPEG is
// listed as skipped (not an error) and a DICOMDIR (PS3.10 §8, Media Storage SOP Class
// 1.2.840.10008.1.3.10) is recognised: it names original files and patients, and is not copied.

import type { ByteSource } from '../io/byte-source.ts';
import { isValidVr } from '../dicom/vr.ts';
import { msg, type Message } from '../messages/message.ts';

export const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

export type Sniff =
  | { kind: 'dicom' }
  | { kind: 'dicomdir'; reason: Message }
  | { kind: 'not-dicom'; reason: Message };

const DIRECTORY_CLASS = Uint8Array.from(MEDIA_STORAGE_DIRECTORY, (c) => c.charCodeAt(0));

/**
 * Whether the bytes after "DICM" hold the Media Storage Directory class UID: padded (NUL or
 * space) anywhere, or not followed by a digit within the first 200 bytes (where the file meta's
 * Media Storage SOP Class UID sits). Searched in the bytes, without building a string.
 */
function namesDirectoryClass(b: Uint8Array): boolean {
  const n = DIRECTORY_CLASS.length;
  for (let at = b.indexOf(DIRECTORY_CLASS[0]); at >= 0 && at + n <= b.length; at = b.indexOf(DIRECTORY_CLASS[0], at + 1)) {
    let i = 1;
    while (i < n && b[at + i] === DIRECTORY_CLASS[i]) i++;
    if (i < n) continue;
    const next = at + n < b.length ? b[at + n] : -1;
    if (next === 0 || next === 0x20) return true;
    if (at + n <= 200 && (at + n === 200 || next < 0x30 || next > 0x39)) return true;
  }
  return false;
}

const PLAUSIBLE_FIRST_GROUPS = new Set([0x0002, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028]);

export async function sniffDicom(source: ByteSource): Promise<Sniff> {
  if (source.size < 8) return { kind: 'not-dicom', reason: msg('not-dicom-short', { count: source.size }) };
  const head = await source.read(0, Math.min(source.size, 1024));
  const hasPrefix = head.length >= 132 && head[128] === 0x44 && head[129] === 0x49 && head[130] === 0x43 && head[131] === 0x4d;
  if (hasPrefix) {
    return namesDirectoryClass(head.subarray(132)) ? { kind: 'dicomdir', reason: msg('dicomdir') } : { kind: 'dicom' };
  }
  // No preamble: a bare data set (or file meta) must start with a plausible element.
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const gLE = v.getUint16(0, true);
  const gBE = v.getUint16(0, false);
  const vr = String.fromCharCode(head[4], head[5]);
  if ((PLAUSIBLE_FIRST_GROUPS.has(gLE) || PLAUSIBLE_FIRST_GROUPS.has(gBE)) && (isValidVr(vr) || v.getUint32(4, true) < source.size)) {
    return { kind: 'dicom' };
  }
  return { kind: 'not-dicom', reason: msg('not-dicom') };
}
