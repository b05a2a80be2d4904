// What displays as black for a photometric interpretation (PS3.3 C.7.6.3.1.2): the lowest value
// Bits Stored can hold for MONOCHROME2, the highest for MONOCHROME1, 0,0,0 for RGB, Y=0 with
// neutral chroma for YBR_FULL (and YBR_FULL_422), Y at the video black level 16 (scaled to Bits
// Stored) with neutral chroma for YBR_PARTIAL_422/420, and the palette index whose colour is darkest for PALETTE COLOR.
// One value per sample. The Pixel Padding Value is not used: real images hold values darker than
// it (air outside the reconstruction circle, ringing of lossy compression), so a box filled with
// it could show grey against them.

import type { PixelLayout } from './pixel-layout.ts';

export function fillValues(layout: PixelLayout, paletteDarkestIndex = 0): number[] {
  const { bitsStored, pixelRepresentation, photometricInterpretation: pi, samplesPerPixel } = layout;
  const signed = pixelRepresentation === 1;
  const min = signed ? -(2 ** (bitsStored - 1)) : 0;
  const max = signed ? 2 ** (bitsStored - 1) - 1 : 2 ** bitsStored - 1;
  if (pi === 'MONOCHROME1' || pi === 'MONOCHROME2') return [pi === 'MONOCHROME1' ? max : min];
  if (pi === 'PALETTE COLOR') return [paletteDarkestIndex];
  if (pi.startsWith('YBR')) {
    const mid = 2 ** (bitsStored - 1);
    const black = pi.startsWith('YBR_PARTIAL') ? 16 * 2 ** (bitsStored - 8) : 0;
    return [black, mid, mid].slice(0, samplesPerPixel);
  }
  return new Array(samplesPerPixel).fill(0);
}

/** The stored bytes of one sample value for the given bits allocated and byte order. */
export function sampleBytes(value: number, bitsAllocated: number, littleEndian: boolean): Uint8Array {
  const n = bitsAllocated / 8;
  const out = new Uint8Array(n);
  const v = new DataView(out.buffer);
  if (n === 1) out[0] = value & 0xff;
  else if (n === 2) v.setUint16(0, value & 0xffff, littleEndian);
  else if (n === 4) v.setUint32(0, value >>> 0, littleEndian);
  else throw new Error(`Bits Allocated ${bitsAllocated} is not supported for redaction`);
  return out;
}

/** Index of the darkest entry of a palette (PS3.3 C.7.6.3.1.5), given its three LUT channels. */
export function darkestPaletteIndex(red: number[], green: number[], blue: number[], firstMapped = 0): number {
  let best = 0;
  let bestLum = Infinity;
  for (let i = 0; i < red.length; i++) {
    const lum = 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i];
    if (lum < bestLum) {
      bestLum = lum;
      best = i;
    }
  }
  return best + firstMapped;
}
