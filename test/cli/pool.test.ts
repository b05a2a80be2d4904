// The CLI's pool (src/cli/pool.ts): a worker thread joins the main lane only while the work
// left, at the main lane's pace, gives every lane at least LANE_WORK_MS; and files run on the
// main thread leave the event loop room between them, so Ctrl-C (stop) is heard mid-batch.
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANE_WORK_MS, Pool, wantsAnotherLane } from '../../src/cli/pool.ts';
import type { Task, TaskResult } from '../../src/cli/task-result.ts';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { ct, removeTempDirs, tempDir, writeFile } from './helpers.ts';

afterAll(removeTempDirs);

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

describe('Pool on the main thread', () => {
  it('hears a stop between files: a timer set before the run fires while it goes on', async () => {
    const dir = tempDir();
    const tasks: Task[] = [];
    for (let i = 0; i < 40; i++) {
      const rel = `s/${i}.dcm`;
      writeFile(path.join(dir, 'in', rel), ct(`PID-${i}`, 'Doe^Jane', '1', '1', String(i + 1)));
      tasks.push({ index: i, input: rel, abs: path.join(dir, 'in', rel), rel });
    }
    const results: TaskResult[] = [];
    const pool = new Pool({
      jobs: 1, exactJobs: true,
      init: { key: new Uint8Array(32).fill(7), options: DEFAULT_OPTIONS, mapping: null, outDir: path.join(dir, 'out'), rename: true, dryRun: true, allowFlagged: false },
      claim: (p) => ({ path: p }),
      onResult: (r) => results.push(r),
    });
    setTimeout(() => pool.stop(), 0);
    const notRun = await pool.run(tasks);
    expect(results.length).toBeGreaterThan(0);
    expect(notRun.length).toBeGreaterThan(0); // the batch did not run to its end before the timer
    expect(results.length + notRun.length).toBe(40);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
  });
});
