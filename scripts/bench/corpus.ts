// The benchmark's own deterministic corpus, written into a temporary folder (never committed):
//   ct/   a 512×512 16-bit CT series (~0.5 MB a slice) with realistic identifying headers
//   big/  one large multi-frame 16-bit file, written frame by frame (never held in memory)
//   us/   JPEG Baseline ultrasound images (640×480 RGB, YBR_FULL_422) with burned-in text
// Headers come from the independent fixture builder in test/fixtures (names, IDs, dates,
// accession, institution, referring physician, nested sequences, a private block, UIDs).
// The JPEG images are real baseline codestreams from libjpeg-turbo (the Cornerstone codec's
// WASM encoder), so decoders and the redaction path see genuine JPEG.

import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ctElements, makePart10, T, TS, type FxElement } from '../../test/fixtures/make.ts';
import { drawText } from '../sample/bitmap-font.ts';

const ROOT = '1.2.826.0.1.3680043.9999.77'; // fictitious root, as in the fixtures
const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';
const US_IMAGE = '1.2.840.10008.5.1.4.1.1.6.1';
const LOSSY_IMAGE_COMPRESSION = 0x00282110;

export interface CorpusSpec {
  ctFiles: number;
  bigMiB: number;
  usFiles: number;
}

export interface Corpus {
  dir: string;
  ct: { dir: string; files: string[]; bytes: number };
  big: { dir: string; file: string; bytes: number; frames: number };
  us: { dir: string; files: string[]; bytes: number };
  template: string;
  seconds: number;
}

const s = (tag: number, vr: string, value: string | string[]): FxElement => ({ tag, vr, value });
const u16 = (tag: number, value: number): FxElement => ({ tag, vr: 'US', value: [value] });

/** Stored values (12 bits, rescale −1024) of a chest-like phantom slice; z in [0, 1]. */
function ctSlice(px: Uint16Array, n: number, z: number): void {
  const hu = (v: number) => Math.max(0, Math.min(4095, v + 1024));
  const AIR = hu(-1000), SOFT = hu(40), LUNG = hu(-820), BONE = hu(900), LESION = hu(60);
  const lesionR = 0.02 + 0.06 * Math.sin(Math.PI * z);
  for (let y = 0; y < n; y++) {
    const fy = (y - n / 2) / (n / 2);
    for (let x = 0; x < n; x++) {
      const fx = (x - n / 2) / (n / 2);
      let v = AIR;
      if ((fx / 0.85) ** 2 + (fy / 0.62) ** 2 < 1) {
        v = SOFT;
        if (((fx + 0.38) / 0.27) ** 2 + (fy / 0.42) ** 2 < 1 || ((fx - 0.38) / 0.27) ** 2 + (fy / 0.42) ** 2 < 1) v = LUNG;
        if (fx ** 2 + (fy - 0.45) ** 2 < 0.01) v = BONE;
        if ((fx - 0.3) ** 2 + (fy + 0.1) ** 2 < lesionR ** 2) v = LESION;
        v += ((x * 7 + y * 13) & 15) - 8; // a little deterministic texture
      }
      px[y * n + x] = v;
    }
  }
}

function ctHeaderExtras(i: number, total: number, frames: number): FxElement[] {
  return [
    s(T.InstanceNumber, 'IS', String(i + 1)),
    s(T.ImagePositionPatient, 'DS', ['-125', '-125', (-40 - i * 0.625).toFixed(3)]),
    s(T.StudyInstanceUID, 'UI', `${ROOT}.1`),
    s(T.SeriesInstanceUID, 'UI', `${ROOT}.${frames > 1 ? 3 : 2}`),
    s(T.FrameOfReferenceUID, 'UI', `${ROOT}.4`),
    s(T.SeriesDescription, 'LO', frames > 1 ? 'VOLUME 0.625MM' : `AXIAL 0.625MM (${total} images)`),
  ];
}

