// Native frames cut to the header's size before the viewer draws them, through Cornerstone's own
// metadata path on the real bytes of pydicom's SC_rgb_small_odd.dcm (3 × 3 RGB, 8 bits: 27 samples
// in 28 bytes of Pixel Data, PS3.5 7.1's even-length pad), which vtk.js refused as 28 values of 3
// components, leaving the viewport black.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Enums, metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { nativeFrameBytes, registerNativeFrameTrim, trimNativeFrame } from '../../src/viewer/native-frame.ts';

const FILE = join(import.meta.dirname, '../../../shared/corpus/pydicom/SC_rgb_small_odd.dcm');

describe('native frame size', () => {
  it('is Rows × Columns × Samples × Bits Allocated / 8, 1-bit frames packed', () => {
    expect(nativeFrameBytes({ rows: 3, columns: 3, samplesPerPixel: 3, bitsAllocated: 8 })).toBe(27);
    expect(nativeFrameBytes({ rows: 64, columns: 64, samplesPerPixel: 1, bitsAllocated: 16 })).toBe(8192);
    expect(nativeFrameBytes({ rows: 3, columns: 5, samplesPerPixel: 1, bitsAllocated: 1 })).toBe(2);
  });

  it('cuts only a longer frame; a shorter one stays for the loader to refuse', () => {
    const shape = { rows: 3, columns: 3, samplesPerPixel: 3, bitsAllocated: 8 };
    expect(trimNativeFrame(new Uint8Array(28), shape).length).toBe(27);
    expect(trimNativeFrame(new Uint8Array(27), shape).length).toBe(27);
    expect(trimNativeFrame(new Uint8Array(20), shape).length).toBe(20);
  });
});

describe.skipIf(!existsSync(FILE))('Cornerstone frame data of an odd-length native image', () => {
  it('holds the 27 samples the header declares, not the padded 28 bytes', async () => {
    registerDefaultProviders();
    const bytes = readFileSync(FILE);
    const id = 'dicomfile:native-frame-test';
    await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    type Frame = { pixelData: Uint8Array | Uint8Array[] };
    const frameData = () => metaData.getTyped(Enums.MetadataModules.COMPRESSED_FRAME_DATA, id, { frameIndex: 0 }) as unknown as Frame;
    const before = frameData();
    const len = (p: Uint8Array | Uint8Array[]) => (Array.isArray(p) ? p[0].length : p.length);
    expect(len(before.pixelData)).toBe(28);
    registerNativeFrameTrim();
    const after = frameData();
    expect(len(after.pixelData)).toBe(27);
    const frame = Array.isArray(after.pixelData) ? after.pixelData[0] : after.pixelData;
    expect([...frame.subarray(0, 6)]).toEqual([0xa6, 0x8d, 0x34, 0xa6, 0x8d, 0x34]);
  });
});
