// A viewing copy in Explicit VR Little Endian (PS3.5 A.2) of a native (uncompressed) file whose
// transfer syntax a viewer cannot decode: Deflated Explicit VR LE (PS3.5 A.5: inflated by the
// reader) and Explicit VR Big Endian (retired, PS3.5 A.3: binary values are byte-swapped per VR,
// OW pixel data per 16-bit word, OB untouched). Never used for export: outputs keep their syntax.

import type { ByteSource } from '../io/byte-source.ts';
import { MemorySink } from '../io/byte-sink.ts';
import { bytesElement, type Element, type Item } from './dataset.ts';
import { readPart10, type DicomFile } from './reader.ts';
import { tag } from './tag.ts';
import { EXPLICIT_VR_LE, transferSyntaxInfo } from './transfer-syntax.ts';
import { asciiBytes } from './value-text.ts';
import { NUMERIC_VR_SIZE } from './vr.ts';
import { writePart10 } from './writer.ts';

/** True when a viewer needs the explicit VR LE copy for this transfer syntax. */
export function needsExplicitLeCopy(transferSyntaxUID: string): boolean {
  const ts = transferSyntaxInfo(transferSyntaxUID);
  return ts.known && !ts.encapsulated && (ts.deflated || !ts.littleEndian);
}

/** Reverse every `size`-byte unit of `bytes` in place. */
export function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size < 2) return;
  const n = bytes.length - (bytes.length % size);
  for (let i = 0; i < n; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

async function swapItem(item: Item, file: DicomFile): Promise<Item> {
  // An item with its own encoding (UN sequence content, implicit VR LE) is already little endian.
  if (item.encoding && item.encoding.littleEndian) return item;
  const elements: Element[] = [];
  for (const el of item.elements) elements.push(await swapElement(el, file));
  return { ...item, elements };
}

async function swapElement(el: Element, file: DicomFile): Promise<Element> {
  const v = el.value;
  if (v.kind === 'sequence') {
    const items: Item[] = [];
    for (const it of v.items) items.push(await swapItem(it, file));
    return { ...el, value: { kind: 'sequence', items } };
  }
  const size = NUMERIC_VR_SIZE[el.vr];
  if (!size || size < 2 || v.kind === 'fragments' || v.kind === 'frames') return el;
  const bytes = v.kind === 'bytes' ? v.bytes.slice() : (await file.source.read(v.range.offset, v.range.length)).slice();
  // AT is a pair of 16-bit numbers (group, element), not one 32-bit number.
  swapInPlace(bytes, el.vr === 'AT' ? 2 : size);
  return { ...el, value: { kind: 'bytes', bytes } };
}

/**
 * The explicit VR LE Part 10 bytes of `source`, or null when the file's transfer syntax needs no
 * copy (or is encapsulated, which this does not decode).
 */
export async function transcodeToExplicitLe(source: ByteSource): Promise<Uint8Array | null> {
  const file = await readPart10(source);
  if (!needsExplicitLeCopy(file.transferSyntaxUID)) return null;
  const dataset = file.encoding.littleEndian ? file.dataset : await swapItem(file.dataset, file);
  const TS = tag(0x0002, 0x0010);
  const metaElements = file.meta.elements.filter((e) => e.tag !== TS);
  metaElements.push(bytesElement(TS, 'UI', asciiBytes(EXPLICIT_VR_LE, 0)));
  metaElements.sort((a, b) => a.tag - b.tag);
  const sink = new MemorySink();
  await writePart10(
    { source: file.source, meta: { ...file.meta, elements: metaElements }, dataset, encoding: { explicitVR: true, littleEndian: true }, deflate: false },
    sink,
  );
  return sink.bytes();
}
