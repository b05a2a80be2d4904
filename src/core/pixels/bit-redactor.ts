// Redaction of native 1-bit pixel data (Bits Allocated 1, e.g. binary Segmentations, PS3.3
// C.8.20.2): pixels are packed eight to a byte, the first pixel in the least significant bit
// (PS3.5 §8.1.1 and Annex D), one frame right after the other with no padding, so a frame need not
// start on a byte boundary. A box becomes byte spans with a bit mask: only the bits of pixels in
// the box are overwritten. In Big Endian OW the bytes of each 16-bit word are swapped (Annex D.2).

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { PixelLayout } from './pixel-layout.ts';
import { appliesToFrame, toPixelSpan, type RedactionBox } from './redaction-box.ts';
import type { ByteSpan } from './native-redactor.ts';

const ONES = new Uint8Array([0xff]);
const ZEROS = new Uint8Array([0x00]);

/** Byte spans (with masks) covering the boxes; `fill` is 0 or 1, `swapWords` for Big Endian OW. */
export function bitSpans(layout: PixelLayout, boxes: RedactionBox[], fill: number, swapWords: boolean): ByteSpan[] {
  const { rows, columns, samplesPerPixel, numberOfFrames } = layout;
  if (samplesPerPixel !== 1) throw new MessageError(msg('redaction-bits1-samples-native', { samples: samplesPerPixel }));
  const pattern = fill ? ONES : ZEROS;
  const spans: ByteSpan[] = [];
  const byteSpan = (byte: number, mask: number) => {
    const at = swapWords ? byte ^ 1 : byte;
    spans.push({ start: at, end: at + 1, pattern, mask });
  };
  const frameBits = rows * columns;
  for (let f = 0; f < numberOfFrames; f++) {
    for (const box of boxes) {
      if (!appliesToFrame(box, f)) continue;
      const p = toPixelSpan(box, columns, rows);
      if (!p) continue;
      for (let y = p.y0; y < p.y1; y++) {
        const b0 = f * frameBits + y * columns + p.x0; // first bit
        const b1 = f * frameBits + y * columns + p.x1; // one past the last bit
        let bit = b0;
        while (bit < b1) {
          const byte = bit >> 3;
          const from = bit & 7;
          const to = Math.min(8, from + (b1 - bit));
          if (from === 0 && to === 8 && !swapWords) {
            const full = Math.floor((b1 - bit) / 8);
            spans.push({ start: byte, end: byte + full, pattern, mask: 0xff });
            bit += full * 8;
            continue;
          }
          byteSpan(byte, ((0xff << from) & (0xff >> (8 - to))) & 0xff);
          bit += to - from;
        }
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans;
}
