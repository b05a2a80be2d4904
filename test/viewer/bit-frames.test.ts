// 1-bit frames that do not start on a byte boundary (PS3.5 8.1.1, D.2): by hand, and every frame
// of pydicom-data liver_nonbyte_aligned.dcm (three 510 × 510 frames; frame 2 starts 4 bits into a
// byte) through Cornerstone's metadata path, against pydicom's pixel_array.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { rejoinBitFrames, unalignedBitFrame, unpackBitFrame } from '../../src/viewer/bit-frames.ts';
import { registerNativeFrameTrim } from '../../src/viewer/native-frame.ts';

const LIVER = join(import.meta.dirname, '../../../shared/corpus/pydicom-data/liver_nonbyte_aligned.dcm');
const PYTHON = '/usr/bin/python3';

function pydicomFrames(path: string): Uint8Array | null {
  try {
    const hex = execFileSync(PYTHON, ['-c', 'import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).pixel_array.astype("u1").tobytes().hex())', path], { maxBuffer: 1 << 24 });
    return Uint8Array.from(Buffer.from(hex.toString().trim(), 'hex'));
  } catch {
    return null;
  }
}

describe('unaligned 1-bit frames', () => {
  // Two frames of 3 × 3 = 9 pixels: frame 1 is bits 0–8, frame 2 bits 9–17, lowest bit first.
  const packed = new Uint8Array([0b1010_0101, 0b1100_1101, 0b10]);
  const frame = (i: number) => Array.from({ length: 9 }, (_, k) => (packed[(i * 9 + k) >> 3] >> ((i * 9 + k) & 7)) & 1);

  it('unpacks a frame from its bit offset, lowest bit first', () => {
    expect([...unpackBitFrame(packed, 1, 9)]).toEqual(frame(1));
    expect([...unpackBitFrame(packed, 1, 9)]).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 1]);
  });

  it('rejoins frames copied highest bit first (as dcmjs splits them) into the original value', () => {
    const msbFrame = (i: number) => {
      const out = new Uint8Array(2);
      for (let b = 0; b < 9; b++) {
        const g = i * 9 + b;
        if ((packed[g >> 3] >> (7 - (g & 7))) & 1) out[b >> 3] |= 1 << (7 - (b & 7));
      }
      return out;
    };
    const frames = [msbFrame(0), msbFrame(1)];
    // The last byte's low bits (pixels 17 and 18 of 18) are not in what dcmjs copied: they read 0.
    expect([...rejoinBitFrames(frames, 9)]).toEqual([packed[0], packed[1], 0]);
    expect([...unalignedBitFrame(frames, 1, 9)!]).toEqual([...frame(1).slice(0, 7), 0, 0]);
    expect([...unalignedBitFrame(frames, 0, 9)!]).toEqual(frame(0));
    expect(unalignedBitFrame(frames, 1, 16)).toBeNull(); // byte-aligned frames are left as they are
    expect(unalignedBitFrame([frames[0]], 0, 9)).toBeNull();
  });
});

describe.skipIf(!existsSync(LIVER) || !existsSync(PYTHON))('liver_nonbyte_aligned.dcm through Cornerstone', () => {
  it('hands the renderer every frame as pydicom decodes it', async () => {
    const ref = pydicomFrames(LIVER);
    if (!ref) return; // pydicom cannot decode here: nothing to compare with
    registerDefaultProviders();
    registerNativeFrameTrim();
    const bytes = readFileSync(LIVER);
    const id = 'dicomfile:liver-nonbyte-aligned';
    await utilities.addDicomPart10Instance(id, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const n = 510 * 510;
    for (let f = 0; f < 3; f++) {
      const value = metaData.getTyped('compressedFrameData', `${id}?frame=${f + 1}`, { frameIndex: f }) as unknown as { pixelData: Uint8Array };
      const px = value.pixelData;
      expect(px.length).toBe(n);
      let differ = 0;
      for (let i = 0; i < n; i++) if (px[i] !== ref[f * n + i]) differ++;
      expect(differ, `frame ${f + 1}`).toBe(0);
    }
  }, 60_000);
});
