// Slide pixels: window/level mapping (rescale applied unless the loader did), inversion, RGB,
// burned-in boxes clipped to the image, the enlargement factor, and the slide names and ZIP
// (stored entries, fixed 1980 date, no original names); the default window/level of an image the
// viewer does not show (ticked images of another series).

import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { slideName, slidesZip } from '../../src/slides/slide-files.ts';
import { burnBoxes, defaultView, slideScale, toRgba } from '../../src/slides/slide-pixels.ts';

describe('toRgba', () => {
  it('maps modality values through the window linearly and clamps', () => {
    const src = { width: 4, height: 1, data: new Int16Array([-1000, 0, 40, 1000]), components: 1 as const, slope: 1, intercept: 0, scaled: true };
    const out = toRgba(src, { lower: -160, upper: 240, invert: false });
    expect([...out.filter((_, i) => i % 4 === 0)]).toEqual([0, 102, 128, 255]);
    expect(out[3]).toBe(255);
    const inv = toRgba(src, { lower: -160, upper: 240, invert: true });
    expect([...inv.filter((_, i) => i % 4 === 0)]).toEqual([255, 153, 127, 0]);
  });
  it('applies the rescale when the loader did not', () => {
    const src = { width: 1, height: 1, data: new Uint16Array([1040]), components: 1 as const, slope: 1, intercept: -1024, scaled: false };
    expect(toRgba(src, { lower: 0, upper: 32, invert: false })[0]).toBe(128);
  });
  it('keeps colour channels apart', () => {
    const src = { width: 1, height: 1, data: new Uint8Array([255, 128, 0]), components: 3 as const, slope: 1, intercept: 0, scaled: true };
    expect([...toRgba(src, { lower: 0, upper: 255, invert: false })]).toEqual([255, 128, 0, 255]);
  });
  it('refuses short pixel data', () => {
    expect(() => toRgba({ width: 2, height: 2, data: new Uint8Array(3), components: 1, slope: 1, intercept: 0, scaled: true }, { lower: 0, upper: 1, invert: false })).toThrow(/too short/);
  });
});

describe('burnBoxes', () => {
  it('blacks out exactly the covered pixels, clipped to the image', () => {
    const rgba = new Uint8ClampedArray(4 * 3 * 4).fill(200);
    burnBoxes(rgba, 4, 3, [{ x: 2.5, y: -5, width: 10, height: 7 }]);
    const black = [];
    for (let p = 0; p < 12; p++) if (rgba[p * 4] === 0) black.push(p);
    expect(black).toEqual([2, 3, 6, 7]);
    expect(rgba[2 * 4 + 3]).toBe(255);
  });
});

describe('slide files', () => {
  it('enlarges small images by whole numbers only', () => {
    expect(slideScale(64, 64)).toBe(8);
    expect(slideScale(320, 240)).toBe(1);
    expect(slideScale(2048, 2048)).toBe(1);
  });
  it('names slides by number and zips them stored with a fixed date', () => {
    expect(slideName(1, 'png')).toBe('slide-001.png');
    expect(slideName(12, 'jpeg')).toBe('slide-012.jpg');
    const a = new Uint8Array([1, 2, 3, 4, 5]);
    const zip = slidesZip([a, a], 'png');
    expect(Object.keys(unzipSync(zip))).toEqual(['slide-001.png', 'slide-002.png']);
    const v = new DataView(zip.buffer, zip.byteOffset);
    expect(v.getUint32(0, true)).toBe(0x04034b50);
    expect(v.getUint16(8, true)).toBe(0); // method: stored
    expect(v.getUint16(12, true)).toBe(0x21); // DOS date 1980-01-01
    expect(v.getUint16(10, true)).toBe(0); // 00:00:00
  });
});

describe('defaultView (an image the viewer does not show)', () => {
  const base = { windowCenter: undefined, windowWidth: undefined, min: 0, max: 4095, slope: 1, intercept: -1024, scaled: false, color: false, monochrome1: false };
  it('uses the first Window Center / Width, linear as in PS3.3 C.11.2.1.2.1', () => {
    expect(defaultView({ ...base, windowCenter: [40, 300], windowWidth: [400, 1500] })).toEqual({ lower: 40 - 0.5 - 399 / 2, upper: 40 - 0.5 + 399 / 2, invert: false });
    expect(defaultView({ ...base, windowCenter: 128, windowWidth: 256 })).toEqual({ lower: 0, upper: 255, invert: false });
  });
  it('falls back to the value range in modality units (rescaled unless the loader did), and inverts MONOCHROME1', () => {
    expect(defaultView(base)).toEqual({ lower: -1024, upper: 3071, invert: false });
    expect(defaultView({ ...base, scaled: true, min: -1024, max: 3071 })).toEqual({ lower: -1024, upper: 3071, invert: false });
    expect(defaultView({ ...base, windowCenter: 10, windowWidth: 0, monochrome1: true })).toEqual({ lower: -1024, upper: 3071, invert: true });
  });
  it('shows colour images as stored', () => {
    expect(defaultView({ ...base, color: true, windowCenter: 40, windowWidth: 400, monochrome1: true })).toEqual({ lower: 0, upper: 255, invert: false });
  });
  it('gives the same slide pixels as the window it describes', () => {
    const src = { width: 3, height: 1, data: new Uint16Array([1024, 1064, 2000]), components: 1 as const, slope: 1, intercept: -1024, scaled: false };
    const out = toRgba(src, defaultView({ ...base, windowCenter: 40.5, windowWidth: 81 }));
    expect([...out.filter((_, i) => i % 4 === 0)]).toEqual([0, 128, 255]);
  });
});
