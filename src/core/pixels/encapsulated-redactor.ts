// Redaction of encapsulated (compressed) pixel data (1-bit data: bit-encapsulated.ts): the frames are found (encapsulated-frames.ts),
// decoded one at a time by the injected FrameCodecs, the boxes are filled exactly as for native
// pixel data (native-redactor.ts on a one-frame layout), and each frame is written either as
// native Explicit VR Little Endian pixel data or losslessly re-encoded in the source's compression
// family. Frames are produced while the writer writes (a 'frames' value), so memory holds one frame.
//
// Attributes kept true to the written pixels (PS3.3 C.7.6.3): Photometric Interpretation is what
// the decoder delivered (JPEG YCbCr → RGB, JPEG 2000 YBR_ICT / YBR_RCT → RGB) or what the encoder
// labels (JPEG 2000 / HTJ2K colour with the reversible colour transform → YBR_RCT), Planar
// Configuration follows, the Extended Offset Table goes (its offsets no longer hold), and a lossy
// source keeps Lossy Image Compression 01 with its method and ratio (PS3.3 C.7.6.1.1.5).

import type { DicomFile } from '../dicom/reader.ts';
import { bytesElement, findElement, withElement, type Element, type FramesValue, type Item } from '../dicom/dataset.ts';
import { PIXEL_DATA, tag } from '../dicom/tag.ts';
import { EXPLICIT_VR_LE, transferSyntaxInfo, transferSyntaxName } from '../dicom/transfer-syntax.ts';
import { asciiBytes, asciiValue } from '../dicom/value-text.ts';
import { RedactionError, redactionProblem } from './apply-redaction.ts';
import { errorDetail } from '../messages/notice.ts';
import { redactEncapsulatedBits } from './bit-encapsulated.ts';
import { paletteFill } from './palette-lut.ts';
import { EXTENDED_OFFSET_TABLE, EXTENDED_OFFSET_TABLE_LENGTHS, readFrame, splitFrames } from './encapsulated-frames.ts';
import { frameBoundsProblem, frameBudgetProblem, type DecodeLimits } from './frame-bounds.ts';
import { fillValues } from './fill-value.ts';
import { lossyMethodOf, sameFamilyLossless, type DecodedFrame, type FrameCodecs, type FrameInfo, type ReencodeMode } from './frame-codec.ts';
import { redactionSpans, spanPatcher, type ByteSpan } from './native-redactor.ts';
import { clearOverlaysUnderBoxes } from './overlay-redactor.ts';
import { pixelLayout, PX, type PixelLayout } from './pixel-layout.ts';
import { appliesToFrame, type RedactionBox } from './redaction-box.ts';
import { msg, type Message } from '../messages/message.ts';

export const LOSSY_IMAGE_COMPRESSION = tag(0x0028, 0x2110);
export const LOSSY_IMAGE_COMPRESSION_RATIO = tag(0x0028, 0x2112);
export const LOSSY_IMAGE_COMPRESSION_METHOD = tag(0x0028, 0x2114);

export interface EncapsulatedRedactionOptions {
  /** 'explicit-le' (default): native pixel data; 'same-family-lossless': re-encode losslessly when an encoder exists. */
  reencode?: ReencodeMode;
  /** The memory budget of one decoded frame (frame-bounds.ts); default sized for a 4 GB machine. */
  limits?: DecodeLimits;
}

export interface EncapsulatedRedaction {
  /** The data set with the new Pixel Data (a 'frames' value) and image pixel attributes. */
  dataset: Item;
  /** Transfer syntax of the output (the file meta must say it too). */
  transferSyntaxUID: string;
  warnings: Message[];
  /** The Pixel Data value; `writtenLengths` fills in as the writer asks for frames. */
  frames: FramesValue;
  /** Byte length of each frame produced so far. */
  writtenLengths: number[];
  /** The image was lossy-compressed at some point (Lossy Image Compression is 01 in the output). */
  lossy: boolean;
}

const withoutElement = (ds: Item, t: number): Item => ({ ...ds, elements: ds.elements.filter((e) => e.tag !== t) });

const str = (ds: Item, t: number): string => {
  const el = findElement(ds, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
};

const us = (t: number, v: number): Element => {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, true);
  return bytesElement(t, 'US', b);
};

/** Interleave a planar (R…G…B…) frame into R1G1B1R2G2B2…. */
export function interleave(planar: Uint8Array, samples: number, pixels: number, bytesPerSample: number): Uint8Array {
  const out = new Uint8Array(samples * pixels * bytesPerSample);
  for (let s = 0; s < samples; s++) {
    const base = s * pixels * bytesPerSample;
    for (let p = 0; p < pixels; p++) {
      const from = base + p * bytesPerSample;
      const to = (p * samples + s) * bytesPerSample;
      for (let b = 0; b < bytesPerSample; b++) out[to + b] = planar[from + b];
    }
  }
  return out;
}

/** The JPEG 10918 processes, which are always lossy except the lossless processes 14 and 15 (4.57, 4.58, 4.70). */
const alwaysLossy = (ts: string) => /^1\.2\.840\.10008\.1\.2\.4\.5[0-6]$/.test(ts);

