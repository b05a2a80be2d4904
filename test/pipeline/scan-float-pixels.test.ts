// Float Pixel Data (7FE0,0008) and Double Float Pixel Data (7FE0,0009) are pixels (PS3.3 C.7.6.24):
// the scan says so, so the viewer tries a float image (Cornerstone draws 32-bit float), templates
// and review apply; a Double Float image, which the viewer cannot draw, gets a notice in words
// instead of "no pixel data".

import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { unviewableReason } from '../../src/workspace/viewability.ts';
import { makePart10, T, TS } from '../fixtures/make.ts';
import { imageElements } from '../core/pixels/image-fixtures.ts';

const session = () => makeSession({ key: new Uint8Array(32).fill(7), options: { ...DEFAULT_OPTIONS }, mapping: null });

function image(pixelTag: number | null): Uint8Array {
  const els = imageElements({ rows: 4, cols: 4, bitsAllocated: 32, pi: 'MONOCHROME2' }, null)
    .filter((e) => e.tag !== T.BitsStored && e.tag !== T.HighBit && e.tag !== T.PixelRepresentation);
  if (pixelTag === 0x7fe00008) els.push({ tag: pixelTag, vr: 'OF', value: new Uint8Array(64) });
  if (pixelTag === 0x7fe00009) els.push({ tag: pixelTag, vr: 'OD', value: new Uint8Array(128) });
  return makePart10(els, { transferSyntax: TS.ExplicitLE });
}

const infoOf = async (b: Uint8Array) => (await scanFile(new MemorySource(b), session())).info!;

describe('float pixel data in the scan', () => {
  it('counts Float Pixel Data as pixels the viewer may try', async () => {
    const info = await infoOf(image(0x7fe00008));
    expect(info.hasPixels).toBe(true);
    expect(unviewableReason(info)).toBeNull();
  });

  it('counts Double Float Pixel Data as pixels and says why it is not drawn', async () => {
    const info = await infoOf(image(0x7fe00009));
    expect(info.hasPixels).toBe(true);
    expect(unviewableReason(info)?.code).toBe('notice.viewDoubleFloat');
  });

  it('still says "no pixel data" when there is none', async () => {
    const info = await infoOf(image(null));
    expect(info.hasPixels).toBe(false);
    expect(unviewableReason(info)?.code).toBe('notice.viewNoPixels');
  });
});