function writeCtSeries(dir: string, count: number): { files: string[]; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const n = 512;
  const px = new Uint16Array(n * n);
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    ctSlice(px, n, count > 1 ? i / (count - 1) : 0.5);
    const pixel: FxElement = { tag: T.PixelData, vr: 'OW', value: new Uint8Array(px.buffer, px.byteOffset, px.byteLength) };
    const els = ctElements({ rows: n, cols: n, sopInstanceUID: `${ROOT}.2.${i + 1}`, noPixelData: true, extra: [...ctHeaderExtras(i, count, 1), pixel] });
    const file = makePart10(els, { transferSyntax: TS.ExplicitLE });
    const name = join(dir, `IM${String(i + 1).padStart(5, '0')}.dcm`);
    writeFileSync(name, file);
    files.push(name);
    bytes += file.length;
  }
  return { files, bytes };
}

/** One multi-frame file of at least `mib` MiB of pixel data, streamed frame by frame. */
function writeBig(dir: string, mib: number): { file: string; bytes: number; frames: number } {
  mkdirSync(dir, { recursive: true });
  if (mib <= 0) return { file: '', bytes: 0, frames: 0 };
  const n = 512;
  const frameBytes = n * n * 2;
  const frames = Math.max(2, Math.ceil((mib * 2 ** 20) / frameBytes));
  const total = frames * frameBytes;
  if (total > 0xfffffffe) throw new Error(`--big-mb ${mib}: pixel data of ${total} bytes does not fit a 32-bit length`);
  const extra: FxElement[] = [...ctHeaderExtras(0, 1, frames), s(T.SOPClassUID, 'UI', ENHANCED_CT), s(T.NumberOfFrames, 'IS', String(frames))];
  const head = makePart10(ctElements({ rows: n, cols: n, sopInstanceUID: `${ROOT}.3.1`, noPixelData: true, extra }), { transferSyntax: TS.ExplicitLE });
  const file = join(dir, 'VOLUME.dcm');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    const el = Buffer.alloc(12);
    el.writeUInt16LE(0x7fe0, 0);
    el.writeUInt16LE(0x0010, 2);
    el.write('OW', 4, 'latin1');
    el.writeUInt32LE(total, 8);
    writeSync(fd, el);
    // 32 distinct phantom slices, cycled: realistic content without computing every frame.
    const variants = Math.min(32, frames);
    const cache: Uint8Array[] = [];
    const px = new Uint16Array(n * n);
    for (let v = 0; v < variants; v++) {
      ctSlice(px, n, v / Math.max(1, variants - 1));
      cache.push(new Uint8Array(px.buffer.slice(0)));
    }
    for (let f = 0; f < frames; f++) writeSync(fd, cache[Math.floor((f / frames) * variants)]);
  } finally {
    closeSync(fd);
  }
  return { file, bytes: head.length + 12 + total, frames };
}

interface JpegEncoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }): Uint8Array;
  setProgressive(p: boolean): void;
  setQuality(quality: number): void;
  setSubSampling(s: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

async function jpegEncoder(): Promise<new () => JpegEncoder> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as () => Promise<{ JPEGEncoder: new () => JpegEncoder }>;
  return (await factory()).JPEGEncoder;
}

