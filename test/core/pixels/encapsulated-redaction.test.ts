// Redaction of encapsulated pixel data through the FrameCodecs seam, without WASM: RLE Lossless
// (core's TypeScript codec), Encapsulated Uncompressed, and a fake "JPEG" codec that stands for the
// lossy colour codecs. Checks the box fill, byte identity outside the boxes after decoding, the
// written transfer syntax and file meta, the image pixel attributes (Photometric Interpretation,
// Planar Configuration, Lossy Image Compression with method and ratio), frame splitting (Basic and
// Extended Offset Tables, none, several fragments per frame, start markers), one-frame-at-a-time
// production, and the errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { deidentifyFile, planFile } from '../../../src/core/deid/process-file.ts';
import { coreFrameCodecs, combineFrameCodecs } from '../../../src/core/pixels/core-codecs.ts';
import { readFrame, splitFrames } from '../../../src/core/pixels/encapsulated-frames.ts';
import type { FrameCodecs } from '../../../src/core/pixels/frame-codec.ts';
import { RleError, rleDecodeFrame, rleEncodeFrame } from '../../../src/core/pixels/rle.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';
import { makeTestSession } from '../helpers.ts';
import { concat, rleDecodeFrame as fixtureRleDecode, rleEncodeFrame as fixtureRleEncode, T, TS } from '../../fixtures/make.ts';
import {
  frames, makeEncapsulatedImage, pixelBytes, rleDecodeToLE, rleLiteralFrame, type Box, type EncapsulatedOptions, type ImageSpec,
} from './image-fixtures.ts';
import { methodCodes, pixelDataOf, redact, str } from './redact-helpers.ts';
import { reasonText, warningTexts } from '../../helpers/messages.ts';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const info = (s: ImageSpec) => ({
  rows: s.rows, columns: s.cols, samplesPerPixel: s.spp ?? 1, bitsAllocated: s.bitsAllocated, bitsStored: s.bitsStored ?? s.bitsAllocated,
  pixelRepresentation: (s.signed ? 1 : 0) as 0 | 1, photometricInterpretation: s.pi, planarConfiguration: (s.planar ?? 0) as 0 | 1,
});

/** An RLE file of the spec: frames encoded plainly (literal runs) from the fixture's own pixel model. */
function rleImage(s: ImageSpec, o: EncapsulatedOptions = {}): Uint8Array {
  return makeEncapsulatedImage(s, frames(pixelBytes(s, true), s).map((f) => rleLiteralFrame(f, s)), TS.RLELossless, o);
}

/** The same image with planar configuration 0, as decoded output is always interleaved. */
const interleaved = (s: ImageSpec): ImageSpec => ({ ...s, planar: 0 });

const BOXES: Box[] = [{ x: 1, y: 2, width: 4, height: 3 }, { x: 9.5, y: -1, width: 30, height: 2 }];

