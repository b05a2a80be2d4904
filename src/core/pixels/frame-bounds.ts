// Bounded decoding: before a frame of encapsulated pixel data (PS3.5 A.4) is decoded, what the
// header declares (Rows × Columns × Samples per Pixel × Bits Allocated, PS3.3 C.7.6.3) is checked
// against what the frame's compressed bytes can expand to and against a memory budget, so a file
// far smaller than its declared pixels (a crafted or corrupt "pixel bomb": 5 KB of RLE declaring
// 40,000 × 40,000 16-bit pixels) never causes a large allocation in the CLI, a worker or the viewer.
// - RLE Lossless (PS3.5 G.3): a replicate run turns 2 bytes into at most 128, so a segment can
//   expand at most 64-fold; the 64-byte header comes off first.
// - JPEG lossless (ISO 10918-1 H, SOF3): every sample costs at least one Huffman bit.
// - Deflated Image Frame Compression (RFC 1951): at most 1032 bytes out per byte in (and it is
//   inflated into a buffer of the declared size, core-codecs.ts).
// - JPEG (SOFn), JPEG-LS (SOF55, ISO 14495-1) and JPEG 2000 / HTJ2K (SIZ, ISO 15444-1 A.5.1): the
//   codestream's own frame size is read first and must not exceed the declared one (a decoder
//   allocates what the codestream says).
// The budget (default sized for a 4 GB machine: one decoded frame of at most 512 MiB, since the
// redactor holds the decoded frame, a copy and the re-encoded bytes at once) is configurable.

import type { FrameInfo } from './frame-codec.ts';

/** Default limit of one decoded frame, in bytes. */
export const DEFAULT_MAX_FRAME_BYTES = 512 * 1024 * 1024;

export interface DecodeLimits {
  /** Largest decoded frame accepted, in bytes. */
  maxFrameBytes: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxFrameBytes: DEFAULT_MAX_FRAME_BYTES };

/** Why a frame is not decoded: a code and its parameters (texts in codes.json). */
export interface FrameBoundsProblem {
  code: 'frame-over-budget' | 'frame-cannot-expand' | 'codestream-larger-than-declared';
  params: Record<string, string | number>;
}

const RLE = '1.2.840.10008.1.2.5';
const JPEG_LOSSLESS = new Set(['1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70']);
const DEFLATED_IMAGE_FRAME = '1.2.840.10008.1.2.8.1';

/** Bytes of one decoded frame as the header declares it (bit-packed for Bits Allocated 1, PS3.5 8.1.1). */
export function declaredFrameBytes(info: Pick<FrameInfo, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated'>): number {
  const samples = info.rows * info.columns * info.samplesPerPixel;
  return info.bitsAllocated === 1 ? Math.ceil(samples / 8) : samples * Math.ceil(info.bitsAllocated / 8);
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n >= 1024 * 1024 * 10 ? 0 : 1)} MB`;

/** The declared frame against the memory budget alone (no compressed bytes needed). */
export function frameBudgetProblem(info: FrameInfo, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): FrameBoundsProblem | null {
  const need = declaredFrameBytes(info);
  if (need <= limits.maxFrameBytes) return null;
  const params = { rows: info.rows, columns: info.columns, bits: info.bitsAllocated, samples: info.samplesPerPixel, frameSize: mb(need), limit: mb(limits.maxFrameBytes) };
  return { code: 'frame-over-budget', params };
}

/** The declared frame against the budget and against what `frame` (its compressed bytes) can hold. */
export function frameBoundsProblem(transferSyntaxUID: string, info: FrameInfo, frame: Uint8Array, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): FrameBoundsProblem | null {
  const budget = frameBudgetProblem(info, limits);
  if (budget) return budget;
  const need = declaredFrameBytes(info);
  let most: number | null = null;
  if (transferSyntaxUID === RLE) most = Math.max(0, frame.length - 64) * 64;
  else if (JPEG_LOSSLESS.has(transferSyntaxUID)) most = frame.length * 8 * Math.ceil(info.bitsAllocated / 8);
  else if (transferSyntaxUID === DEFLATED_IMAGE_FRAME) most = frame.length * 1032;
  if (most !== null && need > most) {
    const params = { compressed: frame.length, declared: need, most, columns: info.columns, rows: info.rows };
    return { code: 'frame-cannot-expand', params };
  }
  const size = codestreamSize(frame);
  if (size && (size.width > info.columns || size.height > info.rows)) {
    const params = { width: size.width, height: size.height, columns: info.columns, rows: info.rows };
    return { code: 'codestream-larger-than-declared', params };
  }
  return null;
}

/** Width and height from a JPEG / JPEG-LS SOF or a JPEG 2000 SIZ marker segment, when found. */
export function codestreamSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff) return null;
  const u16 = (i: number) => (b[i] << 8) | b[i + 1];
  const u32 = (i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
  if (b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) {
    // SOC then SIZ: Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz (ISO 15444-1 A.5.1).
    if (b.length < 4 + 2 + 2 + 16) return null;
    const x = u32(8), y = u32(12), xo = u32(16), yo = u32(20);
    return { width: Math.max(0, x - xo), height: Math.max(0, y - yo) };
  }
  if (b[1] !== 0xd8) return null;
  let i = 2;
  // Marker segments up to the first frame header; a bounded walk (a few KB at most in practice).
  while (i + 4 <= b.length && i < 1 << 20) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1];
    if (m === 0xff) {
      i++;
      continue;
    }
    const len = u16(i + 2);
    const sof = (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;
    if (sof) return i + 9 <= b.length ? { height: u16(i + 5), width: u16(i + 7) } : null;
    if (m === 0xda || len < 2) return null;
    i += 2 + len;
  }
  return null;
}
