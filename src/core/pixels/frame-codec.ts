// The seam between core and image codecs: core splits encapsulated pixel data into frames
// (PS3.5 A.4), hands each frame's bytes to an injected FrameCodecs, redacts the decoded pixels and
// writes them back natively or re-encoded. Core never loads a codec itself (no WASM in core):
// src/codecs implements this interface over the Cornerstone codec packages, and rle.ts provides
// RLE Lossless (PS3.5 Annex G) in plain TypeScript.

import type { PixelLayout } from './pixel-layout.ts';

/** What a codec needs to know about a frame: the per-frame part of the Image Pixel module (PS3.3 C.7.6.3). */
export type FrameInfo = Pick<PixelLayout, 'rows' | 'columns' | 'samplesPerPixel' | 'bitsAllocated' | 'bitsStored' | 'pixelRepresentation' | 'photometricInterpretation' | 'planarConfiguration'>;

export interface DecodedFrame {
  /**
   * Native pixel data of one frame: little endian, `bitsAllocated / 8` bytes per sample (as in the
   * FrameInfo given), rows × columns × samples, interleaved (planarConfiguration 0) unless the
   * codec says planarConfiguration 1.
   */
  pixels: Uint8Array;
  /** What the decoded samples are, e.g. RGB for YCbCr JPEG decoded with colour conversion. */
  photometricInterpretation: string;
  planarConfiguration: 0 | 1;
}

/** How frames encoded by `encode` must be labelled (the encoder may apply a colour transform). */
export interface EncodeTarget {
  photometricInterpretation: string;
  planarConfiguration: 0 | 1;
}

export interface FrameCodecs {
  /** Decode one frame; throws (with a plain-words message) when the syntax is not supported. */
  decode(transferSyntaxUID: string, frameBytes: Uint8Array, info: FrameInfo): Promise<DecodedFrame>;
  /** Whether `decode` supports the transfer syntax at all (a cheap check before any work). */
  canDecode?(transferSyntaxUID: string, info: FrameInfo): boolean;
  /**
   * Whether `encode` can losslessly encode pixels described by `info` (its photometric
   * interpretation is that of the pixels given) into the transfer syntax, and how the result must
   * be labelled; null when it cannot.
   */
  encodeTarget?(transferSyntaxUID: string, info: FrameInfo): EncodeTarget | null;
  /** Losslessly encode one frame of native LE interleaved pixels (`info` as given to encodeTarget). */
  encode?(transferSyntaxUID: string, pixels: Uint8Array, info: FrameInfo): Promise<Uint8Array>;
}

/** What to write after decoding and redacting encapsulated pixel data. */
export type ReencodeMode = 'explicit-le' | 'same-family-lossless';

export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
export const ENCAPSULATED_UNCOMPRESSED = '1.2.840.10008.1.2.1.98';
export const DEFLATED_IMAGE_FRAME = '1.2.840.10008.1.2.8.1';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
export const JPEG_XL_LOSSLESS = '1.2.840.10008.1.2.4.110';

/**
 * The lossless transfer syntax of the same compression family, for re-encoding after redaction;
 * undefined for families without a lossless encoder in reach (the JPEG 10918 processes, video).
 */
export function sameFamilyLossless(transferSyntaxUID: string): string | undefined {
  switch (transferSyntaxUID) {
    case RLE_LOSSLESS:
    case ENCAPSULATED_UNCOMPRESSED:
    case DEFLATED_IMAGE_FRAME:
      return transferSyntaxUID;
    case '1.2.840.10008.1.2.4.80':
    case '1.2.840.10008.1.2.4.81':
      return JPEG_LS_LOSSLESS;
    case '1.2.840.10008.1.2.4.90':
    case '1.2.840.10008.1.2.4.91':
    case '1.2.840.10008.1.2.4.92':
    case '1.2.840.10008.1.2.4.93':
      return JPEG_2000_LOSSLESS;
    case '1.2.840.10008.1.2.4.201':
    case '1.2.840.10008.1.2.4.202':
    case '1.2.840.10008.1.2.4.203':
      return HTJ2K_LOSSLESS;
    case '1.2.840.10008.1.2.4.110':
    case '1.2.840.10008.1.2.4.111':
    case '1.2.840.10008.1.2.4.112':
      return JPEG_XL_LOSSLESS;
    default:
      return undefined;
  }
}

/** Lossy Image Compression Method (0028,2114) defined terms (PS3.3 C.7.6.1.1.5.1) by transfer syntax. */
export function lossyMethodOf(transferSyntaxUID: string): string | undefined {
  const m = /^1\.2\.840\.10008\.1\.2\.4\.(\d+)$/.exec(transferSyntaxUID);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n >= 50 && n <= 70) return 'ISO_10918_1';
  if (n === 80 || n === 81) return 'ISO_14495_1';
  if (n >= 90 && n <= 93) return 'ISO_15444_1';
  if (n >= 201 && n <= 203) return 'ISO_15444_15';
  if (n >= 110 && n <= 112) return 'ISO_18181_1';
  if (n === 100 || n === 101) return 'ISO_13818_2';
  if (n >= 102 && n <= 106) return 'ISO_14496_10';
  if (n === 107 || n === 108) return 'ISO_23008_2';
  return undefined;
}