const RLE_FORMATS: [string, ImageSpec][] = [
  ['MONOCHROME2 8-bit', { rows: 10, cols: 12, bitsAllocated: 8, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 16-bit signed', { rows: 10, cols: 12, bitsAllocated: 16, signed: true, pi: 'MONOCHROME2' }],
  ['MONOCHROME1 16-bit', { rows: 10, cols: 12, bitsAllocated: 16, pi: 'MONOCHROME1' }],
  ['MONOCHROME2 32-bit', { rows: 10, cols: 12, bitsAllocated: 32, pi: 'MONOCHROME2' }],
  ['RGB 8-bit (header says planar 0)', { rows: 10, cols: 12, spp: 3, bitsAllocated: 8, pi: 'RGB', planar: 0 }],
  ['RGB 8-bit (header says planar 1)', { rows: 10, cols: 12, spp: 3, bitsAllocated: 8, pi: 'RGB', planar: 1 }],
  ['RGB 16-bit', { rows: 10, cols: 12, spp: 3, bitsAllocated: 16, bitsStored: 16, pi: 'RGB' }],
  ['YBR_FULL 8-bit', { rows: 10, cols: 12, spp: 3, bitsAllocated: 8, pi: 'YBR_FULL' }],
  ['PALETTE COLOR 8-bit', { rows: 10, cols: 12, bitsAllocated: 8, pi: 'PALETTE COLOR' }],
  ['multi-frame MONOCHROME2 16-bit', { rows: 10, cols: 12, frames: 3, bitsAllocated: 16, pi: 'MONOCHROME2' }],
];

async function outputFrames(out: Uint8Array, s: ImageSpec): Promise<Uint8Array[]> {
  const { readPart10 } = await import('../../../src/core/dicom/reader.ts');
  const file = await readPart10(new MemorySource(out));
  const px = findElement(file.dataset, T.PixelData)!;
  if (px.value.kind !== 'fragments') throw new Error('not encapsulated');
  const split = await splitFrames(file.source, file.dataset, px.value.fragments, s.frames ?? 1, file.transferSyntaxUID);
  return Promise.all(split.frames.map((r) => readFrame(file.source, r)));
}

describe('RLE Lossless codec (PS3.5 Annex G)', () => {
  it('decodes the fixture encoder’s frames (replicate and literal runs)', () => {
    for (const bits of [8, 16] as const) {
      const enc = fixtureRleEncode(9, 13, 2, bits);
      const s: ImageSpec = { rows: 9, cols: 13, bitsAllocated: bits, bitsStored: bits, pi: 'MONOCHROME2' };
      const got = rleDecodeFrame(enc, info(s));
      const want = fixtureRleDecode(enc, 9, 13, bits);
      const v = new DataView(got.buffer);
      expect(Array.from({ length: want.length }, (_, i) => (bits === 8 ? got[i] : v.getUint16(2 * i, true)))).toEqual(want);
    }
  });

  it('encodes frames that an independent decoder reads back exactly, for any content', () => {
    const spec = fc.record({
      rows: fc.integer({ min: 1, max: 9 }), cols: fc.integer({ min: 1, max: 300 }), spp: fc.constantFrom(1 as const, 3 as const),
      bitsAllocated: fc.constantFrom(8 as const, 16 as const, 32 as const), runny: fc.boolean(), seed: fc.integer(),
    });
    fc.assert(
      fc.property(spec, ({ rows, cols, spp, bitsAllocated, runny, seed }) => {
        const s: ImageSpec = { rows, cols, spp, bitsAllocated, bitsStored: bitsAllocated, pi: spp === 3 ? 'RGB' : 'MONOCHROME2' };
        const n = rows * cols * spp * (bitsAllocated / 8);
        let x = seed >>> 0;
        const px = Uint8Array.from({ length: n }, (_, i) => {
          x = (x * 1103515245 + 12345) >>> 0;
          return runny ? ((i >> 5) * 7) & 0xff : x >>> 24;
        });
        const enc = rleEncodeFrame(px, info(s));
        expect(enc.length % 2).toBe(0);
        expect(Buffer.from(rleDecodeToLE(enc, s)).equals(Buffer.from(px))).toBe(true);
        expect(Buffer.from(rleDecodeFrame(enc, info(s))).equals(Buffer.from(px))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('encodes planar input (planar configuration 1) to the same frame as interleaved input', () => {
    const s: ImageSpec = { rows: 6, cols: 7, spp: 3, bitsAllocated: 16, bitsStored: 16, pi: 'RGB' };
    const planar = pixelBytes({ ...s, planar: 1 }, true);
    const inter = pixelBytes({ ...s, planar: 0 }, true);
    expect(Buffer.from(rleEncodeFrame(planar, info({ ...s, planar: 1 }))).equals(Buffer.from(rleEncodeFrame(inter, info(s))))).toBe(true);
  });

  it('rejects frames whose header does not fit the image', () => {
    const s: ImageSpec = { rows: 4, cols: 4, spp: 3, bitsAllocated: 8, pi: 'RGB' };
    const mono = fixtureRleEncode(4, 4, 0, 8);
    const problem = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        return inEnglish((err as RleError).problem);
      }
      return '';
    };
    expect(problem(() => rleDecodeFrame(mono, info(s)))).toMatch(/1 segments/);
    expect(problem(() => rleDecodeFrame(new Uint8Array(10), info(s)))).toMatch(/64-byte header/);
  });
});

describe('RLE pixel data: decoded, redacted, written as Explicit VR Little Endian', () => {
  for (const [name, spec] of RLE_FORMATS) {
    it(name, async () => {
      const boxes: Box[] = spec.frames ? [...BOXES, { x: 0, y: 0, width: 12, height: 10, frames: [2] }] : BOXES;
      const { file, result, problems } = await redact(rleImage(spec), { redactionBoxes: boxes, codecs: coreFrameCodecs });
      expect(problems).toEqual([]);
      expect(result.transferSyntaxUID).toBe(EXPLICIT_LE);
      expect(result.sourceTransferSyntaxUID).toBe(TS.RLELossless);
      expect(file.transferSyntaxUID).toBe(EXPLICIT_LE);
      const want = pixelBytes(interleaved(spec), true, boxes);
      const got = await pixelDataOf(file);
      expect(Buffer.from(got.subarray(0, want.length)).equals(Buffer.from(want))).toBe(true);
      expect(got.length).toBe(want.length + (want.length & 1));
      expect(str(file.dataset, T.PhotometricInterpretation)).toBe(spec.pi);
      if ((spec.spp ?? 1) > 1) expect(findElement(file.dataset, T.PlanarConfiguration)?.value).toEqual({ kind: 'bytes', bytes: new Uint8Array([0, 0]) });
      expect(findElement(file.dataset, T.PixelData)?.vr).toBe(spec.bitsAllocated === 8 ? 'OB' : 'OW');
      expect(str(file.dataset, 0x00282110)).toBeUndefined(); // lossless source: no Lossy Image Compression added
      expect(str(file.dataset, T.BurnedInAnnotation)).toBe('NO');
      expect(methodCodes(file.dataset)).toContain('113101');
    });
  }
});

describe('RLE pixel data re-encoded losslessly as RLE (same family)', () => {
  for (const [name, spec] of RLE_FORMATS) {
    it(name, async () => {
      const { file, out, result, problems } = await redact(rleImage(spec), { redactionBoxes: BOXES, codecs: coreFrameCodecs, reencode: 'same-family-lossless' });
      expect(problems).toEqual([]);
      expect(result.transferSyntaxUID).toBe(TS.RLELossless);
      expect(file.transferSyntaxUID).toBe(TS.RLELossless);
      const decoded = concat((await outputFrames(out, spec)).map((f) => rleDecodeToLE(f, spec)));
      expect(Buffer.from(decoded).equals(Buffer.from(pixelBytes(interleaved(spec), true, BOXES)))).toBe(true);
      // Colour RLE: one plane per segment, Planar Configuration 1 (PS3.5 G.2, note).
      if ((spec.spp ?? 1) > 1) expect(findElement(file.dataset, T.PlanarConfiguration)?.value).toEqual({ kind: 'bytes', bytes: new Uint8Array([1, 0]) });
      // An empty Basic Offset Table and one fragment per frame.
      const px = findElement(file.dataset, T.PixelData)!;
      expect(px.value.kind === 'fragments' && px.value.fragments.length).toBe((spec.frames ?? 1) + 1);
    });
  }
});

describe('frames of encapsulated pixel data', () => {
  const s: ImageSpec = { rows: 8, cols: 9, frames: 4, bitsAllocated: 16, pi: 'MONOCHROME2' };
  const variants: [string, EncapsulatedOptions][] = [
    ['Basic Offset Table, one fragment per frame', { table: 'bot' }],
    ['Basic Offset Table, three fragments per frame', { table: 'bot', fragmentsPerFrame: 3 }],
    ['Extended Offset Table, two fragments per frame', { table: 'eot', fragmentsPerFrame: 2 }],
    ['no offset table, one fragment per frame', { table: 'none' }],
    ['no offset table, several fragments per frame (RLE headers mark frame starts)', { table: 'none', fragmentsPerFrame: 3 }],
  ];
  for (const [name, o] of variants) {
    it(name, async () => {
      const boxes: Box[] = [{ x: 0, y: 0, width: 3, height: 3, frames: [0, 3] }];
      const { file } = await redact(rleImage(s, o), { redactionBoxes: boxes, codecs: coreFrameCodecs });
      expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(s, true, boxes)))).toBe(true);
    });
  }

  it('takes every fragment for a single frame', async () => {
    const one: ImageSpec = { rows: 8, cols: 9, bitsAllocated: 8, pi: 'MONOCHROME2' };
    const { file } = await redact(rleImage(one, { fragmentsPerFrame: 5 }), { redactionBoxes: BOXES, codecs: coreFrameCodecs });
    expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(one, true, BOXES)))).toBe(true);
  });

  it('handles Encapsulated Uncompressed frames', async () => {
    const u: ImageSpec = { rows: 6, cols: 5, frames: 2, spp: 3, bitsAllocated: 8, pi: 'RGB' };
    const file = makeEncapsulatedImage(u, frames(pixelBytes(u, true), u), TS.EncapsulatedUncompressedLE, { table: 'bot' });
    const r = await redact(file, { redactionBoxes: BOXES, codecs: coreFrameCodecs });
    expect(Buffer.from(await pixelDataOf(r.file)).equals(Buffer.from(pixelBytes(u, true, BOXES)))).toBe(true);
    // Re-encoded "in the same family": Encapsulated Uncompressed again.
    const again = await redact(file, { redactionBoxes: BOXES, codecs: coreFrameCodecs, reencode: 'same-family-lossless' });
    expect(again.result.transferSyntaxUID).toBe(TS.EncapsulatedUncompressedLE);
    expect(again.problems).toEqual([]);
  });
});

