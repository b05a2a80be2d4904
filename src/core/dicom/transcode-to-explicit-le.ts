// A viewing copy in Explicit VR Little Endian (PS3.5 A.2) of a native (uncompressed) file whose
// transfer syntax a viewer cannot decode: Deflated Explicit VR LE (PS3.5 A.5: inflated by the
// reader) and Explicit VR Big Endian (retired, PS3.5 A.3: binary values are byte-swapped per VR,
// OW pixel data per 16-bit word, OB untouched). Native 8-bit YBR_FULL_422 / YBR_PARTIAL_422 is
// also copied, its pixel data upsampled to YBR_FULL (pixels/upsample-422.ts), which the viewer
// shows in colour. Never used for export: outputs keep their syntax and pixels.

import type { ByteSource } from '../io/byte-source.ts';
import { MemorySink } from '../io/byte-sink.ts';
import { bytesElement, findElement, withElement, type Element, type Item } from './dataset.ts';
import { isChroma422 } from '../pixels/native-redactor.ts';
import { PX, pixelLayout } from '../pixels/pixel-layout.ts';
import { upsample422 } from '../pixels/upsample-422.ts';
import { readPart10, type DicomFile } from './reader.ts';
import { PIXEL_DATA, tag } from './tag.ts';
import { EXPLICIT_VR_LE, transferSyntaxInfo } from './transfer-syntax.ts';
import { asciiBytes, asciiValue } from './value-text.ts';
import { NUMERIC_VR_SIZE } from './vr.ts';
import { writePart10 } from './writer.ts';

/** True when a viewer needs the explicit VR LE copy for this transfer syntax (and photometric interpretation). */
export function needsExplicitLeCopy(transferSyntaxUID: string, photometric = ''): boolean {
  const ts = transferSyntaxInfo(transferSyntaxUID);
  return ts.known && !ts.encapsulated && (ts.deflated || !ts.littleEndian || /_422$/.test(photometric.trim().toUpperCase()));
}

/** The data set with native 8-bit 4:2:2 pixel data replaced by its YBR_FULL upsampling; unchanged otherwise. */
async function upsampledForViewing(ds: Item, file: DicomFile): Promise<Item> {
  const px = findElement(ds, PIXEL_DATA);
  let layout;
  try {
    layout = pixelLayout(ds, true);
  } catch {
    return ds;
  }
  if (!px || !isChroma422(layout) || layout.bitsAllocated !== 8 || layout.columns % 2 !== 0) return ds;
  const v = px.value;
  if (v.kind !== 'bytes' && v.kind !== 'bulk') return ds;
  const data = v.kind === 'bytes' ? v.bytes : await file.source.read(v.range.offset, v.range.length);
  if (data.length < layout.frameBytes * layout.numberOfFrames) return ds;
  const pixels = upsample422(data, layout.rows, layout.columns, layout.numberOfFrames);
  const out = withElement(ds, { ...px, vr: 'OB', value: { kind: 'bytes', bytes: pixels } });
  return withElement(out, bytesElement(PX.PhotometricInterpretation, 'CS', asciiBytes('YBR_FULL')));
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
  const photometric = findElement(file.dataset, PX.PhotometricInterpretation);
  if (!needsExplicitLeCopy(file.transferSyntaxUID, photometric?.value.kind === 'bytes' ? asciiValue(photometric.value.bytes) : '')) return null;
  const swapped = file.encoding.littleEndian ? file.dataset : await swapItem(file.dataset, file);
  const dataset = await upsampledForViewing(swapped, file);
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
