// Native frames cut to the header's size before the viewer draws them, through Cornerstone's own
// metadata path on the real bytes of pydicom's SC_rgb_small_odd.dcm (3 × 3 RGB, 8 bits: 27 samples
// in 28 bytes of Pixel Data, PS3.5 7.1's even-length pad), which vtk.js refused as 28 values of 3
// components, leaving the viewport black.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Enums, metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { nativeFrameBytes, registerNativeFrameTrim, trimNativeFrame } from '../../src/viewer/native-frame.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/');
const FILE = join(CORPUS, 'pydicom/SC_rgb_small_odd.dcm');
const LIVER = join(CORPUS, 'pydicom-data/liver.dcm');
const LIVER_DEFLATED = join(CORPUS, 'pydicom-data/liver_deflate.dcm');

describe('native frame size', () => {
  it('is Rows × Columns × Samples × Bits Allocated / 8, 1-bit frames packed', () => {
    expect(nativeFrameBytes({ rows: 3, columns: 3, samplesPerPixel: 3, bitsAllocated: 8 })).toBe(27);
    expect(nativeFrameBytes({ rows: 64, columns: 64, samplesPerPixel: 1, bitsAllocated: 16 })).toBe(8192);
    expect(nativeFrameBytes({ rows: 3, columns: 5, samplesPerPixel: 1, bitsAllocated: 1 })).toBe(2);
  });

  it('unpacks a 1-bit frame to one byte a pixel, the first pixel in the lowest bit', () => {
    const shape = { rows: 2, columns: 5, samplesPerPixel: 1, bitsAllocated: 1 };
    expect([...trimNativeFrame(new Uint8Array([0b1000_0101, 0b10, 0]), shape)]).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 0, 1]);
  });

  it('cuts only a longer frame; a shorter one stays for the loader to refuse', () => {
    const shape = { rows: 3, columns: 3, samplesPerPixel: 3, bitsAllocated: 8 };
    expect(trimNativeFrame(new Uint8Array(28), shape).length).toBe(27);
    expect(trimNativeFrame(new Uint8Array(27), shape).length).toBe(27);
    expect(trimNativeFrame(new Uint8Array(20), shape).length).toBe(20);
  });
});

type Frame = { pixelData: Uint8Array | Uint8Array[]; transferSyntaxUid: string };
const frameOf = (f: Frame): Uint8Array => (Array.isArray(f.pixelData) ? f.pixelData[0] : f.pixelData);

/** Cornerstone's frame data of a file's frame, through its metadata providers (as the viewer loads it). */
async function frameData(path: string, frameIndex = 0): Promise<Frame> {
  const bytes = readFileSync(path);
  const id = `dicomfile:${path}`;
  await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return metaData.getTyped(Enums.MetadataModules.COMPRESSED_FRAME_DATA, id, { frameIndex }) as unknown as Frame;
}

describe.skipIf(!existsSync(FILE) || !existsSync(LIVER_DEFLATED))('Cornerstone frame data of corpus images', () => {
  it('holds the 27 samples the header declares, not the padded 28 bytes', async () => {
    registerDefaultProviders();
    const before = await frameData(FILE);
    const len = (p: Uint8Array | Uint8Array[]) => (Array.isArray(p) ? p[0].length : p.length);
    expect(len(before.pixelData)).toBe(28);
    registerNativeFrameTrim();
    const after = await frameData(FILE);
    expect(len(after.pixelData)).toBe(27);
    const frame = Array.isArray(after.pixelData) ? after.pixelData[0] : after.pixelData;
    expect([...frame.subarray(0, 6)]).toEqual([0xa6, 0x8d, 0x34, 0xa6, 0x8d, 0x34]);
  });

  it('gives 1-bit segmentation frames one byte a pixel, inflating Deflated Image Frame ones, with the same mask', async () => {
    registerNativeFrameTrim();
    for (const k of [0, 2]) {
      const plain = frameOf(await frameData(LIVER, k));
      const deflated = await frameData(LIVER_DEFLATED, k);
      expect(plain.length).toBe(512 * 512);
      expect(deflated.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
      expect(Buffer.compare(Buffer.from(frameOf(deflated)), Buffer.from(plain))).toBe(0);
      expect(plain.some((v) => v === 1) && plain.every((v) => v <= 1)).toBe(true);
    }
  });
});
