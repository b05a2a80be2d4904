// The Cornerstone codecs behind FrameCodecs, in Node: lossless encode → decode is the identity for
// JPEG-LS, JPEG 2000 and HTJ2K (grey 8/16-bit, signed and unsigned, RGB), colour frames are labelled
// as the encoder transforms them (YBR_RCT), and whole files in those syntaxes — and JPEG baseline
// YCbCr made with libjpeg-turbo's encoder — go through redaction: the box holds the darkest value,
// everything else decodes identical to the original's decode, written natively or re-encoded.

import { inEnglish } from '../../src/i18n/render-code.ts';
import { msg } from '../../src/core/messages/message.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { readFrame, splitFrames } from '../../src/core/pixels/encapsulated-frames.ts';
import type { FrameInfo } from '../../src/core/pixels/frame-codec.ts';
import { nodeFrameCodecs } from '../../src/codecs/node-loader.ts';
import { precisionFor, toBitsAllocated } from '../../src/codecs/cornerstone-codecs.ts';
import { concat, T } from '../fixtures/make.ts';
import { frames, makeEncapsulatedImage, pixelBytes, type Box, type ImageSpec } from '../core/pixels/image-fixtures.ts';
import { pixelDataOf, redact, str } from '../core/pixels/redact-helpers.ts';

const codecs = nodeFrameCodecs();
const JPEG_LS = '1.2.840.10008.1.2.4.80';
const J2K = '1.2.840.10008.1.2.4.90';
const HTJ2K = '1.2.840.10008.1.2.4.201';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';

const infoOf = (s: ImageSpec): FrameInfo => ({
  rows: s.rows, columns: s.cols, samplesPerPixel: s.spp ?? 1, bitsAllocated: s.bitsAllocated, bitsStored: s.bitsStored ?? (s.bitsAllocated === 16 ? 12 : 8),
  pixelRepresentation: s.signed ? 1 : 0, photometricInterpretation: s.pi, planarConfiguration: 0,
});

const SPECS: [string, ImageSpec][] = [
  ['grey 8-bit', { rows: 33, cols: 47, bitsAllocated: 8, pi: 'MONOCHROME2' }],
  ['grey 16-bit, 12 stored', { rows: 33, cols: 47, bitsAllocated: 16, pi: 'MONOCHROME2' }],
  ['grey 16-bit signed, 12 stored', { rows: 33, cols: 47, bitsAllocated: 16, signed: true, pi: 'MONOCHROME2' }],
  ['grey 16-bit signed, 16 stored', { rows: 33, cols: 47, bitsAllocated: 16, bitsStored: 16, signed: true, pi: 'MONOCHROME2' }],
  ['grey 16-bit, 16 stored', { rows: 33, cols: 47, bitsAllocated: 16, bitsStored: 16, pi: 'MONOCHROME1' }],
  ['RGB 8-bit', { rows: 33, cols: 47, spp: 3, bitsAllocated: 8, pi: 'RGB' }],
];

/** A signed frame as a conforming native reader holds it: the 16-bit words sign-extended. */
const frameOf = (s: ImageSpec) => frames(pixelBytes(s, true), s)[0];

describe('lossless encode → decode is the identity', () => {
  for (const ts of [JPEG_LS, J2K, HTJ2K]) {
    for (const [name, s] of SPECS) {
      it(`${ts === JPEG_LS ? 'JPEG-LS' : ts === J2K ? 'JPEG 2000' : 'HTJ2K'}: ${name}`, async () => {
        const info = infoOf(s);
        const target = codecs.encodeTarget!(ts, info);
        expect(target).not.toBeNull();
        const colour = (s.spp ?? 1) === 3;
        expect(target!.photometricInterpretation).toBe(colour && ts !== JPEG_LS ? 'YBR_RCT' : s.pi);
        const px = frameOf(s);
        const encoded = await codecs.encode!(ts, px, info);
        expect(encoded.length).toBeGreaterThan(16);
        const decoded = await codecs.decode(ts, encoded, { ...info, photometricInterpretation: target!.photometricInterpretation });
        expect(decoded.photometricInterpretation).toBe(s.pi === 'RGB' ? 'RGB' : s.pi);
        expect(decoded.planarConfiguration).toBe(0);
        expect(Buffer.from(decoded.pixels).equals(Buffer.from(px))).toBe(true);
      });
    }
  }

  it('declines what the encoders cannot do losslessly', () => {
    expect(codecs.encodeTarget!(J2K, { ...infoOf({ rows: 4, cols: 4, spp: 3, bitsAllocated: 16, pi: 'RGB' }) })).toBeNull();
    expect(codecs.encodeTarget!(HTJ2K, { ...infoOf({ rows: 4, cols: 4, bitsAllocated: 8, signed: true, pi: 'MONOCHROME2' }) })).toBeNull();
    expect(codecs.encodeTarget!(J2K, { ...infoOf({ rows: 4, cols: 4, spp: 3, bitsAllocated: 8, pi: 'YBR_FULL' }) })).toBeNull();
    expect(codecs.encodeTarget!('1.2.840.10008.1.2.4.70', infoOf({ rows: 4, cols: 4, bitsAllocated: 8, pi: 'MONOCHROME2' }))).toBeNull();
  });
});

