// Redaction of encapsulated 1-bit pixel data (binary Segmentations in RLE Lossless, Deflated Image
// Frame Compression, JPEG 2000 …). Each frame is decoded on its own, starting on a byte boundary
// (PS3.5 §8.2): RLE, deflate and Encapsulated Uncompressed frames hold the bit-packed frame
// (PS3.5 G, 8.2.16, A.4.11), the image codecs return one byte per pixel. Native 1-bit data packs
// the frames back to back without padding (PS3.5 §8.1.1), so the whole image is assembled in one
// buffer (an eighth of a byte a pixel), redacted bit by bit (bit-redactor.ts) and written as
// Explicit VR Little Endian; no encoder writes 1-bit frames back, so --reencode does not apply.

import type { DicomFile } from '../dicom/reader.ts';
import { withElement, type FramesValue, type Item } from '../dicom/dataset.ts';
import { PIXEL_DATA } from '../dicom/tag.ts';
import { EXPLICIT_VR_LE, transferSyntaxName } from '../dicom/transfer-syntax.ts';
import { msg, type Message } from '../messages/message.ts';
import { RedactionError } from './apply-redaction.ts';
import { errorDetail } from '../messages/notice.ts';
import { bitSpans } from './bit-redactor.ts';
import { EXTENDED_OFFSET_TABLE, EXTENDED_OFFSET_TABLE_LENGTHS, readFrame, splitFrames } from './encapsulated-frames.ts';
import { lossyAttributes, type EncapsulatedRedaction } from './encapsulated-redactor.ts';
import { fillValues } from './fill-value.ts';
import { frameBoundsProblem } from './frame-bounds.ts';
import { DEFLATED_IMAGE_FRAME, ENCAPSULATED_UNCOMPRESSED, RLE_LOSSLESS, type FrameCodecs, type FrameInfo, type ReencodeMode } from './frame-codec.ts';
import { clearOverlaysUnderBoxes } from './overlay-redactor.ts';
import type { PixelLayout } from './pixel-layout.ts';
import type { RedactionBox } from './redaction-box.ts';

/** The largest 1-bit image assembled in memory (bytes of packed bits): 4 Gpixels. */
export const MAX_PACKED_BYTES = 512 * 1024 * 1024;

const PACKED = new Set([RLE_LOSSLESS, DEFLATED_IMAGE_FRAME, ENCAPSULATED_UNCOMPRESSED]);

/** Copies `count` bits from the start of `from` (LSB first) into `to` at bit `at`. */
export function copyBits(from: Uint8Array, to: Uint8Array, at: number, count: number): void {
  if ((at & 7) === 0) {
    const whole = count >> 3;
    to.set(from.subarray(0, whole), at >> 3);
    for (let i = whole * 8; i < count; i++) if ((from[i >> 3] >> (i & 7)) & 1) to[(at + i) >> 3] |= 1 << ((at + i) & 7);
    return;
  }
  for (let i = 0; i < count; i++) if ((from[i >> 3] >> (i & 7)) & 1) to[(at + i) >> 3] |= 1 << ((at + i) & 7);
}

export async function redactEncapsulatedBits(
  file: DicomFile, ds: Item, boxes: RedactionBox[], codecs: FrameCodecs, layout: PixelLayout, options: { reencode?: ReencodeMode },
): Promise<EncapsulatedRedaction> {
  const ts = file.transferSyntaxUID;
  const tsName = transferSyntaxName(ts);
  const { rows, columns, numberOfFrames, samplesPerPixel } = layout;
  if (samplesPerPixel !== 1) throw new RedactionError(msg('redaction-bits1-samples', { syntax: tsName, samples: samplesPerPixel }));
  const frameBits = rows * columns;
  const total = Math.ceil((frameBits * numberOfFrames) / 8);
  if (total > MAX_PACKED_BYTES) throw new RedactionError(msg('redaction-bits1-too-large', { syntax: tsName, frames: numberOfFrames, rows, columns }));
  const packed = PACKED.has(ts);
  // Packed codecs see a frame as one row of bytes; the image codecs as 8-bit samples of 1 stored bit.
  const info: FrameInfo = packed
    ? { rows: 1, columns: Math.ceil(frameBits / 8), samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0 }
    : { rows, columns, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 1, pixelRepresentation: 0, photometricInterpretation: layout.photometricInterpretation, planarConfiguration: 0 };
  if (codecs.canDecode && !codecs.canDecode(ts, info)) throw new RedactionError(msg('redaction-bits1-cannot-decode', { syntax: tsName }));
  const px = ds.elements.find((e) => e.tag === PIXEL_DATA);
  if (!px || px.value.kind !== 'fragments') throw new RedactionError(msg('redaction-not-encapsulated'));
  let image: Uint8Array;
  let compressed = 0;
  try {
    const split = await splitFrames(file.source, file.dataset, px.value.fragments, numberOfFrames, ts);
    compressed = split.compressedBytes;
    image = new Uint8Array(total);
    for (let f = 0; f < numberOfFrames; f++) {
      const bytes = await readFrame(file.source, split.frames[f]);
      const bounds = frameBoundsProblem(ts, info, bytes);
      if (bounds) throw new RedactionError(msg('redaction-frame', { frame: f + 1, frames: numberOfFrames, problem: msg(bounds.code, bounds.params) }));
      const decoded = (await codecs.decode(ts, bytes, info)).pixels;
      if (packed) {
        if (decoded.length < info.columns) throw new RedactionError(msg('redaction-bits1-frame-short', { frame: f + 1, length: decoded.length, needed: info.columns }));
        copyBits(decoded, image, f * frameBits, frameBits);
      } else {
        if (decoded.length < frameBits) throw new RedactionError(msg('redaction-bits1-frame-short', { frame: f + 1, length: decoded.length, needed: frameBits }));
        const at = f * frameBits;
        for (let i = 0; i < frameBits; i++) if (decoded[i]) image[(at + i) >> 3] |= 1 << ((at + i) & 7);
      }
    }
  } catch (err) {
    if (err instanceof RedactionError) throw err;
    throw new RedactionError(msg('redaction-bits1-undecodable', { syntax: tsName, detail: errorDetail(err) }));
  }
  const patchSpans = bitSpans(layout, boxes, fillValues(layout)[0], false);
  for (const s of patchSpans) for (let p = s.start; p < s.end; p++) image[p] = (image[p] & ~(s.mask ?? 0xff)) | (s.pattern[0] & (s.mask ?? 0xff));

  const frames: FramesValue = { kind: 'frames', frameCount: 1, encapsulated: false, frameLength: total, produce: async () => image };
  let out = withElement(ds, { tag: PIXEL_DATA, vr: 'OB', value: frames, undefinedLength: false, offset: -1 });
  out = { ...out, elements: out.elements.filter((e) => e.tag !== EXTENDED_OFFSET_TABLE && e.tag !== EXTENDED_OFFSET_TABLE_LENGTHS) };
  out = clearOverlaysUnderBoxes(out, boxes, true, numberOfFrames);
  const lossy = lossyAttributes(out, ts, total, compressed);
  const warnings: Message[] = [];
  if (options.reencode === 'same-family-lossless') warnings.push(msg('no-lossless-encoder', { syntax: tsName }));
  warnings.push(msg('pixels-decoded', { syntax: tsName, count: numberOfFrames, written: 'Explicit VR Little Endian' }));
  if (lossy.lossy) warnings.push(msg('pixels-lossy-kept'));
  return { dataset: lossy.ds, transferSyntaxUID: EXPLICIT_VR_LE, warnings, frames, writtenLengths: [total], lossy: lossy.lossy };
}
