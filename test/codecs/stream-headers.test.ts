// The JPEG / JPEG 2000 header readers that choose a decoder and tell the colour of decoded
// samples, on hand-made marker sequences.

import { describe, expect, it } from 'vitest';
import { j2kUsesMct, jpegHeader, libjpegSeesYcbcr, withoutColourTransform } from '../../src/codecs/stream-headers.ts';

const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
const sof = (marker: number, precision: number, ids: number[]) => seg(marker, [precision, 0, 8, 0, 8, ids.length, ...ids.flatMap((id) => [id, 0x11, 0])]);
const sos = (ids: number[]) => seg(0xda, [ids.length, ...ids.flatMap((id) => [id, 0]), 0, 63, 0]);
const JFIF = seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const adobe = (t: number) => seg(0xee, [0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, t]);
const jpeg = (...parts: number[][]) => Uint8Array.from([0xff, 0xd8, ...parts.flat(), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd9]);

describe('JPEG headers', () => {
  it('reads the process, precision and component identifiers', () => {
    const h = jpegHeader(jpeg(sof(0xc1, 12, [1]), sos([1])));
    expect([h.sof, h.precision, h.components]).toEqual([0xc1, 12, [1]]);
    expect(jpegHeader(jpeg(sof(0xc3, 16, [1]), sos([1]))).sof).toBe(0xc3);
    expect(jpegHeader(Uint8Array.from([1, 2, 3])).sof).toBe(0);
  });

  it('predicts libjpeg’s colour space the way libjpeg decides it', () => {
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(JFIF, sof(0xc0, 8, [0x52, 0x47, 0x42]), sos([0x52]))))).toBe(true); // JFIF wins
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(adobe(0), sof(0xc0, 8, [1, 2, 3]), sos([1]))))).toBe(false);
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(adobe(1), sof(0xc0, 8, [0x52, 0x47, 0x42]), sos([0x52]))))).toBe(true);
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(sof(0xc0, 8, [0x52, 0x47, 0x42]), sos([0x52]))))).toBe(false);
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(sof(0xc0, 8, [0, 1, 2]), sos([0]))))).toBe(true);
    expect(libjpegSeesYcbcr(jpegHeader(jpeg(sof(0xc0, 8, [1]), sos([1]))))).toBe(false);
  });

  it('rewrites a stream so libjpeg applies no colour transform, leaving the coded data alone', () => {
    const src = jpeg(JFIF, adobe(1), sof(0xc0, 8, [1, 2, 3]), sos([1, 2, 3]));
    const out = withoutColourTransform(src);
    const h = jpegHeader(out);
    expect(h.components).toEqual([0x52, 0x47, 0x42]);
    expect(h.jfif).toBe(false);
    expect(h.adobeTransform).toBe(0);
    expect(libjpegSeesYcbcr(h)).toBe(false);
    expect(out.length).toBe(src.length);
    // Scan header selectors follow the new identifiers; the entropy-coded tail is unchanged.
    const at = h.scanAt[0];
    expect([out[at], out[at + 2], out[at + 4]]).toEqual([0x52, 0x47, 0x42]);
    expect(Array.from(out.subarray(-6))).toEqual(Array.from(src.subarray(-6)));
    expect(jpegHeader(src).components).toEqual([1, 2, 3]); // the source is not modified
  });
});

describe('JPEG 2000 headers', () => {
  const codestream = (mct: number) => Uint8Array.from([0xff, 0x4f, 0xff, 0x51, 0x00, 0x04, 0, 0, 0xff, 0x52, 0x00, 0x0c, 0, 0, 0, 1, mct, 5, 4, 4, 0, 1, 0xff, 0x90]);
  it('tells whether the multiple component transform is used, also inside a JP2 box', () => {
    expect(j2kUsesMct(codestream(1))).toBe(true);
    expect(j2kUsesMct(codestream(0))).toBe(false);
    expect(j2kUsesMct(Uint8Array.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, ...codestream(1)]))).toBe(true);
    expect(j2kUsesMct(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
  });
});
