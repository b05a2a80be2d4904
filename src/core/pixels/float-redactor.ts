// Redaction of Float Pixel Data (7FE0,0008) and Double Float Pixel Data (7FE0,0009), the
// Floating Point Image Pixel modules (PS3.3 C.7.6.24, C.7.6.25): one sample per pixel, 32- or
// 64-bit IEEE 754 in the byte order of the transfer syntax, frames back to back. Such images have
// no fixed range (no Bits Stored), so the box is filled with the lowest value of its own frame
// (the highest for MONOCHROME1), which displays as the darkest the frame holds; NaN is ignored.
// Bytes outside the boxes are not touched.

import type { DicomFile } from '../dicom/reader.ts';
import { findElement, withElement, type Element, type Item } from '../dicom/dataset.ts';
import { DOUBLE_FLOAT_PIXEL_DATA, FLOAT_PIXEL_DATA } from '../dicom/tag.ts';
import { RedactionError } from './apply-redaction.ts';
import { msg } from '../messages/message.ts';
import { spanPatcher, type ByteSpan } from './native-redactor.ts';
import { clearOverlaysUnderBoxes } from './overlay-redactor.ts';
import { PX, stringValue, usValue } from './pixel-layout.ts';
import { appliesToFrame, toPixelSpan, type RedactionBox } from './redaction-box.ts';

/** The float pixel data element of a data set, if it has one. */
export function floatPixelElement(ds: Item): Element | undefined {
  return findElement(ds, FLOAT_PIXEL_DATA) ?? findElement(ds, DOUBLE_FLOAT_PIXEL_DATA);
}

/** The lowest (or, for MONOCHROME1, highest) value of a frame, NaN ignored; 0 when it holds none. */
export function darkestFloat(frame: Uint8Array, bytesPerSample: 4 | 8, littleEndian: boolean, monochrome1: boolean): number {
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let best = monochrome1 ? -Infinity : Infinity;
  for (let at = 0; at + bytesPerSample <= frame.length; at += bytesPerSample) {
    const x = bytesPerSample === 4 ? v.getFloat32(at, littleEndian) : v.getFloat64(at, littleEndian);
    if (monochrome1 ? x > best : x < best) best = x;
  }
  const none = monochrome1 ? -Infinity : Infinity; // still the start value: no number in the frame
  return best === none ? 0 : best;
}

function floatBytes(value: number, bytesPerSample: 4 | 8, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(bytesPerSample);
  const v = new DataView(out.buffer);
  if (bytesPerSample === 4) v.setFloat32(0, value, littleEndian);
  else v.setFloat64(0, value, littleEndian);
  return out;
}

/** Returns the data set with the boxes applied to its float pixel data; throws RedactionError when it cannot be done. */
export async function redactFloatPixels(file: DicomFile, ds: Item, boxes: RedactionBox[]): Promise<Item> {
  const le = file.encoding.littleEndian;
  const px = floatPixelElement(ds);
  if (!px) throw new RedactionError(msg('redaction-no-float-pixel-data'));
  const bytesPerSample = px.tag === FLOAT_PIXEL_DATA ? 4 : 8;
  const what = bytesPerSample === 4 ? 'Float Pixel Data' : 'Double Float Pixel Data';
  const us = (t: number) => usValue(findElement(file.dataset, t), le);
  const rows = us(PX.Rows);
  const columns = us(PX.Columns);
  if (!rows || !columns) throw new RedactionError(msg('float-pixel-module-incomplete'));
  if ((us(PX.SamplesPerPixel) ?? 1) !== 1) throw new RedactionError(msg('redaction-float-samples', { what }));
  const parsed = parseInt(stringValue(file.dataset, PX.NumberOfFrames) || '1', 10);
  const frames = Number.isFinite(parsed) && parsed > 0 ? parsed : 1;
  const monochrome1 = stringValue(file.dataset, PX.PhotometricInterpretation).trim().toUpperCase() === 'MONOCHROME1';
  const frameBytes = rows * columns * bytesPerSample;
  const v = px.value;
  if (v.kind !== 'bytes' && v.kind !== 'bulk') throw new RedactionError(msg('redaction-float-not-plain', { what }));
  const length = v.kind === 'bytes' ? v.bytes.length : v.range.length;
  if (length < frameBytes * frames) {
    throw new RedactionError(msg('redaction-float-short', { what, length, frames, rows, columns, needed: frameBytes * frames }));
  }
  const frameAt = async (f: number): Promise<Uint8Array> =>
    v.kind === 'bytes' ? v.bytes.subarray(f * frameBytes, (f + 1) * frameBytes) : file.source.read(v.range.offset + f * frameBytes, frameBytes);

  const spans: ByteSpan[] = [];
  for (let f = 0; f < frames; f++) {
    const mine = boxes.map((b) => (appliesToFrame(b, f) ? toPixelSpan(b, columns, rows) : undefined)).filter((p) => p !== undefined);
    if (mine.length === 0) continue;
    const frame = await frameAt(f);
    if (frame.length < frameBytes) throw new RedactionError(msg('redaction-float-frame-cut', { what, frame: f + 1, frames }));
    const pattern = floatBytes(darkestFloat(frame, bytesPerSample, le, monochrome1), bytesPerSample, le);
    for (const p of mine) {
      for (let y = p.y0; y < p.y1; y++) {
        const row = f * frameBytes + y * columns * bytesPerSample;
        spans.push({ start: row + p.x0 * bytesPerSample, end: row + p.x1 * bytesPerSample, pattern });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const patch = spanPatcher(spans);
  let value: Element['value'];
  if (v.kind === 'bulk') value = { kind: 'bulk', range: v.range, patch };
  else {
    const copy = v.bytes.slice();
    patch(copy, 0);
    value = { kind: 'bytes', bytes: copy };
  }
  return clearOverlaysUnderBoxes(withElement(ds, { ...px, value }), boxes, le, frames);
}
