// The render guard on plain objects: a new image not drawn in time, or drawn blank while its
// pixels are not, is redrawn once through a fresh engine and then given up with a message; the
// loader's exception text is classified into plain reasons; the blank test reads grey spread.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { greySpread } from '../../src/viewer/canvas-blank.ts';
import { loadFailure } from '../../src/viewer/load-failure.ts';
import { RenderGuard } from '../../src/viewer/render-guard.ts';

afterEach(() => vi.useRealTimers());

describe('RenderGuard', () => {
  it('redraws an image that is never drawn, once, then gives up and marks the renderer broken', () => {
    vi.useFakeTimers();
    const redraw = vi.fn();
    const gaveUp = vi.fn();
    const g = new RenderGuard({ redraw, gaveUp });
    g.expect('img:1', 3, true);
    vi.advanceTimersByTime(6001);
    expect(redraw).toHaveBeenCalledWith(3);
    g.expect('img:1', 3, true);
    vi.advanceTimersByTime(6001);
    expect(gaveUp).toHaveBeenCalledWith(3);
    expect(g.broken).toBe(true);
  });

  it('accepts a drawing that arrives in time, and ignores drawings of other images', () => {
    vi.useFakeTimers();
    const redraw = vi.fn();
    const g = new RenderGuard({ redraw, gaveUp: vi.fn() });
    g.expect('img:2', 0, false);
    expect(g.rendered('img:other', undefined)).toBe(true);
    expect(g.rendered('img:2', undefined)).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(redraw).not.toHaveBeenCalled();
  });
});

describe('RenderGuard, a drawing of something else', () => {
  it('redraws an image whose drawing was not of it (the renderer refused its pixels), then gives up', () => {
    const redraw = vi.fn();
    const gaveUp = vi.fn();
    const g = new RenderGuard({ redraw, gaveUp });
    g.expect('img:3', 5, true);
    expect(g.rendered('img:3', undefined, false)).toBe(false);
    expect(redraw).toHaveBeenCalledWith(5);
    g.expect('img:3', 5, true);
    expect(g.rendered('img:3', undefined, false)).toBe(false);
    expect(gaveUp).toHaveBeenCalledWith(5);
    g.dispose();
  });
});

describe('RenderGuard, an image still loading', () => {
  it('waits for an image still loading instead of redrawing it, and says it is too slow after 20 s', () => {
    vi.useFakeTimers();
    const redraw = vi.fn();
    const tooSlow = vi.fn();
    let loading = true;
    const g = new RenderGuard({ redraw, gaveUp: vi.fn(), loading: () => loading, tooSlow });
    g.expect('img:4', 1, false, 10_000);
    vi.advanceTimersByTime(15_000);
    expect(redraw).not.toHaveBeenCalled();
    loading = false;
    expect(g.rendered('img:4', undefined)).toBe(true);
    g.expect('img:5', 2, false, 10_000);
    loading = true;
    vi.advanceTimersByTime(25_000);
    expect(redraw).not.toHaveBeenCalled();
    expect(tooSlow).toHaveBeenCalledWith(2);
    expect(g.broken).toBe(true);
  });

  it('stops watching an image whose load failed: no redraw comes later', () => {
    vi.useFakeTimers();
    const redraw = vi.fn();
    const g = new RenderGuard({ redraw, gaveUp: vi.fn(), loading: () => false });
    g.expect('img:6', 0, false, 10_000);
    g.cancel();
    vi.advanceTimersByTime(20_000);
    expect(redraw).not.toHaveBeenCalled();
  });
});

describe('greySpread', () => {
  it('is 0 for one grey and the range of the brightest channel otherwise', () => {
    expect(greySpread(new Uint8ClampedArray([0, 0, 0, 255, 0, 0, 0, 255]))).toBe(0);
    expect(greySpread(new Uint8ClampedArray([0, 0, 0, 255, 10, 200, 30, 255]))).toBe(200);
  });
});

describe('loadFailure', () => {
  it.each([
    [new RangeError('Finding view is past end of input at offset 1234'), 'viewer.fail.truncated'],
    [new Error('charls: decoding failed'), 'viewer.fail.decode'],
    [{ error: new Error('Invalid array length') }, 'viewer.fail.memory'],
    ['something odd', 'viewer.fail.other'],
  ])('%s → %s, never the exception text', (err, key) => {
    const f = loadFailure(err, 'JPEG-LS Lossless');
    expect(f.key).toBe(key);
    expect(JSON.stringify(f)).not.toMatch(/past end|charls|Invalid array/);
  });
});
