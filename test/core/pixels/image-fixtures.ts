// Synthetic images in every native pixel format, built with the independent fixture encoder
// (test/fixtures), and an independent model of what redaction must produce: sample values per
// frame/row/column/sample, the darkest value for each photometric interpretation, and the exact
// Pixel Data bytes expected after a box fill. Nothing here uses src/core/pixels.

import { makePart10, T, TS, type FxElement } from '../../fixtures/make.ts';
import { rleFrame } from '../../fixtures/pixels.ts';

export interface ImageSpec {
  rows: number;
  cols: number;
  frames?: number;
  spp?: 1 | 3;
  bitsAllocated: 8 | 16 | 32;
  bitsStored?: number;
  signed?: boolean;
  planar?: 0 | 1;
  pi: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB' | 'YBR_FULL' | 'PALETTE COLOR';
  transferSyntax?: string;
  extra?: FxElement[];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  frames?: number[];
}

export const bitsStoredOf = (s: ImageSpec) => s.bitsStored ?? (s.bitsAllocated === 32 ? 32 : s.bitsAllocated === 16 ? 12 : 8);

/** A deterministic sample value within the stored range (negative values too when signed). */
export function sampleValue(s: ImageSpec, f: number, r: number, c: number, k: number): number {
  const bs = bitsStoredOf(s);
  const span = bs >= 31 ? 2 ** 30 : 2 ** bs;
  const base = (r * 131 + c * 17 + f * 59 + k * 97 + 7) % span;
  if (s.pi === 'PALETTE COLOR') return (r * 3 + c * 5 + f) % 16 + 1; // never the darkest entry, 0
  if (!s.signed) return base + (bs >= 31 ? 1000 : 0);
  return base - span / 2;
}

/** The value that displays as black for the format (PS3.3 C.7.6.3.1.2), per sample. */
export function darkest(s: ImageSpec): number[] {
  const bs = bitsStoredOf(s);
  const spp = s.spp ?? 1;
  const min = s.signed ? -(2 ** (bs - 1)) : 0;
  const max = s.signed ? 2 ** (bs - 1) - 1 : 2 ** bs - 1;
  if (s.pi === 'MONOCHROME2') return [min];
  if (s.pi === 'MONOCHROME1') return [max];
  if (s.pi === 'YBR_FULL') return [0, 2 ** (bs - 1), 2 ** (bs - 1)];
  if (s.pi === 'PALETTE COLOR') return [0]; // paletteLut() makes entry 0 black
  return new Array(spp).fill(0);
}

const covered = (b: Box, f: number, r: number, c: number) =>
  (!b.frames || b.frames.includes(f)) && c >= Math.floor(b.x) && c < Math.ceil(b.x + b.width) && r >= Math.floor(b.y) && r < Math.ceil(b.y + b.height);

/** Native Pixel Data bytes of the whole image, optionally with the boxes filled with the darkest value. */
export function pixelBytes(s: ImageSpec, littleEndian: boolean, boxes: Box[] = []): Uint8Array {
  const frames = s.frames ?? 1;
  const spp = s.spp ?? 1;
  const bps = s.bitsAllocated / 8;
  const out = new Uint8Array(frames * s.rows * s.cols * spp * bps);
  const v = new DataView(out.buffer);
  const fill = darkest(s);
  for (let f = 0; f < frames; f++) {
    for (let r = 0; r < s.rows; r++) {
      for (let c = 0; c < s.cols; c++) {
        const inBox = boxes.some((b) => covered(b, f, r, c));
        for (let k = 0; k < spp; k++) {
          const value = inBox ? fill[Math.min(k, fill.length - 1)] : sampleValue(s, f, r, c, k);
          const index = s.planar === 1 ? ((f * spp + k) * s.rows + r) * s.cols + c : ((f * s.rows + r) * s.cols + c) * spp + k;
          const at = index * bps;
          if (bps === 1) out[at] = value & 0xff;
          else if (bps === 2) v.setUint16(at, value & 0xffff, littleEndian);
          else v.setUint32(at, value >>> 0, littleEndian);
        }
      }
    }
  }
  return out;
}

