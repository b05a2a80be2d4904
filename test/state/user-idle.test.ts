// The operator's idleness: background work waits until no input came for the given time, and
// every input restarts the wait.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const listeners = new Map<string, () => void>();
beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', { addEventListener: (type: string, fn: () => void) => listeners.set(type, fn) });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('whenIdle', () => {
  it('runs once the operator has left the page alone that long, restarting on every input', async () => {
    const { whenIdle, idleFor } = await import('../../src/state/user-idle.ts');
    const fn = vi.fn();
    whenIdle(5000, fn);
    listeners.get('keydown')!();
    expect(idleFor()).toBe(0);
    vi.advanceTimersByTime(3000);
    listeners.get('pointerdown')!();
    vi.advanceTimersByTime(4000);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1500);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20_000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits while the app is busy with work the operator asked for, then runs', async () => {
    const { whenIdle } = await import('../../src/state/user-idle.ts');
    const fn = vi.fn();
    let busy = true;
    whenIdle(1000, fn, () => busy);
    vi.advanceTimersByTime(5000);
    expect(fn).not.toHaveBeenCalled();
    busy = false;
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not run once cancelled', async () => {
    const { whenIdle } = await import('../../src/state/user-idle.ts');
    const fn = vi.fn();
    const cancel = whenIdle(1000, fn);
    vi.advanceTimersByTime(500);
    cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).not.toHaveBeenCalled();
  });
  it('counts files picked (change) or dropped as input, from start-up on', async () => {
    const { whenIdle } = await import('../../src/state/user-idle.ts');
    // Wired when the module loads, before any wait was asked for.
    expect([...listeners.keys()].sort()).toEqual(['change', 'drop', 'keydown', 'pointerdown', 'wheel']);
    vi.advanceTimersByTime(60_000);
    listeners.get('change')!();
    const fn = vi.fn();
    whenIdle(5000, fn);
    vi.advanceTimersByTime(4000);
    listeners.get('drop')!();
    vi.advanceTimersByTime(4000);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1500);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
