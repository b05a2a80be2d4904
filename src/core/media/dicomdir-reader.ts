// Reads a DICOMDIR (PS3.10 §8, Basic Directory IOD of PS3.3 F.2) with the ordinary reader (any
// transfer syntax the reader takes: real media carry implicit VR and big endian ones too), and
// lists its directory records: type, Referenced File ID (0004,1500) as components, and the
// hierarchy the offsets describe (first root record (0004,1200), next record (0004,1400),
// lower-level entity (0004,1420); PS3.3 F.3.2.2: byte offsets from the first byte of the file to
// the record's Item tag). Inactive records (Record In-use Flag (0004,1410) 0000H) are left out.
// When the offsets do not lead to the records (hand-made or damaged media), the records are still
// listed, flat, in sequence order, with a warning: finding the referenced files needs no tree.

import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { ByteSource } from '../io/byte-source.ts';
import { findElement, type Item } from '../dicom/dataset.ts';
import { readPart10 } from '../dicom/reader.ts';
import { tag, type Tag } from '../dicom/tag.ts';
import { asciiValue } from '../dicom/value-text.ts';
import { parseFileIdValue } from './file-id.ts';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from './dicomdir-writer.ts';

export interface DirectoryRecord {
  /** Offset of the record's Item tag in the file. */
  offset: number;
  type: string;
  /** Referenced File ID components, or null for a record that names no file (PATIENT, STUDY…). */
  fileId: string[] | null;
  referencedSopInstanceUID: string;
  /** The record's elements as read. */
  item: Item;
  children: DirectoryRecord[];
}

export interface BasicDirectory {
  fileSetId: string;
  /** Every record in use, in sequence order. */
  records: DirectoryRecord[];
  /** The root directory entity (the hierarchy), or every record when the offsets do not describe one. */
  roots: DirectoryRecord[];
  warnings: Message[];
}

const T = {
  mediaClass: tag(0x0002, 0x0002), fileSetId: tag(0x0004, 0x1130), firstRoot: tag(0x0004, 0x1200), records: tag(0x0004, 0x1220),
  next: tag(0x0004, 0x1400), inUse: tag(0x0004, 0x1410), lower: tag(0x0004, 0x1420), type: tag(0x0004, 0x1430), fileId: tag(0x0004, 0x1500),
  refInstance: tag(0x0004, 0x1511),
};

/** A data set under the name DICOMDIR that is no Basic Directory: callers read it as an ordinary file. */
export class NotADicomdirError extends MessageError {}

export async function readBasicDirectory(source: ByteSource): Promise<BasicDirectory> {
  const file = await readPart10(source, { bulkThreshold: 1 << 30 });
  const le = file.encoding.littleEndian;
  const text = (it: Item, t: Tag) => {
    const el = findElement(it, t);
    return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
  };
  const uint = (it: Item, t: Tag): number | null => {
    const el = findElement(it, t);
    if (!el || el.value.kind !== 'bytes') return null;
    const b = el.value.bytes;
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return b.length >= 4 ? v.getUint32(0, le) : b.length >= 2 ? v.getUint16(0, le) : null;
  };
  const mediaClass = text(file.meta, T.mediaClass);
  const seq = findElement(file.dataset, T.records);
  if (mediaClass !== MEDIA_STORAGE_DIRECTORY_SOP_CLASS && !seq) throw new NotADicomdirError(msg('not-a-dicomdir'));
  const warnings = [...file.warnings];
  const items = seq && seq.value.kind === 'sequence' ? seq.value.items : [];
  if (!seq) warnings.push(msg('dicomdir-no-records'));

  const all = items.map((it): DirectoryRecord & { inUse: boolean } => {
    const fileIdEl = findElement(it, T.fileId);
    const fileIdText = fileIdEl && fileIdEl.value.kind === 'bytes' ? String.fromCharCode(...fileIdEl.value.bytes) : '';
    const fileId = parseFileIdValue(fileIdText.replace(/\0/g, ''));
    return {
      offset: it.offset, type: text(it, T.type), fileId: fileId.length ? fileId : null, referencedSopInstanceUID: text(it, T.refInstance),
      item: it, children: [], inUse: uint(it, T.inUse) !== 0,
    };
  });
  const records: DirectoryRecord[] = all.filter((r) => r.inUse);
  const byOffset = new Map(all.map((r) => [r.offset, r]));

  // The hierarchy: follow the offsets from the first root record, each record at most once (an
  // inactive record still links its siblings, its own lower level is dropped with it).
  const visited = new Set<number>();
  let broken = false;
  const chain = (start: number | null): DirectoryRecord[] => {
    const level: DirectoryRecord[] = [];
    for (let at = start ?? 0; at !== 0; ) {
      const r = byOffset.get(at);
      if (!r || visited.has(at)) {
        broken = true;
        break;
      }
      visited.add(at);
      if (r.inUse) level.push(r);
      at = uint(r.item, T.next) ?? 0;
    }
    for (const r of level) r.children = chain(uint(r.item, T.lower));
    return level;
  };
  let roots = chain(uint(file.dataset, T.firstRoot));
  if (broken || records.some((r) => !visited.has(r.offset))) {
    warnings.push(msg('dicomdir-records-unlinked'));
    for (const r of records) r.children = [];
    roots = records;
  }
  return { fileSetId: text(file.dataset, T.fileSetId), records, roots, warnings };
}

/** The file IDs of every record in use that references a file, in record order, each once. */
export function referencedFileIds(dir: BasicDirectory): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const r of dir.records) {
    if (!r.fileId) continue;
    const k = r.fileId.join('\\').toUpperCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r.fileId);
  }
  return out;
}
