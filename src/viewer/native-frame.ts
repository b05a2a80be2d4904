// Native (uncompressed) frames cut to the size the header gives them before Cornerstone decodes
// them. PS3.5 7.1 pads a value of odd length to an even one, so a 3 × 3 RGB 8-bit image carries 28
// bytes of Pixel Data for its 27 samples; Cornerstone 5's metadata path hands the whole element to
// the renderer as the frame, vtk.js refuses a 28-value array of 3 components ("model.size is not a
// multiple of model.numberOfComponents"), Cornerstone logs that and carries on with no image data
// or the previous image's: the viewport stays black, or shows the image before. The frame size is
// PS3.3 C.7.6.3.1: Rows × Columns × Samples per Pixel × Bits Allocated / 8 (1-bit frames packed).

import { Enums, metaData } from '@cornerstonejs/metadata';

/** Transfer syntaxes whose frames are the native bytes (PS3.5 A.1–A.3; deflate is inflated first). */
const NATIVE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99']);

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

/** The frame cut to its size when it is longer (the even-length pad); shorter or unknown sizes stay as they are. */
export function trimNativeFrame(frame: Uint8Array, shape: FrameShape): Uint8Array {
  const want = nativeFrameBytes(shape);
  return Number.isInteger(want) && want > 0 && frame.length > want ? frame.subarray(0, want) : frame;
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
const trimmingProvider: metaData.TypedProvider = (next, query, natural: unknown, options: unknown) => {
  const value = next(query, natural, options) as FrameData | undefined;
  const shape = shapeOf(natural as Natural | undefined);
  if (!value || !shape || !NATIVE.has(value.transferSyntaxUid)) return value;
  const { pixelData } = value;
  if (pixelData instanceof Uint8Array) return { ...value, pixelData: trimNativeFrame(pixelData, shape) };
  if (Array.isArray(pixelData) && pixelData.length === 1 && pixelData[0] instanceof Uint8Array) return { ...value, pixelData: [trimNativeFrame(pixelData[0], shape)] };
  return value;
};

/**
 * Register the trim once Cornerstone's default providers are: between the naturalized-instance
 * lookup (priority 5000, which hands it the instance) and the default frame provider (priority 0).
 */
export function registerNativeFrameTrim(): void {
  metaData.addTypedProvider(Enums.MetadataModules.COMPRESSED_FRAME_DATA, trimmingProvider, { priority: 100 });
}
