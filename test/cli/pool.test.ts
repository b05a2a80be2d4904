// When the CLI's pool adds a worker thread to the main lane (src/cli/pool.ts): only while the
// work left, at the main lane's pace, gives every lane at least LANE_WORK_MS once it joins.
import { describe, expect, it } from 'vitest';
import { LANE_WORK_MS, wantsAnotherLane } from '../../src/cli/pool.ts';

describe('wantsAnotherLane', () => {
  it('keeps a small batch on the main thread (200 files at 3 ms each is 0.6 s of work)', () => {
    expect(wantsAnotherLane(200 * 3, 0)).toBe(false);
  });

  it('adds a first worker when the two lanes would each get more than LANE_WORK_MS', () => {
    expect(wantsAnotherLane(2 * LANE_WORK_MS + 1, 0)).toBe(true);
    expect(wantsAnotherLane(2 * LANE_WORK_MS, 0)).toBe(false);
  });

  it('asks more work for each further worker (three lanes need three times LANE_WORK_MS)', () => {
    expect(wantsAnotherLane(2.5 * LANE_WORK_MS, 1)).toBe(false);
    expect(wantsAnotherLane(3.5 * LANE_WORK_MS, 1)).toBe(true);
  });
});