describe('sample width and precision helpers', () => {
  it('widens 8-bit samples to 16 bits (sign-extending signed data) and narrows when they fit', () => {
    const info = infoOf({ rows: 1, cols: 3, bitsAllocated: 16, signed: true, pi: 'MONOCHROME2' });
    expect(Array.from(toBitsAllocated(Uint8Array.from([1, 0xff, 0x80]), 1, info))).toEqual([1, 0, 0xff, 0xff, 0x80, 0xff]);
    const narrow = infoOf({ rows: 1, cols: 2, bitsAllocated: 8, pi: 'MONOCHROME2' });
    expect(Array.from(toBitsAllocated(Uint8Array.from([7, 0, 200, 0]), 2, narrow))).toEqual([7, 200]);
    expect(() => toBitsAllocated(Uint8Array.from([0, 1]), 2, narrow)).toThrow(expect.objectContaining({ problem: msg('codec-sample-too-wide', { value: 256 }) }));
  });

  it('encodes with Bits Stored unless a sample does not fit it', () => {
    const info = infoOf({ rows: 1, cols: 2, bitsAllocated: 16, pi: 'MONOCHROME2' });
    expect(precisionFor(Uint8Array.from([0xff, 0x0f, 0, 0]), info)).toBe(12);
    expect(precisionFor(Uint8Array.from([0x00, 0x10, 0, 0]), info)).toBe(16);
  });
});

