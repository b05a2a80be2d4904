// Frames that span several fragments with no Basic Offset Table (PS3.5 A.4): grouped by the
// codestream start each frame begins with, by hand and for dicomParser's CT0012.fragmented_no_bot
// files through Cornerstone's metadata path (two 512 × 512 frames in 17 fragments), each frame
// decoded and compared with pydicom's pixel_array.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaData, registerDefaultProviders, utilities } from '@cornerstonejs/metadata';
import { groupFragments } from '../../src/viewer/fragment-frames.ts';
import { registerNativeFrameTrim } from '../../src/viewer/native-frame.ts';

const DIR = join(import.meta.dirname, '../../../shared/corpus/dicomParser/encapsulated/multi-frame');
const LOSSLESS = join(DIR, 'CT0012.fragmented_no_bot_jpeg_lossless.57.dcm');
const PYTHON = '/usr/bin/python3';
const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('groupFragments', () => {
  it('starts a frame at each fragment that begins a codestream', () => {
    const soi = bytes(0xff, 0xd8, 1);
    const rest = bytes(2, 3);
    const soc = bytes(0xff, 0x4f, 0xff, 0x51);
    expect(groupFragments([soi, rest, rest, soi, rest], 2, JPEG_LOSSLESS)).toEqual([[soi, rest, rest], [soi, rest]]);
    expect(groupFragments([soc, rest, soc], 2, '1.2.840.10008.1.2.4.90')).toEqual([[soc, rest], [soc]]);
  });

  it('gives up when the groups are not the frames, the first fragment starts none, or the syntax has no marker', () => {
    expect(groupFragments([bytes(0xff, 0xd8), bytes(1), bytes(2)], 2, JPEG_LOSSLESS)).toBeNull();
    expect(groupFragments([bytes(1), bytes(0xff, 0xd8), bytes(0xff, 0xd8)], 2, JPEG_LOSSLESS)).toBeNull();
    expect(groupFragments([bytes(0xff, 0xd8), bytes(1), bytes(0xff, 0xd8)], 2, '1.2.840.10008.1.2.5')).toBeNull();
    expect(groupFragments([bytes(0xff, 0xd8), bytes(0xff, 0xd8)], 2, JPEG_LOSSLESS)).toBeNull(); // one a frame: nothing to do
  });
});

describe.skipIf(!existsSync(LOSSLESS) || !existsSync(PYTHON))('CT0012.fragmented_no_bot through Cornerstone', () => {
  it('hands the decoder each frame whole, which then decodes as pydicom does', async () => {
    let ref: Uint8Array;
    try {
      const hex = execFileSync(PYTHON, ['-c', 'import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).pixel_array.astype("<u2").tobytes().hex())', LOSSLESS], { maxBuffer: 1 << 24 });
      ref = Uint8Array.from(Buffer.from(hex.toString().trim(), 'hex'));
    } catch {
      return; // pydicom cannot decode here: nothing to compare with
    }
    registerDefaultProviders();
    registerNativeFrameTrim();
    const file = readFileSync(LOSSLESS);
    const id = 'dicomfile:ct0012-no-bot';
    await utilities.addDicomPart10Instance(id, file.buffer.slice(file.byteOffset, file.byteOffset + file.length));
    const { Decoder } = await import('@cornerstonejs/jpeg-lossless-decoder-js');
    const n = 512 * 512;
    const want = new Uint16Array(ref.buffer, ref.byteOffset, 2 * n);
    for (let f = 0; f < 2; f++) {
      const value = metaData.getTyped('compressedFrameData', `${id}?frame=${f + 1}`, { frameIndex: f }) as unknown as { pixelData: Uint8Array[] };
      const parts = value.pixelData;
      const whole = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
      parts.reduce((o, p) => (whole.set(p, o), o + p.length), 0);
      const out = new Decoder().decode(whole.buffer, 0, whole.length, 2);
      const px = new Uint16Array(out.buffer, out.byteOffset, n);
      let differ = 0;
      for (let i = 0; i < n; i++) if (px[i] !== want[f * n + i]) differ++;
      expect(differ, `frame ${f + 1}`).toBe(0);
    }
  }, 60_000);
});
