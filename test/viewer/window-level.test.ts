// The viewer's window arithmetic on plain arrays: the header window is kept when it shows a
// picture, replaced by the histogram's when it would show a nearly uniform one.

import { describe, expect, it } from 'vitest';
import { autoWindow, chooseWindow, coveredShare, CT_PRESETS, fullRange, isNearlyUniform, modalShare, rangeFromWindow, sampleValues, windowFromRange } from '../../src/viewer/window-level.ts';

/** A 64×64 gradient 0..255 stored in 16 bits, as devices write secondary captures. */
const gradient = Uint16Array.from({ length: 4096 }, (_, i) => i % 64 * 4);

describe('window-level', () => {
  it('turns centre/width into a range and back (PS3.3 C.11.2.1.2.1)', () => {
    expect(rangeFromWindow(400, 40)).toEqual({ lower: -160, upper: 240 });
    expect(windowFromRange({ lower: -160, upper: 240 })).toEqual({ width: 400, center: 40 });
    expect(rangeFromWindow(CT_PRESETS.lung.width, CT_PRESETS.lung.center)).toEqual({ lower: -1350, upper: 150 });
  });

  it('samples with the Modality LUT applied', () => {
    const v = sampleValues(Uint16Array.from([0, 1000, 2000]), 1, -1024);
    expect([...v]).toEqual([-1024, -24, 976]);
    expect(sampleValues(new Uint16Array(1_000_000), 1, 0, 1000).length).toBe(1000);
  });

  it('finds a CT window over data holding 0–255 nearly uniform, and replaces it', () => {
    const values = sampleValues(gradient, 1, -1024); // -1024..-772 after the rescale
    const header = rangeFromWindow(400, 40);
    expect(isNearlyUniform(values, header)).toBe(true);
    const choice = chooseWindow(values, header);
    expect(choice.source).toBe('auto');
    expect(choice.uniform).toBe(false);
    expect(choice.range.lower).toBeGreaterThanOrEqual(-1024);
    expect(choice.range.upper).toBeLessThanOrEqual(-772);
    expect(isNearlyUniform(values, choice.range)).toBe(false);
  });

  it('keeps a header window that shows the picture', () => {
    const values = sampleValues(gradient);
    const header = rangeFromWindow(256, 128);
    expect(chooseWindow(values, header)).toEqual({ range: header, source: 'header', uniform: false });
  });

  it('replaces a header window that squeezes the values into a sliver of the greys (dark, not blank)', () => {
    // As OsirixFake16BitsStoredFakeSpacing: stored 1024..1181, intercept -1024, window 2228 at 1123.
    const values = sampleValues(Uint16Array.from({ length: 4096 }, (_, i) => 1024 + (i % 158)), 1, -1024);
    const header = rangeFromWindow(2228, 1123);
    expect(isNearlyUniform(values, header)).toBe(false);
    expect(coveredShare(values, header)).toBeLessThan(0.1);
    const choice = chooseWindow(values, header);
    expect(choice.source).toBe('auto');
    expect(coveredShare(values, choice.range)).toBeGreaterThan(0.9);
  });

  it('uses the automatic window when the header has none', () => {
    expect(chooseWindow(sampleValues(gradient), undefined).source).toBe('auto');
  });

  it('a window entirely above the pixel range is nearly uniform', () => {
    expect(modalShare(sampleValues(gradient), { lower: 3000, upper: 4000 })).toBe(1);
  });

  it('says so when the image itself is one grey, and keeps its header window', () => {
    const flat = sampleValues(new Uint16Array(4096).fill(7));
    expect(fullRange(flat)).toEqual({ lower: 6.5, upper: 7.5 });
    const choice = chooseWindow(flat, { lower: 0, upper: 100 });
    expect(choice).toMatchObject({ source: 'header', uniform: true });
  });

  it('ignores the extreme 1 % of values in the automatic window', () => {
    const values = sampleValues(Uint16Array.from({ length: 1000 }, (_, i) => (i === 0 ? 60000 : i % 100)));
    const r = autoWindow(values);
    expect(r.upper).toBeLessThan(100);
    expect(r.lower).toBeGreaterThanOrEqual(0);
  });

  it('falls back to the full range when the percentiles meet', () => {
    const values = sampleValues(Uint16Array.from({ length: 1000 }, (_, i) => (i < 995 ? 0 : 500)));
    expect(autoWindow(values)).toEqual({ lower: 0, upper: 500 });
  });
});