/**
 * A stand-in for a lossy colour JPEG codec: a "frame" is FF D8, then the pixels as RGB, then FF D9.
 * It says what a YCbCr JPEG decoder says: the decoded samples are RGB.
 */
function fakeJpeg(log: { decoded: number[]; live: number; maxLive: number }, failAt = -1): FrameCodecs {
  return {
    canDecode: (ts) => ts === JPEG_BASELINE,
    async decode(_ts, bytes, inf) {
      const i = log.decoded.length;
      log.decoded.push(i);
      if (i === failAt) throw new Error('corrupt entropy-coded data');
      log.live++;
      log.maxLive = Math.max(log.maxLive, log.live);
      await new Promise((r) => setTimeout(r, 1));
      log.live--;
      expect(bytes[0] === 0xff && bytes[1] === 0xd8).toBe(true);
      return { pixels: bytes.slice(2, 2 + inf.rows * inf.columns * inf.samplesPerPixel), photometricInterpretation: inf.samplesPerPixel === 3 ? 'RGB' : inf.photometricInterpretation, planarConfiguration: 0 };
    },
  };
}

const jpegFrame = (px: Uint8Array) => concat([new Uint8Array([0xff, 0xd8]), px, new Uint8Array([0xff, 0xd9])]);

describe('lossy colour sources (a stand-in JPEG codec)', () => {
  const s: ImageSpec = { rows: 6, cols: 8, frames: 5, spp: 3, bitsAllocated: 8, pi: 'YBR_FULL_422' as never };
  const rgb: ImageSpec = { ...s, pi: 'RGB' };
  const jpegImage = (extra: ImageSpec['extra'] = [], o: EncapsulatedOptions = { table: 'none', fragmentsPerFrame: 2 }) =>
    makeEncapsulatedImage({ ...s, extra }, frames(pixelBytes(rgb, true), rgb).map(jpegFrame), JPEG_BASELINE, o);

  it('writes RGB, Planar Configuration 0, Lossy Image Compression 01 with method and ratio', async () => {
    const log = { decoded: [] as number[], live: 0, maxLive: 0 };
    const { file, result, problems } = await redact(jpegImage(), { redactionBoxes: BOXES, codecs: fakeJpeg(log), reencode: 'same-family-lossless' });
    expect(problems).toEqual([]);
    // No lossless JPEG encoder: Explicit VR Little Endian, and the user is told.
    expect(result.transferSyntaxUID).toBe(EXPLICIT_LE);
    expect(warningTexts(result).join(' ')).toMatch(/no lossless .* encoder .* Explicit VR Little Endian/);
    expect(str(file.dataset, T.PhotometricInterpretation)).toBe('RGB');
    expect(findElement(file.dataset, T.PlanarConfiguration)?.value).toEqual({ kind: 'bytes', bytes: new Uint8Array([0, 0]) });
    expect(str(file.dataset, 0x00282110)).toBe('01');
    expect(str(file.dataset, 0x00282114)).toBe('ISO_10918_1');
    expect(Number(str(file.dataset, 0x00282112))).toBeCloseTo((6 * 8 * 3) / (6 * 8 * 3 + 4), 2);
    expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(rgb, true, BOXES)))).toBe(true);
    // Frames found by their FF D8 start marker, each decoded once, one at a time.
    expect(log.decoded.length).toBe(5);
    expect(log.maxLive).toBe(1);
  });

  it('keeps the Lossy Image Compression method and ratio a file already records', async () => {
    const extra = [
      { tag: 0x00282110, vr: 'CS', value: '01' },
      { tag: 0x00282112, vr: 'DS', value: '8.5' },
      { tag: 0x00282114, vr: 'CS', value: 'ISO_10918_1' },
    ];
    const { file } = await redact(jpegImage(extra, { table: 'bot' }), { redactionBoxes: BOXES, codecs: fakeJpeg({ decoded: [], live: 0, maxLive: 0 }) });
    expect([str(file.dataset, 0x00282110), str(file.dataset, 0x00282112), str(file.dataset, 0x00282114)]).toEqual(['01', '8.5', 'ISO_10918_1']);
  });

  it('refuses, naming the frame, when a frame does not decode', async () => {
    const sink = new MemorySink();
    const r = await deidentifyFile(new MemorySource(jpegImage()), sink, makeTestSession(), { redactionBoxes: BOXES, codecs: fakeJpeg({ decoded: [], live: 0, maxLive: 0 }, 3) });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/frame 4 of 5 \(JPEG Baseline \(Process 1\)\) could not be decoded: corrupt entropy-coded data/);
  });

  it('refuses before writing when the first frame does not decode', async () => {
    const r = await planFile(new MemorySource(jpegImage()), makeTestSession(), { redactionBoxes: BOXES, codecs: fakeJpeg({ decoded: [], live: 0, maxLive: 0 }, 0) });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/frame 1 of 5/);
  });

  it('refuses a transfer syntax the codecs cannot decode, and frames that cannot be told apart', async () => {
    const r = await planFile(new MemorySource(jpegImage()), makeTestSession(), { redactionBoxes: BOXES, codecs: coreFrameCodecs });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/JPEG Baseline \(Process 1\) pixel data cannot be decoded here/);
    // Five frames in ten fragments, no table, and no start markers: the frames cannot be found.
    const noMarkers = makeEncapsulatedImage(s, frames(pixelBytes(rgb, true), rgb), JPEG_BASELINE, { table: 'none', fragmentsPerFrame: 2 });
    const r2 = await planFile(new MemorySource(noMarkers), makeTestSession(), { redactionBoxes: BOXES, codecs: combineFrameCodecs(fakeJpeg({ decoded: [], live: 0, maxLive: 0 })) });
    expect(r2.status).toBe('refused');
    expect(reasonText(r2)).toMatch(/cannot tell the frames apart: 5 frames in 10 fragments/);
  });

  it('plans without writing: the output transfer syntax and the expected pixel data are known', async () => {
    const r = await planFile(new MemorySource(jpegImage()), makeTestSession(), { redactionBoxes: BOXES, codecs: fakeJpeg({ decoded: [], live: 0, maxLive: 0 }) });
    expect(r.status).toBe('ok');
    expect(r.transferSyntaxUID).toBe(EXPLICIT_LE);
    expect(r.pixel).toEqual({ kind: 'native', length: 6 * 8 * 3 * 5, fragments: 0 });
    const meta = r.outcome!.meta;
    const ts = findElement(meta, 0x00020010);
    expect(ts && ts.value.kind === 'bytes' && new TextDecoder().decode(ts.value.bytes).replace(/\0+$/, '')).toBe(EXPLICIT_LE);
  });
});
