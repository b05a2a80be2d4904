// The layout of native (uncompressed) pixel data, from the Image Pixel module (PS3.3 C.7.6.3):
// rows, columns, samples, bits, planar configuration, photometric interpretation and frames,
// and where each pixel sample of each frame sits in the Pixel Data value (PS3.5 §8.1.1, §8.2).

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { findElement, type Element, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { asciiValue } from '../dicom/value-text.ts';

export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  /** 0: R1G1B1R2G2B2…; 1: all R, then all G, then all B (PS3.3 C.7.6.3.1.3). */
  planarConfiguration: 0 | 1;
  photometricInterpretation: string;
  numberOfFrames: number;
  pixelPaddingValue?: number;
  /** Bytes per frame (bit-packed for BitsAllocated 1; two samples per pixel for 4:2:2 YBR). */
  frameBytes: number;
}

export const PX = {
  SamplesPerPixel: tag(0x0028, 0x0002),
  PhotometricInterpretation: tag(0x0028, 0x0004),
  PlanarConfiguration: tag(0x0028, 0x0006),
  NumberOfFrames: tag(0x0028, 0x0008),
  Rows: tag(0x0028, 0x0010),
  Columns: tag(0x0028, 0x0011),
  BitsAllocated: tag(0x0028, 0x0100),
  BitsStored: tag(0x0028, 0x0101),
  HighBit: tag(0x0028, 0x0102),
  PixelRepresentation: tag(0x0028, 0x0103),
  PixelPaddingValue: tag(0x0028, 0x0120),
  Manufacturer: tag(0x0008, 0x0070),
  ManufacturerModelName: tag(0x0008, 0x1090),
  Modality: tag(0x0008, 0x0060),
  BurnedInAnnotation: tag(0x0028, 0x0301),
};

export function usValue(el: Element | undefined, littleEndian: boolean): number | undefined {
  if (!el || el.value.kind !== 'bytes' || el.value.bytes.length < 2) return undefined;
  const b = el.value.bytes;
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint16(0, littleEndian);
}

function signedOrUnsigned(el: Element | undefined, littleEndian: boolean, signed: boolean): number | undefined {
  const u = usValue(el, littleEndian);
  if (u === undefined) return undefined;
  return signed && el!.vr !== 'US' ? (u << 16) >> 16 : u;
}

export function stringValue(ds: Item, t: number): string {
  const el = findElement(ds, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
}

/** Read the layout; throws a MessageError when the module is incomplete. */
export function pixelLayout(ds: Item, littleEndian: boolean): PixelLayout {
  const us = (t: number) => usValue(findElement(ds, t), littleEndian);
  const rows = us(PX.Rows);
  const columns = us(PX.Columns);
  const bitsAllocated = us(PX.BitsAllocated);
  if (!rows || !columns || !bitsAllocated) throw new MessageError(msg('pixel-module-incomplete'));
  const samplesPerPixel = us(PX.SamplesPerPixel) ?? 1;
  const pixelRepresentation = (us(PX.PixelRepresentation) ?? 0) === 1 ? 1 : 0;
  const frames = parseInt(stringValue(ds, PX.NumberOfFrames) || '1', 10);
  const photometricInterpretation = stringValue(ds, PX.PhotometricInterpretation).toUpperCase() || 'MONOCHROME2';
  // YBR_FULL_422 / YBR_PARTIAL_422 (PS3.3 C.7.6.3.1.2): Y1 Y2 Cb Cr per two pixels.
  const storedSamples = samplesPerPixel === 3 && photometricInterpretation.endsWith('_422') ? 2 : samplesPerPixel;
  const bitsPerFrame = rows * columns * storedSamples * bitsAllocated;
  return {
    rows, columns, samplesPerPixel, bitsAllocated,
    bitsStored: us(PX.BitsStored) ?? bitsAllocated,
    pixelRepresentation,
    planarConfiguration: samplesPerPixel > 1 && us(PX.PlanarConfiguration) === 1 ? 1 : 0,
    photometricInterpretation,
    numberOfFrames: Number.isFinite(frames) && frames > 0 ? frames : 1,
    pixelPaddingValue: signedOrUnsigned(findElement(ds, PX.PixelPaddingValue), littleEndian, pixelRepresentation === 1),
    frameBytes: bitsAllocated === 1 ? Math.ceil(bitsPerFrame / 8) : bitsPerFrame / 8,
  };
}
