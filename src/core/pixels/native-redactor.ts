// Redaction of native pixel data as it streams from source to output: boxes become byte spans of
// the Pixel Data value (per frame, per row, per sample plane for planar configuration 1), and a
// patch function overwrites the spans inside each copied chunk with the fill pattern. Bytes
// outside the boxes are never touched, so they stay byte-identical (PS3.5 §8.1.1 layout).

import type { PixelLayout } from './pixel-layout.ts';
import { appliesToFrame, toPixelSpan, type RedactionBox } from './redaction-box.ts';
import { sampleBytes } from './fill-value.ts';

export interface ByteSpan {
  start: number;
  end: number;
  /** Repeating pattern written over the span, aligned to `start`. */
  pattern: Uint8Array;
}

/** Byte spans of the Pixel Data value covered by the boxes, sorted by start. */
export function redactionSpans(layout: PixelLayout, boxes: RedactionBox[], fill: number[], littleEndian: boolean): ByteSpan[] {
  const { rows, columns, samplesPerPixel: spp, bitsAllocated, planarConfiguration, numberOfFrames, frameBytes } = layout;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new Error(`Bits Allocated ${bitsAllocated}: redaction of this pixel format is not supported`);
  }
  if (layout.photometricInterpretation.endsWith('422') || layout.photometricInterpretation.endsWith('420')) {
    throw new Error(`${layout.photometricInterpretation} native pixel data: chroma subsampling is not supported for redaction`);
  }
  const bpp = bitsAllocated / 8;
  const samples = fill.map((v) => sampleBytes(v, bitsAllocated, littleEndian));
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
  return (chunk, valueOffset) => {
    const end = valueOffset + chunk.length;
    // First span that may overlap: binary search on end.
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= valueOffset) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < spans.length && spans[i].start < end; i++) {
      const s = spans[i];
      const from = Math.max(s.start, valueOffset);
      const to = Math.min(s.end, end);
      const n = s.pattern.length;
      for (let p = from; p < to; p++) chunk[p - valueOffset] = s.pattern[(p - s.start) % n];
    }
  };
}