/** Lossy Image Compression and its method and ratio for the output (PS3.3 C.7.6.1.1.5). */
export function lossyAttributes(ds: Item, ts: string, uncompressed: number, compressed: number): { ds: Item; lossy: boolean } {
  const declared = str(ds, LOSSY_IMAGE_COMPRESSION);
  const lossy = declared === '01' || alwaysLossy(ts) || (transferSyntaxInfo(ts).lossy && declared !== '00');
  if (!lossy) return { ds, lossy };
  let out = withElement(ds, bytesElement(LOSSY_IMAGE_COMPRESSION, 'CS', asciiBytes('01')));
  const methods = str(ds, LOSSY_IMAGE_COMPRESSION_METHOD).split('\\').filter(Boolean);
  const ratios = str(ds, LOSSY_IMAGE_COMPRESSION_RATIO).split('\\').filter(Boolean);
  const method = transferSyntaxInfo(ts).lossy || alwaysLossy(ts) ? lossyMethodOf(ts) : undefined;
  // Values are kept as they are; the step of this very source is added only when nothing records it.
  if (method && methods.length === 0 && ratios.length <= 1) out = withElement(out, bytesElement(LOSSY_IMAGE_COMPRESSION_METHOD, 'CS', asciiBytes(method)));
  if (ratios.length === 0 && methods.length <= 1 && compressed > 0 && (method || methods.length === 1)) {
    const ratio = uncompressed / compressed;
    out = withElement(out, bytesElement(LOSSY_IMAGE_COMPRESSION_RATIO, 'DS', asciiBytes(ratio >= 1e6 ? ratio.toExponential(4) : ratio.toFixed(2))));
  }
  return { ds: out, lossy };
}

/**
 * Prepares the redaction of encapsulated pixel data: decodes the first frame (so the photometric
 * interpretation of the output is known before any byte is written, and an undecodable file is
 * refused before writing) and returns the data set whose Pixel Data produces the redacted frames.
 */
