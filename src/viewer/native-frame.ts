// Native (uncompressed) frames made the size the header gives them before Cornerstone decodes
// them. PS3.5 7.1 pads a value of odd length to an even one, so a 3 × 3 RGB 8-bit image carries
// 28 bytes of Pixel Data for its 27 samples; Cornerstone 5's metadata path hands the whole element
// to the renderer as the frame, vtk.js refuses 28 values of 3 components ("model.size is not a
// multiple of model.numberOfComponents"), and Cornerstone logs that and carries on with no image
// data or the previous image's: the viewport stayed black, or showed the image before. The frame
// size is PS3.3 C.7.6.3.1: Rows × Columns × Samples per Pixel × Bits Allocated / 8.
// 1-bit frames (binary segmentations; PS3.5 8.1.1: eight pixels a byte, the first in the lowest
// bit) are unpacked to one byte a pixel, as Cornerstone's legacy loader did: the metadata path
// hands over the packed bytes, an eighth of the values the renderer needs, so none was drawn. A
// 1-bit frame of Deflated Image Frame Compression (PS3.5 A.4.13: each frame raw-deflated) is
// inflated here for the same reason, and handed on as the native frame it then is.

import { Enums, metaData } from '@cornerstonejs/metadata';
import { inflateSync } from 'fflate';

/** Transfer syntaxes whose frames are the native bytes (PS3.5 A.1–A.3; deflate is inflated first). */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']);
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const DEFLATED_IMAGE_FRAME = '1.2.840.10008.1.2.8.1';

export interface FrameShape {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
}

/** The bytes one native frame of this shape takes (PS3.3 C.7.6.3.1; PS3.5 8.1.1 for 1-bit packing). */
export function nativeFrameBytes(s: FrameShape): number {
  const samples = s.rows * s.columns * s.samplesPerPixel;
  return s.bitsAllocated === 1 ? Math.ceil(samples / 8) : samples * (s.bitsAllocated / 8);
}

/** A 1-bit frame as one byte (0 or 1) a sample, the first sample in the lowest bit (PS3.5 8.1.1, D.2). */
export function unpackBits(frame: Uint8Array, samples: number): Uint8Array {
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) out[i] = (frame[i >> 3] >> (i & 7)) & 1;
  return out;
}

/**
 * The frame as the renderer needs it: cut to its size when it is longer (the even-length pad),
 * 1-bit frames unpacked; a shorter frame stays as it is, for the loader to refuse in words.
 */
export function trimNativeFrame(frame: Uint8Array, shape: FrameShape): Uint8Array {
  const want = nativeFrameBytes(shape);
  if (!Number.isInteger(want) || want <= 0 || frame.length < want) return frame;
  if (shape.bitsAllocated === 1) return unpackBits(frame, shape.rows * shape.columns * shape.samplesPerPixel);
  return frame.length > want ? frame.subarray(0, want) : frame;
}

type Natural = Record<string, unknown>;
interface FrameData {
  transferSyntaxUid: string;
  pixelData: Uint8Array | Uint8Array[];
}

const num = (v: unknown): number => Number(Array.isArray(v) ? v[0] : v);

function shapeOf(natural: Natural | undefined): FrameShape | null {
  if (!natural) return null;
  const s = { rows: num(natural.Rows), columns: num(natural.Columns), samplesPerPixel: num(natural.SamplesPerPixel ?? 1), bitsAllocated: num(natural.BitsAllocated) };
  return Object.values(s).every((v) => Number.isInteger(v) && v > 0) ? s : null;
}

/** A COMPRESSED_FRAME_DATA provider after Cornerstone's own (which receives the naturalized instance). */
const single = (p: Uint8Array | Uint8Array[]): Uint8Array | null => (p instanceof Uint8Array ? p : Array.isArray(p) && p.length === 1 && p[0] instanceof Uint8Array ? p[0] : null);

/** A COMPRESSED_FRAME_DATA provider after Cornerstone's own (which receives the naturalized instance). */
const trimmingProvider: metaData.TypedProvider = (next, query, natural: unknown, options: unknown) => {
  const value = next(query, natural, options) as FrameData | undefined;
  const shape = shapeOf(natural as Natural | undefined);
  const frame = value && single(value.pixelData);
  if (!value || !shape || !frame) return value;
  const ts = value.transferSyntaxUid.replace(/[\0 ]+$/, '');
  if (NATIVE.has(ts)) return { ...value, pixelData: trimNativeFrame(frame, shape) };
  if (ts === DEFLATED_IMAGE_FRAME && shape.bitsAllocated === 1) {
    try {
      return { ...value, transferSyntaxUid: EXPLICIT_LE, pixelData: trimNativeFrame(inflateSync(frame), shape) };
    } catch {
      return value; // not a deflate stream: the loader refuses it in words
    }
  }
  return value;
};

/**
 * Register the trim once Cornerstone's default providers are: between the naturalized-instance
 * lookup (priority 5000, which hands it the instance) and the default frame provider (priority 0).
 */
export function registerNativeFrameTrim(): void {
  metaData.addTypedProvider(Enums.MetadataModules.COMPRESSED_FRAME_DATA, trimmingProvider, { priority: 100 });
}
