// FrameCodecs over the Cornerstone codec packages, the same decoders the viewer uses:
//   JPEG baseline / extended 8-bit (4.50, 4.51, retired 4.52–4.56 8-bit) → libjpeg-turbo
//   JPEG extended / progressive 12-bit                                  → pdf.js JpegImage (dicom-image-loader)
//   JPEG lossless (4.57, 4.58, 4.70)                                     → jpeg-lossless-decoder-js
//   JPEG-LS (4.80, 4.81)                                                 → CharLS (decode and lossless encode)
//   JPEG 2000 (4.90–4.93)                                                → OpenJPEG (decode and lossless encode)
//   HTJ2K (4.201–4.203)                                                  → OpenJPH (decode and lossless encode)
//   JPEG XL (4.110–4.112)                                                → libjxl (decode only)
//   RLE, Encapsulated Uncompressed, Deflated Image Frame                 → core (coreFrameCodecs)
// Environment-neutral: the modules come from a CodecLoader (node-loader.ts, browser-loader.ts).
//
// Colour, as decoded (checked against the corpus, see test/codecs):
//   - libjpeg-turbo converts what it takes for YCbCr (JFIF, Adobe transform 1, component ids other
//     than R,G,B) to RGB: YBR_FULL_422 and YBR_FULL JPEGs come out RGB (identical to dcmtk's
//     decompression of pydicom's SC_rgb_dcmtk_* files). The DICOM label decides, as in GDCM and
//     dcmtk: a stream labelled RGB (PS3.5 8.2.1: no colour transform) that libjpeg would take for
//     YCbCr is decoded with its component identifiers set to R,G,B, so nothing is converted; a
//     stream labelled YBR that libjpeg takes for RGB keeps its YCbCr samples, labelled YBR_FULL.
//   - OpenJPEG and OpenJPH undo the multiple component transform (YBR_RCT, YBR_ICT → RGB) and
//     return interleaved samples; a codestream without it keeps the DICOM label.
//   - CharLS returns planar samples for interleave mode none (planar configuration 1), interleaved
//     otherwise; JPEG-LS has no colour transform in DICOM, so the label stays.
//   - JPEG lossless has no colour transform; samples come interleaved, the label stays.

import { coreFrameCodecs } from '../core/pixels/core-codecs.ts';
import { msg } from '../core/messages/message.ts';
import { MessageError } from '../core/messages/notice.ts';
import type { DecodedFrame, EncodeTarget, FrameCodecs, FrameInfo } from '../core/pixels/frame-codec.ts';
import { HTJ2K_LOSSLESS, JPEG_2000_LOSSLESS, JPEG_LS_LOSSLESS } from '../core/pixels/frame-codec.ts';
import type { CodecFrameInfo, CodecLoader } from './codec-types.ts';
import { asError, checkSize, frameBytes, precisionFor, runDecoder, runEncoder, signExtend, toBitsAllocated } from './codec-frames.ts';
import { j2kUsesMct, jpegHeader, libjpegSeesYcbcr, withoutColourTransform } from './stream-headers.ts';

export { precisionFor, signExtend, toBitsAllocated } from './codec-frames.ts';

type Family = 'jpeg' | 'jpeg-lossless' | 'jpeg-ls' | 'j2k' | 'htj2k' | 'jxl';

export function familyOf(ts: string): Family | undefined {
  const m = /^1\.2\.840\.10008\.1\.2\.4\.(\d+)$/.exec(ts);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n >= 50 && n <= 56) return 'jpeg';
  if (n === 57 || n === 58 || n === 70) return 'jpeg-lossless';
  if (n === 80 || n === 81) return 'jpeg-ls';
  if (n >= 90 && n <= 93) return 'j2k';
  if (n >= 201 && n <= 203) return 'htj2k';
  if (n >= 110 && n <= 112) return 'jxl';
  return undefined;
}