/** JPEG baseline frames from libjpeg-turbo's own encoder (JFIF, YCbCr 4:2:2, as scanners write). */
async function jpegEncoder() {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as (o: object) => Promise<{ JPEGEncoder: new () => {
    getDecodedBuffer(fi: object): Uint8Array; setQuality(q: number): void; setProgressive(p: number): void; setSubSampling(s: number): void;
    encode(): void; getEncodedBuffer(): Uint8Array; delete(): void;
  } }>;
  const m = await factory({ wasmBinary: readFileSync(require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm')), print: () => {}, printErr: () => {} });
  return (px: Uint8Array, s: ImageSpec) => {
    const e = new m.JPEGEncoder();
    e.getDecodedBuffer({ width: s.cols, height: s.rows, bitsPerSample: 8, componentCount: s.spp ?? 1, isSigned: false }).set(px);
    e.setQuality(92);
    e.setProgressive(0);
    e.setSubSampling(1); // 4:2:2
    e.encode();
    const out = new Uint8Array(e.getEncodedBuffer());
    e.delete();
    return out;
  };
}

async function decodeAll(bytes: Uint8Array): Promise<{ pi: string; frames: Uint8Array[] }> {
  const file = await readPart10(new MemorySource(bytes));
  const px = findElement(file.dataset, T.PixelData)!;
  const pi = str(file.dataset, T.PhotometricInterpretation)!;
  if (px.value.kind !== 'fragments') return { pi, frames: [await pixelDataOf(file)] };
  const { pixelLayout } = await import('../../src/core/pixels/pixel-layout.ts');
  const l = pixelLayout(file.dataset, true);
  const split = await splitFrames(file.source, file.dataset, px.value.fragments, l.numberOfFrames, file.transferSyntaxUID);
  const out: Uint8Array[] = [];
  for (const r of split.frames) {
    const d = await codecs.decode(file.transferSyntaxUID, await readFrame(file.source, r), {
      rows: l.rows, columns: l.columns, samplesPerPixel: l.samplesPerPixel, bitsAllocated: l.bitsAllocated, bitsStored: l.bitsStored,
      pixelRepresentation: l.pixelRepresentation, photometricInterpretation: l.photometricInterpretation, planarConfiguration: l.planarConfiguration,
    });
    out.push(d.pixels.slice());
  }
  return { pi: out.length ? l.photometricInterpretation : pi, frames: out };
}

/** The frame with the boxes filled with `fill` per sample (interleaved, LE). */
function filled(frame: Uint8Array, s: ImageSpec, boxes: Box[], fill: number[]): Uint8Array {
  const out = frame.slice();
  const spp = s.spp ?? 1;
  const bps = s.bitsAllocated / 8;
  const v = new DataView(out.buffer);
  for (const b of boxes) {
    for (let r = Math.max(0, Math.floor(b.y)); r < Math.min(s.rows, Math.ceil(b.y + b.height)); r++) {
      for (let c = Math.max(0, Math.floor(b.x)); c < Math.min(s.cols, Math.ceil(b.x + b.width)); c++) {
        for (let k = 0; k < spp; k++) {
          const at = ((r * s.cols + c) * spp + k) * bps;
          if (bps === 1) out[at] = fill[k];
          else v.setUint16(at, fill[k] & 0xffff, true);
        }
      }
    }
  }
  return out;
}

const BOXES: Box[] = [{ x: 3, y: 2, width: 10, height: 6 }, { x: 40, y: 20, width: 30, height: 30 }];

describe('compressed files through redaction', () => {
  for (const [ts, name] of [[JPEG_LS, 'JPEG-LS'], [J2K, 'JPEG 2000'], [HTJ2K, 'HTJ2K']] as const) {
    for (const [sname, s0] of [SPECS[1], SPECS[2], SPECS[5]]) {
      const s: ImageSpec = { ...s0, frames: 3 };
      it(`${name}, ${sname}, 3 frames: natively and re-encoded`, async () => {
        const info = infoOf(s);
        const target = codecs.encodeTarget!(ts, info)!;
        const encoded = await Promise.all(frames(pixelBytes(s, true), s).map((f) => codecs.encode!(ts, f, info)));
        const file = makeEncapsulatedImage({ ...s, pi: target.photometricInterpretation as ImageSpec['pi'] }, encoded, ts, { table: 'bot' });
        const fill = (s.spp ?? 1) === 3 ? [0, 0, 0] : s.signed ? [-2048] : [0];
        const want = frames(pixelBytes(s, true), s).map((f) => filled(f, s, BOXES, fill));

        const native = await redact(file, { redactionBoxes: BOXES, codecs });
        expect(native.problems).toEqual([]);
        expect(native.result.transferSyntaxUID).toBe(EXPLICIT_LE);
        expect(str(native.file.dataset, T.PhotometricInterpretation)).toBe(s.pi);
        const nativePx = await pixelDataOf(native.file);
        expect(nativePx.length).toBe(concat(want).length + (concat(want).length & 1));
        expect(Buffer.from(nativePx.subarray(0, concat(want).length)).equals(Buffer.from(concat(want)))).toBe(true);

        const again = await redact(file, { redactionBoxes: BOXES, codecs, reencode: 'same-family-lossless' });
        expect(again.problems).toEqual([]);
        expect(again.result.transferSyntaxUID).toBe(ts);
        expect(str(again.file.dataset, T.PhotometricInterpretation)).toBe(target.photometricInterpretation);
        const decoded = await decodeAll(again.out);
        expect(decoded.frames.map((f, i) => Buffer.from(f).equals(Buffer.from(want[i])))).toEqual([true, true, true]);
      });
    }
  }

  it('JPEG baseline YCbCr 4:2:2 (multi-frame, no offset table): RGB out, box black, the rest as decoded, lossy kept 01', async () => {
    const s: ImageSpec = { rows: 64, cols: 96, frames: 3, spp: 3, bitsAllocated: 8, pi: 'RGB' };
    // Smooth colour gradients, as a photograph or an ultrasound screen would have.
    const rgb = Array.from({ length: 3 }, (_, f) => {
      const px = new Uint8Array(64 * 96 * 3);
      for (let r = 0; r < 64; r++) for (let c = 0; c < 96; c++) px.set([2 * c + 20, 3 * r + 20 * f, 128 + c - r], (r * 96 + c) * 3);
      return px;
    });
    const encode = await jpegEncoder();
    const file = makeEncapsulatedImage({ ...s, pi: 'YBR_FULL_422' as ImageSpec['pi'] }, rgb.map((f) => encode(f, s)), JPEG_BASELINE, { table: 'none', fragmentsPerFrame: 2 });
    const original = await decodeAll(file);
    expect(original.frames).toHaveLength(3);
    const { out, file: outFile, result, problems } = await redact(file, { redactionBoxes: BOXES, codecs, reencode: 'same-family-lossless' });
    expect(problems).toEqual([]);
    expect(result.transferSyntaxUID).toBe(EXPLICIT_LE); // no lossless JPEG encoder
    expect(result.warnings.map(inEnglish).join(' ')).toMatch(/photometric interpretation from YBR_FULL_422 to RGB/);
    expect(str(outFile.dataset, T.PhotometricInterpretation)).toBe('RGB');
    expect(str(outFile.dataset, 0x00282110)).toBe('01');
    expect(str(outFile.dataset, 0x00282114)).toBe('ISO_10918_1');
    const [all] = (await decodeAll(out)).frames;
    const frameLen = 64 * 96 * 3;
    for (let f = 0; f < 3; f++) {
      const mine = all.subarray(f * frameLen, (f + 1) * frameLen);
      expect(Buffer.from(mine).equals(Buffer.from(filled(original.frames[f], s, BOXES, [0, 0, 0])))).toBe(true);
      // No colour shift: the decoded RGB is within JPEG's loss of the RGB that was encoded.
      let diff = 0;
      for (let i = 0; i < frameLen; i++) diff += Math.abs(original.frames[f][i] - rgb[f][i]);
      expect(diff / frameLen).toBeLessThan(3);
    }
  });
});
