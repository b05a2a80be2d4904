// Redaction of native pixel data as it streams from source to output: boxes become byte spans of
// the Pixel Data value (per frame, per row, per sample plane for planar configuration 1), and a
// patch function overwrites the spans inside each copied chunk with the fill pattern. Bytes
// outside the boxes are never touched, so they stay byte-identical (PS3.5 §8.1.1 layout).
// YBR_FULL_422 and YBR_PARTIAL_422 (PS3.3 C.7.6.3.1.2) store two pixels as Y1 Y2 Cb Cr: a box is
// widened to whole 2-pixel blocks so no chroma shared with a pixel inside it survives.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { PixelLayout } from './pixel-layout.ts';
import { appliesToFrame, toPixelSpan, type RedactionBox } from './redaction-box.ts';
import { sampleBytes } from './fill-value.ts';

export interface ByteSpan {
  start: number;
  end: number;
  /** Repeating pattern written over the span, aligned to `start`. */
  pattern: Uint8Array;
  /** Only these bits of each byte are overwritten (bit-packed 1-bit data, bit-redactor.ts); default all. */
  mask?: number;
}

/** Byte spans of the Pixel Data value covered by the boxes, sorted by start. */
export function redactionSpans(layout: PixelLayout, boxes: RedactionBox[], fill: number[], littleEndian: boolean): ByteSpan[] {
  const { rows, columns, samplesPerPixel: spp, bitsAllocated, planarConfiguration, numberOfFrames, frameBytes } = layout;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new MessageError(msg('redaction-bits-unsupported', { bits: bitsAllocated }));
  }
  if (layout.photometricInterpretation.endsWith('420')) {
    // PS3.3 C.7.6.3.1.2 defines 4:2:0 only for MPEG-2, H.264 and HEVC streams, never as native data.
    throw new MessageError(msg('redaction-chroma-420', { photometric: layout.photometricInterpretation }));
  }
  const bpp = bitsAllocated / 8;
  const samples = fill.map((v) => sampleBytes(v, bitsAllocated, littleEndian));
  if (isChroma422(layout)) return chroma422Spans(layout, boxes, samples);
  const pixelPattern = new Uint8Array(spp * bpp);
  for (let s = 0; s < spp; s++) pixelPattern.set(samples[Math.min(s, samples.length - 1)], s * bpp);
  const spans: ByteSpan[] = [];
  for (let f = 0; f < numberOfFrames; f++) {
    const frameStart = f * frameBytes;
    for (const box of boxes) {
      if (!appliesToFrame(box, f)) continue;
      const p = toPixelSpan(box, columns, rows);
      if (!p) continue;
      for (let y = p.y0; y < p.y1; y++) {
        if (planarConfiguration === 0) {
          const rowStart = frameStart + (y * columns) * spp * bpp;
          spans.push({ start: rowStart + p.x0 * spp * bpp, end: rowStart + p.x1 * spp * bpp, pattern: pixelPattern });
        } else {
          for (let s = 0; s < spp; s++) {
            const planeStart = frameStart + s * rows * columns * bpp;
            const rowStart = planeStart + y * columns * bpp;
            spans.push({ start: rowStart + p.x0 * bpp, end: rowStart + p.x1 * bpp, pattern: samples[Math.min(s, samples.length - 1)] });
          }
        }
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans;
}

/** A patch for the writer: overwrite the spans that fall inside `chunk`, which starts at `valueOffset`. */
export function spanPatcher(spans: ByteSpan[]): (chunk: Uint8Array, valueOffset: number) => void {
  // Spans of overlapping boxes are sorted by start, so their ends need not increase: the search runs
  // on the running maximum of the ends, which does, so no span reaching into a chunk is skipped.
  const reach: number[] = [];
  spans.forEach((s, i) => reach.push(Math.max(s.end, i ? reach[i - 1] : 0)));
  return (chunk, valueOffset) => {
    const end = valueOffset + chunk.length;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reach[mid] <= valueOffset) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < spans.length && spans[i].start < end; i++) {
      const s = spans[i];
      const from = Math.max(s.start, valueOffset);
      const to = Math.min(s.end, end);
      const n = s.pattern.length;
      const mask = s.mask ?? 0xff;
      for (let p = from; p < to; p++) {
        const v = s.pattern[(p - s.start) % n];
        chunk[p - valueOffset] = mask === 0xff ? v : (chunk[p - valueOffset] & ~mask) | (v & mask);
      }
    }
  };
}

export const isChroma422 = (layout: PixelLayout): boolean => layout.samplesPerPixel === 3 && layout.photometricInterpretation.endsWith('_422');

/** Spans for 4:2:2 data: each row holds columns/2 blocks of Y1 Y2 Cb Cr; boxes cover whole blocks. */
function chroma422Spans(layout: PixelLayout, boxes: RedactionBox[], samples: Uint8Array[]): ByteSpan[] {
  const { rows, columns, bitsAllocated, planarConfiguration, numberOfFrames, frameBytes } = layout;
  if (planarConfiguration !== 0 || columns % 2 !== 0) {
    throw new MessageError(msg('redaction-chroma-422-layout', { photometric: layout.photometricInterpretation, columns, planar: planarConfiguration }));
  }
  const bpp = bitsAllocated / 8;
  const blockBytes = 4 * bpp;
  const [y, cb, cr] = samples;
  const pattern = new Uint8Array(blockBytes);
  [y, y, cb, cr].forEach((sample, i) => pattern.set(sample, i * bpp));
  const spans: ByteSpan[] = [];
  for (let f = 0; f < numberOfFrames; f++) {
    for (const box of boxes) {
      if (!appliesToFrame(box, f)) continue;
      const p = toPixelSpan(box, columns, rows);
      if (!p) continue;
      const b0 = Math.floor(p.x0 / 2);
      const b1 = Math.ceil(p.x1 / 2);
      for (let r = p.y0; r < p.y1; r++) {
        const rowStart = f * frameBytes + r * (columns / 2) * blockBytes;
        spans.push({ start: rowStart + b0 * blockBytes, end: rowStart + b1 * blockBytes, pattern });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans;
}
