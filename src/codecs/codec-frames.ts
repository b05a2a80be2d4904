// Helpers shared by the Cornerstone codec wrappers (cornerstone-codecs.ts): running an embind
// decoder or encoder over one frame with errors made readable, frame size checks against the data
// set (PS3.5 8.2: the codestream must agree with Rows, Columns, Samples per Pixel), widening
// decoded samples to Bits Allocated with sign extension, and the precision to encode with.

import type { FrameInfo } from '../core/pixels/frame-codec.ts';
import type { CodecFrameInfo, EmDecoder, EmEncoder } from './codec-types.ts';
import { msg } from '../core/messages/message.ts';
import { errorDetail, MessageError } from '../core/messages/notice.ts';

/**
 * A codec error as a MessageError naming the codec: embind throws numbers (exception pointers) or
 * strings, a JavaScript decoder Errors (their text is the detail); ours keep their Message.
 */
export function asError(err: unknown, what: string): MessageError {
  if (err instanceof MessageError) return err;
  if (typeof err === 'number') return new MessageError(msg('codec-wasm-exception', { codec: what, n: err }));
  return new MessageError(msg('codec-failed', { codec: what, detail: errorDetail(err) }));
}

/** Samples of `bytesIn` bytes each as samples of `info.bitsAllocated` bits, little endian. */
export function toBitsAllocated(data: Uint8Array, bytesIn: number, info: FrameInfo): Uint8Array {
  const bytesOut = info.bitsAllocated / 8;
  if (bytesIn === bytesOut) return data;
  const n = Math.floor(data.length / bytesIn);
  const out = new Uint8Array(n * bytesOut);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ov = new DataView(out.buffer);
  const signed = info.pixelRepresentation === 1;
  for (let i = 0; i < n; i++) {
    let v = bytesIn === 1 ? (signed ? dv.getInt8(i) : dv.getUint8(i)) : bytesIn === 2 ? (signed ? dv.getInt16(2 * i, true) : dv.getUint16(2 * i, true)) : dv.getInt32(4 * i, true);
    if (bytesOut === 1) {
      if (!signed && (v < 0 || v > 255)) throw new MessageError(msg('codec-sample-too-wide', { value: v }));
      v &= 0xff;
      out[i] = v;
    } else if (bytesOut === 2) ov.setUint16(2 * i, v & 0xffff, true);
    else ov.setUint32(4 * i, v >>> 0, true);
  }
  return out;
}

/** Sign-extend samples of `bits` bits into whole 8- or 16-bit words, in place. */
export function signExtend(pixels: Uint8Array, bitsAllocated: number, bits: number): void {
  const shift = 32 - bits;
  if (bitsAllocated === 16) {
    const dv = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    for (let i = 0; i + 1 < pixels.length; i += 2) dv.setInt16(i, (dv.getUint16(i, true) << shift) >> shift, true);
  } else if (bitsAllocated === 8) {
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((pixels[i] << shift) >> shift) & 0xff;
  }
}

export function frameBytes(info: FrameInfo): number {
  return info.rows * info.columns * info.samplesPerPixel * (info.bitsAllocated / 8);
}

export function checkSize(fi: CodecFrameInfo, info: FrameInfo, what: string) {
  if (!fi.width || !fi.height) throw new MessageError(msg('codec-no-image', { codec: what }));
  if (fi.width !== info.columns || fi.height !== info.rows) {
    throw new MessageError(msg('codec-size-differs', { codec: what, width: fi.width, height: fi.height, columns: info.columns, rows: info.rows }));
  }
  if (fi.componentCount !== info.samplesPerPixel) {
    throw new MessageError(msg('codec-components-differ', { codec: what, components: fi.componentCount, samples: info.samplesPerPixel }));
  }
}

/** Run an embind decoder over one frame; returns the frame info and a copy of the decoded bytes. */
export function runDecoder(decoder: EmDecoder, bytes: Uint8Array, what: string, extra?: (d: EmDecoder) => void): { fi: CodecFrameInfo; data: Uint8Array } {
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const fi = decoder.getFrameInfo();
    extra?.(decoder);
    const data = decoder.getDecodedBuffer().slice();
    return { fi, data };
  } catch (err) {
    throw asError(err, what);
  } finally {
    decoder.delete();
  }
}

export function runEncoder(encoder: EmEncoder, fi: CodecFrameInfo, pixels: Uint8Array, what: string, setup?: () => void): Uint8Array {
  try {
    const buf = encoder.getDecodedBuffer(fi);
    if (buf.length !== pixels.length) throw new Error(`the encoder expects ${buf.length} bytes, the frame has ${pixels.length}`);
    buf.set(pixels);
    setup?.();
    encoder.encode();
    const out = encoder.getEncodedBuffer();
    return new Uint8Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
  } catch (err) {
    throw asError(err, what);
  } finally {
    encoder.delete();
  }
}

/**
 * The precision to encode with: Bits Stored, or Bits Allocated when a sample does not fit it (bits
 * above the high bit, or — for an encoder without signed samples, `signedCoding` false — any
 * negative value, whose two's complement word is then coded as it is).
 */
export function precisionFor(pixels: Uint8Array, info: FrameInfo, signedCoding = true): number {
  const bs = info.bitsStored;
  const ba = info.bitsAllocated;
  if (bs >= ba) return ba;
  const dv = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const n = Math.floor(pixels.length / (ba / 8));
  const signed = info.pixelRepresentation === 1 && signedCoding;
  const lo = signed ? -(2 ** (bs - 1)) : 0;
  const hi = signed ? 2 ** (bs - 1) - 1 : 2 ** bs - 1;
  for (let i = 0; i < n; i++) {
    const v = ba === 8 ? (signed ? dv.getInt8(i) : dv.getUint8(i)) : signed ? dv.getInt16(2 * i, true) : dv.getUint16(2 * i, true);
    if (v < lo || v > hi) return ba;
  }
  return bs;
}
