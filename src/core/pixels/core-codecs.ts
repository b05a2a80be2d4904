// The frame codecs core carries itself, in plain TypeScript: RLE Lossless (PS3.5 Annex G),
// Encapsulated Uncompressed Explicit VR Little Endian (A.4.11: each frame is native LE bytes) and
// Deflated Image Frame Compression (each frame raw-deflated, RFC 1951). The WASM codecs of
// src/codecs are combined with these through combineFrameCodecs.

import { deflateSync, inflateSync } from 'fflate';
import { DEFLATED_IMAGE_FRAME, ENCAPSULATED_UNCOMPRESSED as ENCAPSULATED_UNCOMPRESSED_LE, type DecodedFrame, type EncodeTarget, type FrameCodecs, type FrameInfo } from './frame-codec.ts';
import { rleFrameCodecs } from './rle.ts';
import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';

const frameLength = (info: FrameInfo) => info.rows * info.columns * info.samplesPerPixel * (info.bitsAllocated / 8);
const byteAligned = (info: FrameInfo) => info.bitsAllocated === 8 || info.bitsAllocated === 16 || info.bitsAllocated === 32;

function native(bytes: Uint8Array, info: FrameInfo, what: string): DecodedFrame {
  const n = frameLength(info);
  if (bytes.length < n) throw new MessageError(msg('frame-bytes-short', { syntax: what, length: bytes.length, needed: n }));
  return { pixels: bytes.subarray(0, n), photometricInterpretation: info.photometricInterpretation, planarConfiguration: info.planarConfiguration };
}

const uncompressedCodecs: FrameCodecs = {
  canDecode: (ts, info) => (ts === ENCAPSULATED_UNCOMPRESSED_LE || ts === DEFLATED_IMAGE_FRAME) && byteAligned(info),
  async decode(ts, bytes, info) {
    if (!byteAligned(info)) throw new Error(`Bits Allocated ${info.bitsAllocated} is not supported`);
    if (ts === ENCAPSULATED_UNCOMPRESSED_LE) return native(bytes, info, 'Encapsulated Uncompressed');
    // Inflated into a buffer of the declared frame size: a deflate bomb is cut off there (frame-bounds.ts).
    if (ts === DEFLATED_IMAGE_FRAME) return native(inflateSync(bytes, { out: new Uint8Array(frameLength(info)) }), info, 'Deflated Image Frame');
    throw new Error(`transfer syntax ${ts} is not handled here`);
  },
  encodeTarget: (ts, info): EncodeTarget | null =>
    (ts === ENCAPSULATED_UNCOMPRESSED_LE || ts === DEFLATED_IMAGE_FRAME) && byteAligned(info)
      ? { photometricInterpretation: info.photometricInterpretation, planarConfiguration: info.planarConfiguration }
      : null,
  async encode(ts, pixels) {
    if (ts === ENCAPSULATED_UNCOMPRESSED_LE) return pixels;
    if (ts === DEFLATED_IMAGE_FRAME) return deflateSync(pixels);
    throw new Error(`transfer syntax ${ts} is not handled here`);
  },
};

/**
 * Codecs tried in order: decode and encode go to the first that says it can handle the transfer
 * syntax (canDecode / encodeTarget); a codec without canDecode is tried last, as a catch-all.
 */
export function combineFrameCodecs(...list: FrameCodecs[]): FrameCodecs {
  const decoderFor = (ts: string, info: FrameInfo) =>
    list.find((c) => c.canDecode?.(ts, info)) ?? list.find((c) => !c.canDecode);
  const encoderFor = (ts: string, info: FrameInfo) => list.find((c) => c.encode && c.encodeTarget?.(ts, info));
  return {
    canDecode: (ts, info) => list.some((c) => (c.canDecode ? c.canDecode(ts, info) : false)),
    decode(ts, bytes, info) {
      const c = decoderFor(ts, info);
      if (!c) return Promise.reject(new Error(`no decoder for transfer syntax ${ts}`));
      return c.decode(ts, bytes, info);
    },
    encodeTarget: (ts, info) => encoderFor(ts, info)?.encodeTarget?.(ts, info) ?? null,
    encode(ts, pixels, info) {
      const c = encoderFor(ts, info);
      if (!c || !c.encode) return Promise.reject(new Error(`no encoder for transfer syntax ${ts}`));
      return c.encode(ts, pixels, info);
    },
  };
}

/** RLE Lossless, Encapsulated Uncompressed and Deflated Image Frame, all in TypeScript. */
export const coreFrameCodecs: FrameCodecs = combineFrameCodecs(rleFrameCodecs, uncompressedCodecs);