export async function redactEncapsulatedPixels(
  file: DicomFile, ds: Item, boxes: RedactionBox[], codecs: FrameCodecs, options: EncapsulatedRedactionOptions = {},
): Promise<EncapsulatedRedaction> {
  const ts = file.transferSyntaxUID;
  const tsName = transferSyntaxName(ts);
  const px = findElement(ds, PIXEL_DATA);
  if (!px) throw new RedactionError(msg('redaction-no-pixel-data'));
  if (px.value.kind !== 'fragments') throw new RedactionError(msg('redaction-not-encapsulated'));
  let layout: PixelLayout;
  try {
    layout = pixelLayout(file.dataset, true);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
  const { rows, columns, samplesPerPixel: spp, bitsAllocated, numberOfFrames } = layout;
  if (bitsAllocated === 1) return redactEncapsulatedBits(file, ds, boxes, codecs, layout, options);
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new RedactionError(msg('redaction-syntax-bits-unsupported', { syntax: tsName, bits: bitsAllocated }));
  }
  const info: FrameInfo = {
    rows, columns, samplesPerPixel: spp, bitsAllocated, bitsStored: layout.bitsStored, pixelRepresentation: layout.pixelRepresentation,
    photometricInterpretation: layout.photometricInterpretation, planarConfiguration: layout.planarConfiguration,
  };
  if (codecs.canDecode && !codecs.canDecode(ts, info)) throw new RedactionError(msg('redaction-cannot-decode', { syntax: tsName }));
  // Bounded decoding: no frame the budget cannot hold is ever decoded (checked again per frame below).
  const overBudget = frameBudgetProblem(info, options.limits);
  if (overBudget) throw new RedactionError(msg(overBudget.code, overBudget.params));

  let split;
  try {
    split = await splitFrames(file.source, file.dataset, px.value.fragments, numberOfFrames, ts);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
  const bytesPerSample = bitsAllocated / 8;
  const frameLength = rows * columns * spp * bytesPerSample;

  const decodeFrame = async (i: number): Promise<DecodedFrame> => {
    let decoded: DecodedFrame;
    try {
      const bytes = await readFrame(file.source, split.frames[i]);
      const bounds = frameBoundsProblem(ts, info, bytes, options.limits);
      if (bounds) throw new RedactionError(msg('redaction-frame', { frame: i + 1, frames: numberOfFrames, problem: msg(bounds.code, bounds.params) }));
      decoded = await codecs.decode(ts, bytes, info);
    } catch (err) {
      if (err instanceof RedactionError) throw err;
      throw new RedactionError(msg('redaction-frame-undecodable', { frame: i + 1, frames: numberOfFrames, syntax: tsName, detail: errorDetail(err) }));
    }
    if (decoded.pixels.length < frameLength) {
      throw new RedactionError(msg('redaction-frame-short', { frame: i + 1, frames: numberOfFrames, syntax: tsName, length: decoded.pixels.length, rows, columns, samples: spp, bits: bitsAllocated, needed: frameLength }));
    }
    return decoded;
  };

  let first: DecodedFrame | undefined = await decodeFrame(0);
  const outPI = first.photometricInterpretation.toUpperCase();
  if (/_42[02]$/.test(outPI)) throw new RedactionError(msg('redaction-subsampled-decoded', { syntax: tsName, photometric: outPI }));
  const warnings: Message[] = [];
  const decodedInfo: FrameInfo = { ...info, photometricInterpretation: outPI, planarConfiguration: 0 };

  // Re-encoding: the same family, losslessly, when an encoder can take these pixels.
  let targetTs = EXPLICIT_VR_LE;
  let encodeTarget = null as ReturnType<NonNullable<FrameCodecs['encodeTarget']>>;
  if (options.reencode === 'same-family-lossless') {
    const family = sameFamilyLossless(ts);
    encodeTarget = family && codecs.encode ? (codecs.encodeTarget?.(family, decodedInfo) ?? null) : null;
    if (family && encodeTarget) targetTs = family;
    else warnings.push(msg('no-lossless-encoder', { syntax: family ? transferSyntaxName(family) : tsName }));
  }
  const encapsulated = targetTs !== EXPLICIT_VR_LE;

  const outLayout: PixelLayout = { ...layout, photometricInterpretation: outPI, planarConfiguration: 0, numberOfFrames: 1, frameBytes: frameLength };
  let fill: number[];
  try {
    fill = fillValues(outLayout, outPI === 'PALETTE COLOR' ? await paletteFill(file, true) : 0);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
  const spansFor = new Map<string, ByteSpan[]>();
  const frameSpans = (f: number): ByteSpan[] => {
    const mine = boxes.filter((b) => appliesToFrame(b, f)).map(({ frames: _frames, ...b }) => b);
    const key = JSON.stringify(mine);
    let spans = spansFor.get(key);
    if (!spans) {
      try {
        spans = redactionSpans(outLayout, mine, fill, true);
      } catch (err) {
        throw new RedactionError(redactionProblem(err));
      }
      spansFor.set(key, spans);
    }
    return spans;
  };
  frameSpans(0); // fail now, not while writing, on an unsupported layout

  const writtenLengths: number[] = [];
  const frames: FramesValue = {
    kind: 'frames',
    frameCount: numberOfFrames,
    encapsulated,
    frameLength: encapsulated ? undefined : frameLength,
    produce: async (i: number) => {
      let decoded = i === 0 ? first : undefined;
      first = undefined; // one frame in memory at a time
      if (!decoded) decoded = await decodeFrame(i);
      const pi = decoded.photometricInterpretation.toUpperCase();
      if (pi !== outPI) throw new RedactionError(msg('redaction-frame-photometric-differs', { frame: i + 1, photometric: pi, first: outPI }));
      const pixels = decoded.planarConfiguration === 1
        ? interleave(decoded.pixels, spp, rows * columns, bytesPerSample)
        : decoded.pixels.slice(0, frameLength); // a copy: the decoder's buffer may be the source's own bytes
      spanPatcher(frameSpans(i))(pixels, 0);
      let out = pixels;
      if (encapsulated) {
        try {
          out = await codecs.encode!(targetTs, pixels, decodedInfo);
        } catch (err) {
          throw new RedactionError(msg('redaction-frame-unencodable', { frame: i + 1, frames: numberOfFrames, syntax: transferSyntaxName(targetTs), detail: errorDetail(err) }));
        }
      }
      writtenLengths[i] = out.length;
      return out;
    },
  };

  let out = ds;
  out = withElement(out, { tag: PIXEL_DATA, vr: encapsulated || bitsAllocated === 8 ? 'OB' : 'OW', value: frames, undefinedLength: encapsulated, offset: -1 });
  out = withoutElement(withoutElement(out, EXTENDED_OFFSET_TABLE), EXTENDED_OFFSET_TABLE_LENGTHS);
  const labelPI = encapsulated && encodeTarget ? encodeTarget.photometricInterpretation : outPI;
  out = withElement(out, bytesElement(PX.PhotometricInterpretation, 'CS', asciiBytes(labelPI)));
  if (spp > 1) out = withElement(out, us(PX.PlanarConfiguration, encapsulated && encodeTarget ? encodeTarget.planarConfiguration : 0));
  const lossy = lossyAttributes(out, ts, frameLength * numberOfFrames, split.compressedBytes);
  out = lossy.ds;
  out = clearOverlaysUnderBoxes(out, boxes, true, numberOfFrames);

  const fromPI = layout.photometricInterpretation;
  warnings.push(msg('pixels-decoded', { syntax: tsName, count: numberOfFrames, written: encapsulated ? transferSyntaxName(targetTs) : 'Explicit VR Little Endian' }));
  if (fromPI !== labelPI) warnings.push(msg('pixels-photometric-changed', { from: fromPI, to: labelPI }));
  if (lossy.lossy) warnings.push(msg('pixels-lossy-kept'));
  return { dataset: out, transferSyntaxUID: targetTs, warnings, frames, writtenLengths, lossy: lossy.lossy };
}
