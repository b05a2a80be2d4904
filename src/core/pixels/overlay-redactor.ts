// Clears overlay planes (60xx groups, PS3.3 C.9.2) under redaction boxes: Overlay Data is a
// bit-packed plane of Overlay Rows × Overlay Columns placed at Overlay Origin (1-based row,
// column of the image). Overlay bits embedded in the high bits of pixel data are cleared by the
// pixel fill itself, which overwrites whole stored words. In Big Endian OW the bytes of each
// 16-bit word are swapped (PS3.5 Annex D.2), so the byte holding a bit is found in its word.

import { findElement, withElement, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { decodeNumbers } from '../dicom/value-codec.ts';
import { toPixelSpan, type RedactionBox } from './redaction-box.ts';

export function clearOverlaysUnderBoxes(ds: Item, boxes: RedactionBox[], le: boolean, imageFrames: number): Item {
  let out = ds;
  for (let g = 0x6000; g <= 0x601e; g += 2) {
    const data = findElement(out, tag(g, 0x3000));
    if (!data || data.value.kind !== 'bytes') continue;
    const num = (e: number) => {
      const el = findElement(out, tag(g, e));
      return el && el.value.kind === 'bytes' ? decodeNumbers(el, le) : [];
    };
    const [rows] = num(0x0010);
    const [cols] = num(0x0011);
    const origin = num(0x0050);
    if (!rows || !cols) continue;
    const oy = (origin[0] ?? 1) - 1;
    const ox = (origin[1] ?? 1) - 1;
    const bytes = data.value.bytes.slice();
    const planeBits = rows * cols;
    const swapWords = !le && data.vr === 'OW';
    const planes = Math.max(1, Math.min(imageFrames, Math.floor((bytes.length * 8) / planeBits)));
    for (let f = 0; f < planes; f++) {
      for (const box of boxes) {
        if (box.frames && !box.frames.includes(f)) continue;
        const p = toPixelSpan({ ...box, x: box.x - ox, y: box.y - oy }, cols, rows);
        if (!p) continue;
        for (let y = p.y0; y < p.y1; y++) {
          for (let x = p.x0; x < p.x1; x++) {
            const bit = f * planeBits + y * cols + x;
            const at = swapWords ? (bit >> 3) ^ 1 : bit >> 3;
            bytes[at] &= ~(1 << (bit & 7));
          }
        }
      }
    }
    out = withElement(out, { ...data, value: { kind: 'bytes', bytes } });
  }
  return out;
}