/** A 16-entry palette whose entry 0 is black and every other entry brighter. */
export function paletteLut(): { red: number[]; green: number[]; blue: number[] } {
  const red = [0], green = [0], blue = [0];
  for (let i = 1; i < 16; i++) {
    red.push(((i * 40) % 256) * 257 + 2000);
    green.push(((i * 90) % 256) * 257 + 3000);
    blue.push(((i * 150) % 256) * 257 + 1000);
  }
  return { red, green, blue };
}

export function imageElements(s: ImageSpec, pixelData: FxElement | null): FxElement[] {
  const spp = s.spp ?? 1;
  const els: FxElement[] = [
    { tag: T.SOPClassUID, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7' },
    { tag: T.SOPInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.7.1' },
    { tag: T.Modality, vr: 'CS', value: 'OT' },
    { tag: T.Manufacturer, vr: 'LO', value: 'ACME' },
    { tag: T.PatientName, vr: 'PN', value: 'Doe^Jane' },
    { tag: T.PatientID, vr: 'LO', value: 'PID-1' },
    { tag: T.StudyInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.7.2' },
    { tag: T.SeriesInstanceUID, vr: 'UI', value: '1.2.826.0.1.3680043.9999.7.3' },
    { tag: T.SamplesPerPixel, vr: 'US', value: [spp] },
    { tag: T.PhotometricInterpretation, vr: 'CS', value: s.pi },
    { tag: T.Rows, vr: 'US', value: [s.rows] },
    { tag: T.Columns, vr: 'US', value: [s.cols] },
    { tag: T.BitsAllocated, vr: 'US', value: [s.bitsAllocated] },
    { tag: T.BitsStored, vr: 'US', value: [bitsStoredOf(s)] },
    { tag: T.HighBit, vr: 'US', value: [bitsStoredOf(s) - 1] },
    { tag: T.PixelRepresentation, vr: 'US', value: [s.signed ? 1 : 0] },
  ];
  if (spp > 1) els.push({ tag: T.PlanarConfiguration, vr: 'US', value: [s.planar ?? 0] });
  if ((s.frames ?? 1) > 1) els.push({ tag: T.NumberOfFrames, vr: 'IS', value: String(s.frames) });
  if (s.pi === 'PALETTE COLOR') {
    const lut = paletteLut();
    for (const [k, data] of [[1, lut.red], [2, lut.green], [3, lut.blue]] as const) {
      els.push({ tag: 0x00281100 + k, vr: 'US', value: [16, 0, 16] });
      els.push({ tag: 0x00281200 + k, vr: 'OW', value: data });
    }
  }
  if (pixelData) els.push(pixelData);
  const extra = s.extra ?? [];
  const all = [...els.filter((e) => !extra.some((x) => x.tag === e.tag)), ...extra];
  return all.sort((a, b) => a.tag - b.tag);
}

/** A Part 10 file with native pixel data. */
export function makeNativeImage(s: ImageSpec): Uint8Array {
  const ts = s.transferSyntax ?? TS.ExplicitLE;
  const le = ts !== TS.ExplicitBE;
  const vr = s.bitsAllocated === 8 ? 'OB' : 'OW';
  return makePart10(imageElements(s, { tag: T.PixelData, vr, value: pixelBytes(s, le) }), { transferSyntax: ts });
}

/** RLE Lossless (PS3.5 G) written the plainest way: literal runs only, one segment per byte plane. */
export function rleLiteralFrame(frameLE: Uint8Array, s: ImageSpec): Uint8Array {
  const spp = s.spp ?? 1;
  const bps = s.bitsAllocated / 8;
  const n = s.rows * s.cols;
  const segments: Uint8Array[] = [];
  for (let k = 0; k < spp; k++) {
    for (let b = bps - 1; b >= 0; b--) {
      const plane = new Uint8Array(n);
      for (let p = 0; p < n; p++) plane[p] = frameLE[(s.planar === 1 ? k * n + p : p * spp + k) * bps + b];
      const parts: number[] = [];
      for (let i = 0; i < n; i += 128) {
        const len = Math.min(128, n - i);
        parts.push(len - 1, ...plane.subarray(i, i + len));
      }
      if (parts.length & 1) parts.push(128);
      segments.push(Uint8Array.from(parts));
    }
  }
  return rleFrame(segments);
}

/** Split native LE pixel data into frames. */
export function frames(bytes: Uint8Array, s: ImageSpec): Uint8Array[] {
  const n = s.frames ?? 1;
  const len = bytes.length / n;
  return Array.from({ length: n }, (_, f) => bytes.subarray(f * len, (f + 1) * len));
}

export interface EncapsulatedOptions {
  /** 'bot': Basic Offset Table; 'eot': Extended Offset Table; 'none': empty table. */
  table?: 'bot' | 'eot' | 'none';
  /** Split each frame into this many fragments. */
  fragmentsPerFrame?: number;
}

/** A Part 10 file with the given encoded frames encapsulated (PS3.5 A.4). */
export function makeEncapsulatedImage(s: ImageSpec, encoded: Uint8Array[], transferSyntax: string, o: EncapsulatedOptions = {}): Uint8Array {
  const fragments: Uint8Array[] = [];
  const offsets: number[] = [];
  let pos = 0;
  for (const frame of encoded) {
    offsets.push(pos);
    const per = o.fragmentsPerFrame ?? 1;
    const size = Math.max(2, 2 * Math.ceil(frame.length / per / 2));
    for (let at = 0; at < frame.length; at += size) {
      const frag = frame.slice(at, at + size);
      fragments.push(frag);
      pos += 8 + frag.length + (frag.length & 1);
    }
  }
  const extra: FxElement[] = [];
  let offsetTable: Uint8Array | undefined;
  if (o.table === 'bot') {
    offsetTable = new Uint8Array(4 * offsets.length);
    offsets.forEach((x, i) => new DataView(offsetTable!.buffer).setUint32(4 * i, x, true));
  }
  if (o.table === 'eot') {
    const eot = new Uint8Array(8 * offsets.length);
    const lens = new Uint8Array(8 * offsets.length);
    offsets.forEach((x, i) => {
      new DataView(eot.buffer).setBigUint64(8 * i, BigInt(x), true);
      new DataView(lens.buffer).setBigUint64(8 * i, BigInt(encoded[i].length), true);
    });
    extra.push({ tag: 0x7fe00001, vr: 'OV', value: eot }, { tag: 0x7fe00002, vr: 'OV', value: lens });
  }
  const px: FxElement = { tag: T.PixelData, vr: 'OB', value: { fragments, offsetTable } };
  const els = imageElements(s, px);
  return makePart10([...els.filter((e) => e.tag !== T.PixelData), ...extra, px].sort((a, b) => a.tag - b.tag), { transferSyntax });
}

/** Independent RLE Lossless decoder (PS3.5 G.3.2) to native LE interleaved pixels. */
export function rleDecodeToLE(data: Uint8Array, s: ImageSpec): Uint8Array {
  const spp = s.spp ?? 1;
  const bps = s.bitsAllocated / 8;
  const n = s.rows * s.cols;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = v.getUint32(0, true);
  if (count !== spp * bps) throw new Error(`RLE: ${count} segments, expected ${spp * bps}`);
  const out = new Uint8Array(n * spp * bps);
  for (let seg = 0; seg < count; seg++) {
    const start = v.getUint32(4 + 4 * seg, true);
    const end = seg + 1 < count ? v.getUint32(8 + 4 * seg, true) : data.length;
    const plane: number[] = [];
    for (let i = start; i < end && plane.length < n; ) {
      const h = data[i++];
      if (h < 128) {
        for (let m = 0; m <= h; m++) plane.push(data[i++]);
      } else if (h > 128) {
        const b = data[i++];
        for (let m = 0; m < 257 - h; m++) plane.push(b);
      }
    }
    if (plane.length < n) throw new Error(`RLE segment ${seg} is short`);
    const k = Math.floor(seg / bps);
    const byte = bps - 1 - (seg % bps);
    for (let p = 0; p < n; p++) out[(p * spp + k) * bps + byte] = plane[p];
  }
  return out;
}
