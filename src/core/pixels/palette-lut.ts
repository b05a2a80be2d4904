// The darkest entry of a PALETTE COLOR image's lookup tables, as the stored pixel value to fill a
// redaction box with (PS3.3 C.7.6.3.1.5). The descriptor (0028,1101-1103) gives the number of
// entries (0 means 65536), the first stored value mapped and the bits per entry; the data
// (0028,1201-1203) holds one 16-bit word per entry, or, with 8 bits per entry, one byte per entry
// when its length says so (C.7.6.3.1.6). Segmented tables (0028,1221-1223, C.7.9.2) are expanded
// first: discrete (opcode 0), linear (1) and indirect (2) segments of 16-bit words.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { findElement, type Element, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { decodeNumbers } from '../dicom/value-codec.ts';
import { darkestPaletteIndex } from './fill-value.ts';

const DESCRIPTOR = [tag(0x0028, 0x1101), tag(0x0028, 0x1102), tag(0x0028, 0x1103)];
const DATA = [tag(0x0028, 0x1201), tag(0x0028, 0x1202), tag(0x0028, 0x1203)];
const SEGMENTED = [tag(0x0028, 0x1221), tag(0x0028, 0x1222), tag(0x0028, 0x1223)];

const words = (b: Uint8Array, le: boolean): number[] => decodeNumbers({ tag: 0, vr: 'OW', value: { kind: 'bytes', bytes: b }, undefinedLength: false, offset: -1 }, le);

/**
 * Expands segmented lookup table data (PS3.3 C.7.9.2) into one value per entry: a discrete segment
 * lists its values, a linear one runs from the previous value to its end value, an indirect one
 * copies earlier segments found by their byte offset from the start of the data (C.7.9.2.3; it
 * never copies another indirect segment). Throws on a malformed table; stops after `maxEntries`.
 * The viewer expands the tables Cornerstone cannot read with this too (src/viewer/segmented-palette.ts).
 */
export function expandSegmented(data: ArrayLike<number>, maxEntries = 65536): number[] {
  const out: number[] = [];
  const run = (start: number, segments: number, inIndirect: boolean): void => {
    let i = start;
    // `i + 1 <`: the data may end with a padding word.
    for (let s = 0; s < segments && i + 1 < data.length && out.length <= maxEntries; s++) {
      const op = data[i]!;
      const n = data[i + 1]!;
      if (op === 0) {
        if (i + 2 + n > data.length) throw new MessageError(msg('palette-segment-truncated'));
        for (let k = 0; k < n; k++) out.push(data[i + 2 + k]!);
        i += 2 + n;
      } else if (op === 1) {
        if (out.length === 0) throw new MessageError(msg('palette-linear-no-start'));
        if (i + 2 >= data.length) throw new MessageError(msg('palette-segment-truncated'));
        const y0 = out[out.length - 1]!;
        const y1 = data[i + 2]!;
        for (let k = 1; k <= n; k++) out.push(Math.round(y0 + ((y1 - y0) * k) / n));
        i += 3;
      } else if (op === 2) {
        if (inIndirect) throw new MessageError(msg('palette-segments-too-deep'));
        if (i + 3 >= data.length) throw new MessageError(msg('palette-segment-truncated'));
        const offset = (data[i + 2]! | (data[i + 3]! << 16)) >>> 0;
        if (offset % 2 || offset / 2 >= i) throw new MessageError(msg('palette-indirect-offset', { offset }));
        run(offset / 2, n, true);
        i += 4;
      } else throw new MessageError(msg('palette-unknown-opcode', { op }));
    }
  };
  run(0, Infinity, false);
  return out.slice(0, maxEntries);
}

/** One channel's entries, from values already read (`bytesOf` gives an element's value bytes). */
function channel(ds: Item, c: number, le: boolean, bytesOf: (el: Element) => Uint8Array | undefined): { entries: number[]; firstMapped: number } | undefined {
  const d = findElement(ds, DESCRIPTOR[c]);
  const desc = d && d.value.kind === 'bytes' ? decodeNumbers({ ...d, vr: 'US' }, le) : [];
  const count = desc.length ? desc[0] || 65536 : undefined;
  // The first mapped value is SS for signed pixel data (C.7.6.3.1.5); as US it is read modulo 65536.
  const firstRaw = desc[1] ?? 0;
  const firstMapped = d?.vr === 'SS' && firstRaw >= 32768 ? firstRaw - 65536 : firstRaw;
  const seg = findElement(ds, SEGMENTED[c]);
  const segBytes = seg ? bytesOf(seg) : undefined;
  if (segBytes) return { entries: expandSegmented(words(segBytes, le), count ?? 65536), firstMapped };
  const el = findElement(ds, DATA[c]);
  const b = el ? bytesOf(el) : undefined;
  if (!b) return undefined;
  const packed8 = desc[2] === 8 && count !== undefined && b.length < 2 * count;
  return { entries: packed8 ? Array.from(b) : words(b, le), firstMapped };
}

function darkest(ds: Item, le: boolean, bytesOf: (el: Element) => Uint8Array | undefined): number {
  const [r, g, b] = [0, 1, 2].map((c) => channel(ds, c, le, bytesOf));
  if (!r || !g || !b) throw new MessageError(msg('palette-incomplete'));
  const n = Math.min(r.entries.length, g.entries.length, b.entries.length);
  if (n === 0) throw new MessageError(msg('palette-empty'));
  return darkestPaletteIndex(r.entries.slice(0, n), g.entries.slice(0, n), b.entries.slice(0, n), r.firstMapped);
}

/** The darkest palette entry as a stored pixel value, reading table data left in the source. */
export async function paletteFill(file: DicomFile, le: boolean): Promise<number> {
  const read = new Map<Element, Uint8Array>();
  for (const t of [...DATA, ...SEGMENTED]) {
    const el = findElement(file.dataset, t);
    if (el?.value.kind === 'bulk') read.set(el, await file.source.read(el.value.range.offset, el.value.range.length));
  }
  return darkest(file.dataset, le, (el) => (el.value.kind === 'bytes' ? el.value.bytes : read.get(el)));
}

/** The same from values held in memory (throws when a table was left in the source). */
export function paletteFillSync(ds: Item, le: boolean): number {
  return darkest(ds, le, (el) => {
    if (el.value.kind === 'bytes') return el.value.bytes;
    throw new MessageError(msg('palette-too-large'));
  });
}