async function writeUltrasound(dir: string, count: number): Promise<{ files: string[]; bytes: number }> {
  mkdirSync(dir, { recursive: true });
  const Encoder = await jpegEncoder();
  const W = 640, H = 480;
  const files: string[] = [];
  let bytes = 0;
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const enc = new Encoder();
    const rgb = enc.getDecodedBuffer({ width: W, height: H, bitsPerSample: 8, componentCount: 3, isSigned: false });
    rgb.fill(0);
    // A sector of speckle below the header band, a brighter "organ" that moves from image to image.
    const cx = W / 2, cy = 40, ox = 260 + 80 * Math.sin(i / 7), oy = 260;
    for (let y = 50; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const dx = x - cx, dy = y - cy, r = Math.hypot(dx, dy);
        if (r > 420 || Math.abs(Math.atan2(dx, dy)) > 0.75) continue;
        let g = 40 + rand() * 90 * (1 - r / 600);
        if ((x - ox) ** 2 / 90 ** 2 + (y - oy) ** 2 / 60 ** 2 < 1) g = 140 + rand() * 80;
        const o = (y * W + x) * 3;
        rgb[o] = rgb[o + 1] = rgb[o + 2] = g;
      }
    }
    // Burned-in patient details in the top band (what the template redacts).
    const plot = (x: number, y: number) => {
      if (x < 0 || y < 0 || x >= W || y >= H) return;
      const o = (y * W + x) * 3;
      rgb[o] = 255; rgb[o + 1] = 255; rgb[o + 2] = 160;
    };
    drawText('DOE JANE Q  PID-0042  DOB 1970-02-14', 8, 6, 2, plot);
    drawText(`ST FIXTURE GENERAL  2024-03-15 10:15:${String(i % 60).padStart(2, '0')}`, 8, 26, 2, plot);
    enc.setProgressive(false);
    enc.setSubSampling(1); // 4:2:2 → YBR_FULL_422
    enc.setQuality(90);
    enc.encode();
    const jpeg = enc.getEncodedBuffer().slice();
    enc.delete();
    const extra: FxElement[] = [
      s(T.SOPClassUID, 'UI', US_IMAGE),
      s(T.Modality, 'CS', 'US'),
      s(T.ManufacturerModelName, 'LO', 'SonoFixture 5'),
      s(T.ImageType, 'CS', ['ORIGINAL', 'PRIMARY']),
      s(T.StudyInstanceUID, 'UI', `${ROOT}.5`),
      s(T.SeriesInstanceUID, 'UI', `${ROOT}.6`),
      s(T.InstanceNumber, 'IS', String(i + 1)),
      u16(T.SamplesPerPixel, 3),
      s(T.PhotometricInterpretation, 'CS', 'YBR_FULL_422'),
      u16(T.PlanarConfiguration, 0),
      u16(T.Rows, H),
      u16(T.Columns, W),
      u16(T.BitsAllocated, 8),
      u16(T.BitsStored, 8),
      u16(T.HighBit, 7),
      s(T.BurnedInAnnotation, 'CS', 'YES'),
      s(LOSSY_IMAGE_COMPRESSION, 'CS', '01'),
      { tag: T.PixelData, vr: 'OB', value: { fragments: [jpeg] }, undefinedLength: true },
    ];
    const omit = [T.ImagePositionPatient, T.ImageOrientationPatient, T.PixelSpacing, T.SliceThickness, T.KVP, T.FrameOfReferenceUID,
      T.WindowCenter, T.WindowWidth, T.RescaleIntercept, T.RescaleSlope, T.PatientPosition];
    const els = ctElements({ transferSyntax: TS.JPEGBaseline, sopInstanceUID: `${ROOT}.7.${i + 1}`, noPixelData: true, extra, omit });
    const file = makePart10(els, { transferSyntax: TS.JPEGBaseline });
    const name = join(dir, `US${String(i + 1).padStart(4, '0')}.dcm`);
    writeFileSync(name, file);
    files.push(name);
    bytes += file.length;
  }
  return { files, bytes };
}

export async function writeCorpus(dir: string, spec: CorpusSpec): Promise<Corpus> {
  const t0 = performance.now();
  const ct = writeCtSeries(join(dir, 'ct'), spec.ctFiles);
  const us = await writeUltrasound(join(dir, 'us'), spec.usFiles);
  const big = writeBig(join(dir, 'big'), spec.bigMiB);
  const template = join(dir, 'us-template.json');
  writeFileSync(template, `${JSON.stringify({
    version: 1,
    templates: [{ name: 'SonoFixture 5 header band', match: { Modality: 'US', ManufacturerModelName: 'SonoFixture 5', Rows: 480, Columns: 640 }, boxes: [{ x: 0, y: 0, width: 640, height: 48 }] }],
  }, null, 2)}\n`);
  return {
    dir,
    ct: { dir: join(dir, 'ct'), ...ct },
    big: { dir: join(dir, 'big'), ...big },
    us: { dir: join(dir, 'us'), ...us },
    template,
    seconds: (performance.now() - t0) / 1000,
  };
}