export function createCornerstoneCodecs(loader: CodecLoader): FrameCodecs {
  const once = <T>(f: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => {
      if (!p) {
        p = f();
        p.catch(() => {
          p = undefined; // a failed load may be retried
        });
      }
      return p;
    };
  };
  const mod = {
    libjpegTurbo: once(() => loader.libjpegTurbo()),
    charls: once(() => loader.charls()),
    openjpeg: once(() => loader.openjpeg()),
    openjph: once(() => loader.openjph()),
    jxlDecode: once(() => loader.jxlDecode()),
    jpegLossless: once(() => loader.jpegLossless()),
    jpegImage: once(() => loader.jpegImage()),
  };

  async function decodeJpeg(bytes: Uint8Array, info: FrameInfo): Promise<DecodedFrame> {
    const h = jpegHeader(bytes);
    if (h.sof === 0) throw new MessageError(msg('jpeg-no-sof'));
    if (h.sof === 0xc3 || h.sof === 0xc7 || h.sof === 0xcb || h.sof === 0xcf) return decodeJpegLossless(bytes, info);
    if (h.components.length !== info.samplesPerPixel) {
      throw new MessageError(msg('codec-components-differ', { codec: 'JPEG', components: h.components.length, samples: info.samplesPerPixel }));
    }
    const pi = info.photometricInterpretation;
    if (h.precision <= 8) {
      const m = await mod.libjpegTurbo();
      // The DICOM label decides, as in GDCM and dcmtk (PS3.5 8.2.1): RGB means the components were
      // not transformed, so libjpeg must not convert them; YBR_FULL / YBR_FULL_422 are converted to
      // RGB when libjpeg sees YCbCr, and stay YCbCr (YBR_FULL: upsampled) when the stream says RGB.
      const colour = info.samplesPerPixel === 3;
      const ycc = colour && libjpegSeesYcbcr(h);
      const keepRgb = ycc && pi === 'RGB';
      const { fi, data } = runDecoder(new m.JPEGDecoder(), keepRgb ? withoutColourTransform(bytes) : bytes, 'JPEG (libjpeg-turbo)');
      checkSize(fi, info, 'JPEG');
      const out = !colour ? pi : ycc && !keepRgb ? 'RGB' : pi.startsWith('YBR') ? 'YBR_FULL' : 'RGB';
      return { pixels: toBitsAllocated(data, 1, info), photometricInterpretation: out, planarConfiguration: 0 };
    }
    const JpegImage = await mod.jpegImage();
    const j = new JpegImage();
    try {
      j.parse(bytes);
    } catch (err) {
      throw asError(err, `JPEG ${h.precision}-bit (pdf.js)`);
    }
    if (j.width !== info.columns || j.height !== info.rows) throw new MessageError(msg('codec-size-differs', { codec: 'JPEG', width: j.width, height: j.height, columns: info.columns, rows: info.rows }));
    if (info.samplesPerPixel !== 1) throw new MessageError(msg('jpeg-high-bit-colour', { bits: h.precision }));
    const px = j.getData16(info.columns, info.rows);
    const data = new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
    return { pixels: toBitsAllocated(data, 2, info), photometricInterpretation: pi, planarConfiguration: 0 };
  }

  async function decodeJpegLossless(bytes: Uint8Array, info: FrameInfo): Promise<DecodedFrame> {
    const Decoder = await mod.jpegLossless();
    const h = jpegHeader(bytes);
    const bytesIn = h.precision > 8 ? 2 : 1;
    let out: Uint8Array | Uint16Array;
    try {
      const copy = bytes.slice();
      out = new Decoder().decode(copy.buffer, 0, copy.length, bytesIn);
    } catch (err) {
      throw asError(err, 'JPEG lossless');
    }
    const data = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    const pixels = toBitsAllocated(data.subarray(0, info.rows * info.columns * info.samplesPerPixel * bytesIn), bytesIn, info);
    return { pixels, photometricInterpretation: info.photometricInterpretation, planarConfiguration: 0 };
  }

  async function decodeJpegLs(bytes: Uint8Array, info: FrameInfo): Promise<DecodedFrame> {
    const m = await mod.charls();
    let interleave = 1;
    const { fi, data } = runDecoder(new m.JpegLSDecoder(), bytes, 'JPEG-LS (CharLS)', (d) => {
      interleave = (d as unknown as { getInterleaveMode(): number }).getInterleaveMode();
    });
    checkSize(fi, info, 'JPEG-LS');
    const pixels = toBitsAllocated(data, fi.bitsPerSample > 8 ? 2 : 1, info);
    return { pixels, photometricInterpretation: info.photometricInterpretation, planarConfiguration: info.samplesPerPixel > 1 && interleave === 0 ? 1 : 0 };
  }

  async function decodeJ2k(bytes: Uint8Array, info: FrameInfo, ht: boolean): Promise<DecodedFrame> {
    const what = ht ? 'HTJ2K (OpenJPH)' : 'JPEG 2000 (OpenJPEG)';
    const m = ht ? await mod.openjph() : await mod.openjpeg();
    const decoder = ht ? new (m as Awaited<ReturnType<typeof mod.openjph>>).HTJ2KDecoder() : new (m as Awaited<ReturnType<typeof mod.openjpeg>>).J2KDecoder();
    const { fi, data } = runDecoder(decoder, bytes, what);
    checkSize(fi, info, ht ? 'HTJ2K' : 'JPEG 2000');
    const pixels = toBitsAllocated(data, fi.bitsPerSample > 8 ? 2 : 1, info);
    // A codestream that calls signed data unsigned: two's complement of its precision (as pydicom and GDCM read it).
    if (info.pixelRepresentation === 1 && fi.isSigned === false && fi.bitsPerSample < info.bitsAllocated) signExtend(pixels, info.bitsAllocated, fi.bitsPerSample);
    let pi = info.photometricInterpretation;
    if (info.samplesPerPixel === 3) {
      const mct = j2kUsesMct(bytes);
      // The decoder undoes the component transform; YBR_ICT / YBR_RCT without it are RGB samples as well.
      if (mct || pi === 'YBR_ICT' || pi === 'YBR_RCT') pi = 'RGB';
    }
    return { pixels, photometricInterpretation: pi, planarConfiguration: 0 };
  }

  async function decodeJxl(bytes: Uint8Array, info: FrameInfo): Promise<DecodedFrame> {
    const m = await mod.jxlDecode();
    const { fi, data } = runDecoder(new m.JpegXLDecoder(), bytes, 'JPEG XL (libjxl)');
    checkSize(fi, info, 'JPEG XL');
    const pixels = toBitsAllocated(data, fi.bitsPerSample > 8 ? 2 : 1, info);
    return { pixels, photometricInterpretation: info.samplesPerPixel === 3 ? 'RGB' : info.photometricInterpretation, planarConfiguration: 0 };
  }

  const supported = (ts: string, info: FrameInfo) => {
    const f = familyOf(ts);
    return f !== undefined && (info.bitsAllocated === 8 || info.bitsAllocated === 16) && (info.samplesPerPixel === 1 || info.samplesPerPixel === 3);
  };

  const wasm: FrameCodecs = {
    canDecode: supported,
    async decode(ts, bytes, info) {
      if (!supported(ts, info)) throw new MessageError(msg('codec-unsupported', { syntax: ts, samples: info.samplesPerPixel, bits: info.bitsAllocated }));
      let r: DecodedFrame;
      switch (familyOf(ts)) {
        case 'jpeg':
          r = await decodeJpeg(bytes, info);
          break;
        case 'jpeg-lossless':
          r = await decodeJpegLossless(bytes, info);
          break;
        case 'jpeg-ls':
          r = await decodeJpegLs(bytes, info);
          break;
        case 'j2k':
          r = await decodeJ2k(bytes, info, false);
          break;
        case 'htj2k':
          r = await decodeJ2k(bytes, info, true);
          break;
        case 'jxl':
          r = await decodeJxl(bytes, info);
          break;
        default:
          throw new Error(`transfer syntax ${ts} is not supported`);
      }
      const need = frameBytes(info);
      if (r.pixels.length < need) throw new MessageError(msg('decoded-frame-short', { length: r.pixels.length, needed: need }));
      return { ...r, pixels: r.pixels.length > need ? r.pixels.subarray(0, need) : r.pixels };
    },

    encodeTarget(ts, info): EncodeTarget | null {
      const { samplesPerPixel: spp, bitsAllocated: ba, photometricInterpretation: pi } = info;
      if (spp !== 1 && spp !== 3) return null;
      if (ba !== 8 && ba !== 16) return null;
      const colour = spp === 3;
      if (colour && ba !== 8) return null; // the J2K / HTJ2K encoders copy one component only above 8 bits
      if (pi === 'PALETTE COLOR' && ba !== 8 && ba !== 16) return null;
      switch (ts) {
        case JPEG_LS_LOSSLESS:
          // Sample-interleaved colour; no colour transform in DICOM JPEG-LS (PS3.5 8.2.3).
          return { photometricInterpretation: pi, planarConfiguration: 0 };
        case JPEG_2000_LOSSLESS:
          if (ba === 8 && info.pixelRepresentation === 1) return null; // the encoder copies 8-bit samples unsigned
          // Colour goes through the reversible colour transform (the encoder always applies it).
          return colour ? (pi === 'RGB' ? { photometricInterpretation: 'YBR_RCT', planarConfiguration: 0 } : null) : { photometricInterpretation: pi, planarConfiguration: 0 };
        case HTJ2K_LOSSLESS:
          if (ba === 8 && info.pixelRepresentation === 1) return null;
          return colour ? (pi === 'RGB' ? { photometricInterpretation: 'YBR_RCT', planarConfiguration: 0 } : null) : { photometricInterpretation: pi, planarConfiguration: 0 };
        default:
          return null;
      }
    },

    async encode(ts, pixels, info) {
      const target = wasm.encodeTarget!(ts, info);
      if (!target) throw new Error(`cannot encode ${info.samplesPerPixel} samples of ${info.bitsAllocated} bits (${info.photometricInterpretation}) as ${ts}`);
      // JPEG-LS codes unsigned samples only: signed words are coded as their bit patterns.
      let precision = precisionFor(pixels, info, ts !== JPEG_LS_LOSSLESS);
      // Signed samples stay 16-bit words (the encoders copy 8-bit samples unsigned).
      if (info.bitsAllocated === 16 && precision <= 8 && info.pixelRepresentation === 1) precision = 9;
      const fi: CodecFrameInfo = {
        width: info.columns, height: info.rows, bitsPerSample: precision, componentCount: info.samplesPerPixel,
        isSigned: info.pixelRepresentation === 1 && ts !== JPEG_LS_LOSSLESS, isUsingColorTransform: info.samplesPerPixel === 3,
      };
      const data = precision <= 8 && info.bitsAllocated === 16 ? narrow(pixels) : pixels;
      if (ts === JPEG_LS_LOSSLESS) {
        const m = await mod.charls();
        const e = new m.JpegLSEncoder();
        return runEncoder(e, fi, data, 'JPEG-LS encode (CharLS)', () => {
          e.setNearLossless(0);
          e.setInterleaveMode(info.samplesPerPixel > 1 ? 2 : 0);
        });
      }
      if (ts === JPEG_2000_LOSSLESS) {
        const m = await mod.openjpeg();
        const e = new m.J2KEncoder();
        return runEncoder(e, fi, data, 'JPEG 2000 encode (OpenJPEG)', () => {
          e.setQuality(true, 1);
          e.setCompressionRatio(0, 0);
        });
      }
      if (ts === HTJ2K_LOSSLESS) {
        const m = await mod.openjph();
        const e = new m.HTJ2KEncoder();
        return runEncoder(e, fi, data, 'HTJ2K encode (OpenJPH)', () => e.setQuality(true, 0));
      }
      throw new Error(`no encoder for ${ts}`);
    },
  };

  function narrow(pixels: Uint8Array): Uint8Array {
    const out = new Uint8Array(pixels.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = pixels[2 * i];
    return out;
  }

  return combineWithCore(wasm);
}

/** The WASM codecs first, then core's RLE / uncompressed / deflate. */
function combineWithCore(wasm: FrameCodecs): FrameCodecs {
  const pick = (ts: string, info: FrameInfo) => (coreFrameCodecs.canDecode?.(ts, info) ? coreFrameCodecs : wasm);
  return {
    canDecode: (ts, info) => !!(coreFrameCodecs.canDecode?.(ts, info) || wasm.canDecode?.(ts, info)),
    decode: (ts, bytes, info) => pick(ts, info).decode(ts, bytes, info),
    encodeTarget: (ts, info) => coreFrameCodecs.encodeTarget?.(ts, info) ?? wasm.encodeTarget?.(ts, info) ?? null,
    encode: (ts, pixels, info) => (coreFrameCodecs.encodeTarget?.(ts, info) ? coreFrameCodecs.encode!(ts, pixels, info) : wasm.encode!(ts, pixels, info)),
  };
}
