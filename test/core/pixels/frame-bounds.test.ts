// Bounded decoding (frame-bounds.ts, decode-check.ts): a file far smaller than its declared
// pixels is refused before any decoder runs, in words, and never causes a large allocation; the
// same checks on a real-sized image let it through.
import { describe, expect, it } from 'vitest';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { coreFrameCodecs } from '../../../src/core/pixels/core-codecs.ts';
import { decodeProblem } from '../../../src/core/pixels/decode-check.ts';
import { codestreamSize, declaredFrameBytes, frameBoundsProblem, frameBudgetProblem } from '../../../src/core/pixels/frame-bounds.ts';
import type { FrameCodecs, FrameInfo } from '../../../src/core/pixels/frame-codec.ts';
import { makeCtLike, TS } from '../../fixtures/make.ts';
import { rlePixelBomb } from '../../fixtures/hostile.ts';
import { makeTestSession } from '../helpers.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';

const info = (rows: number, columns: number, bits = 16, spp = 1): FrameInfo => ({
  rows, columns, samplesPerPixel: spp, bitsAllocated: bits, bitsStored: bits, pixelRepresentation: 0,
  photometricInterpretation: spp === 3 ? 'RGB' : 'MONOCHROME2', planarConfiguration: 0,
});

/** A JPEG stream with only SOI and a SOF0 of the given size (what a decoder allocates from). */
function jpegSof(width: number, height: number, marker = 0xc0): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, marker, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]);
}

/** A JPEG 2000 codestream with SOC and SIZ (ISO 15444-1 A.5.1) of the given size. */
function j2kSiz(width: number, height: number): Uint8Array {
  const b = new Uint8Array(4 + 2 + 2 + 16 + 16);
  const v = new DataView(b.buffer);
  b.set([0xff, 0x4f, 0xff, 0x51]);
  v.setUint16(4, 41);
  v.setUint32(8, width);
  v.setUint32(12, height);
  return b;
}

describe('frame bounds', () => {
  it('refuse a declared frame over the memory budget, in words', () => {
    expect(declaredFrameBytes(info(40_000, 40_000))).toBe(3_200_000_000);
    const p = frameBudgetProblem(info(40_000, 40_000));
    expect(p?.code).toBe('frame-over-budget');
    expect(inEnglish({ code: p!.code, params: p!.params })).toMatch(/40000 × 40000 pixels .* more memory than the limit of 512 MB/);
    expect(frameBudgetProblem(info(2_400, 2_000))).toBeNull();
    expect(frameBudgetProblem(info(2_400, 2_000), { maxFrameBytes: 1_000_000 })?.code).toBe('frame-over-budget');
  });

  it('RLE, JPEG lossless and deflated frames: the compressed bytes bound what they can expand to', () => {
    const rle = new Uint8Array(64 + 1000);
    expect(frameBoundsProblem('1.2.840.10008.1.2.5', info(8000, 8000), rle)?.code).toBe('frame-cannot-expand');
    expect(frameBoundsProblem('1.2.840.10008.1.2.5', info(100, 100), rle)).toBeNull(); // 20,000 ≤ 64,000
    expect(frameBoundsProblem('1.2.840.10008.1.2.4.70', info(1000, 1000), new Uint8Array(1000))?.code).toBe('frame-cannot-expand');
    expect(frameBoundsProblem('1.2.840.10008.1.2.4.70', info(100, 100), new Uint8Array(1300))).toBeNull();
    expect(frameBoundsProblem('1.2.840.10008.1.2.8.1', info(4000, 4000), new Uint8Array(1000))?.code).toBe('frame-cannot-expand');
  });

  it('JPEG, JPEG-LS and JPEG 2000: the codestream may not say more pixels than the header', () => {
    expect(codestreamSize(jpegSof(640, 480))).toEqual({ width: 640, height: 480 });
    expect(codestreamSize(jpegSof(640, 480, 0xf7))).toEqual({ width: 640, height: 480 }); // JPEG-LS SOF55
    expect(codestreamSize(j2kSiz(512, 256))).toEqual({ width: 512, height: 256 });
    expect(frameBoundsProblem('1.2.840.10008.1.2.4.50', info(480, 640, 8), jpegSof(640, 480))).toBeNull();
    const big = frameBoundsProblem('1.2.840.10008.1.2.4.50', info(480, 640, 8), jpegSof(60_000, 60_000));
    expect(big?.code).toBe('codestream-larger-than-declared');
    expect(frameBoundsProblem('1.2.840.10008.1.2.4.90', info(256, 512), j2kSiz(65_000, 65_000))?.code).toBe('codestream-larger-than-declared');
  });
});

describe('pixel bombs', () => {
  it('decodeProblem names the bomb from its header and first frame; a real RLE image passes', async () => {
    const bomb = await readPart10(new MemorySource(rlePixelBomb()));
    expect((await decodeProblem(bomb))?.code).toBe('frame-over-budget');
    const small = await readPart10(new MemorySource(rlePixelBomb(8000)));
    expect((await decodeProblem(small))?.code).toBe('frame-cannot-expand');
    const real = await readPart10(new MemorySource(makeCtLike({ transferSyntax: TS.RLELossless, frames: 2 })));
    expect(await decodeProblem(real)).toBeNull();
  });

  it('redaction refuses them before any decoder runs, writes nothing and allocates little', async () => {
    let decodes = 0;
    const counting: FrameCodecs = { ...coreFrameCodecs, decode: (...a) => (decodes++, coreFrameCodecs.decode(...a)) };
    for (const [bytes, why] of [[rlePixelBomb(), /more memory than the limit/], [rlePixelBomb(8000), /can expand to at most/]] as const) {
      const before = process.memoryUsage().arrayBuffers;
      const sink = new MemorySink();
      const r = await deidentifyFile(new MemorySource(bytes), sink, makeTestSession(), {
        redactionBoxes: [{ x: 0, y: 0, width: 10, height: 10 }], codecs: counting,
      });
      expect(r.status).toBe('refused');
      expect(inEnglish(r.reason!)).toMatch(why);
      expect(sink.size).toBe(0);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    }
    expect(decodes).toBe(0);
  });
});
