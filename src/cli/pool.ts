// Runs the tasks of a batch. The main thread is always one lane: it starts on the first file at
// once. Worker threads join it (one file at a time per worker, with the next one already queued
// in the worker so it never waits for the main thread; a worker's written output is claimed and
// renamed into place here, keep-output.ts) only where they pay: a thread costs ~150 ms to start
// (it compiles the worker bundle) and lanes sharing the memory bus each run slower, so by
// default one is added only while the work left, timed on the files done so far, comes to more
// than LANE_WORK_MS per lane; an explicit --jobs N starts N − 1 at once. A worker that dies takes
// only its current file with it (refused, with the reason) and is replaced. stop() lets files in
// progress finish; abort() ends at once and deletes temporary files.

import { msg } from '../core/messages/message.ts';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { emptyCounts } from '../core/deid/plan.ts';
import { keepOutput } from './keep-output.ts';
import { processOne, runContext, tempPathOf, type Task, type TaskResult } from './process-one.ts';
import type { ClaimAnswer } from './output-claims.ts';
import type { WorkerInit } from './session.ts';
import type { FromWorker, ToWorker } from './worker.ts';
import { errorInEnglish } from '../i18n/render-code.ts';

export interface PoolOptions {
  jobs: number;
  /** --jobs was given: start that many threads whenever there are that many files. */
  exactJobs?: boolean;
  init: WorkerInit;
  /** Ask for a final output path for a task whose input hashes to `sha256` (see output-claims.ts). */
  claim(finalPath: string, task: Task, sha256: string | null): ClaimAnswer;
  onResult(result: TaskResult): void;
}

/** Tasks handed to a worker ahead of its answers (one in progress, one queued in the worker). */
const PREFETCH = 2;

declare const __VEIL_BUNDLED__: boolean | undefined;
/** In the esbuild bundle (dist-cli/) the worker is a sibling bundle; from source it goes through tsx. */
const WORKER_URL = typeof __VEIL_BUNDLED__ !== 'undefined' && __VEIL_BUNDLED__ ? new URL('./worker.mjs', import.meta.url) : new URL('./worker-entry.mjs', import.meta.url);

export const failedResult = (index: number, error: string): TaskResult => ({
  index, status: 'refused', output: null, error, warnings: [], actions: emptyCounts(), transferSyntax: null, sopClassUID: null,
  bytesIn: 0, bytesOut: 0, ms: 0, uids: [], patientIds: [], sha256: null, outputSha256: null, leaks: [], released: false, gateMs: 0,
});

/** Files a worker thread must have to be worth starting at all. */
export const MIN_TASKS_PER_THREAD = 8;
/**
 * Work left (ms, at the main lane's pace) that each lane must get before another worker joins.
 * On the 2-core bench machine a second lane lost on 200 files (CT slices or JPEG ultrasound,
 * 0.5–0.7 s of work), broke even on 500 and won on 1,000 (docs/speed.md).
 */
export const LANE_WORK_MS = 1000;
/** Whether `leftMs` of work (at one lane's pace) gives each lane LANE_WORK_MS once one more worker joins the main thread and `workers`. */
export const wantsAnotherLane = (leftMs: number, workers: number): boolean => leftMs > LANE_WORK_MS * (workers + 2);
/** The main lane's pace is timed over PACE_OVER files after the first WARM_UP (which compile the code). */
const WARM_UP = 4;
const PACE_OVER = 4;

export class Pool {
  private stopping = false;
  private aborting = false;
  private readonly workers = new Set<Worker>();
  private readonly inProcessTemps = new Set<string>();

  constructor(private readonly o: PoolOptions) {}

  /** Stop handing out files; those in progress finish. */
  stop(): void {
    this.stopping = true;
  }

  /** End now: workers delete their temporary files and exit. */
  abort(): void {
    this.stopping = true;
    this.aborting = true;
    for (const t of this.inProcessTemps) rmSync(t, { force: true });
    for (const w of this.workers) {
      w.postMessage({ type: 'abort' } satisfies ToWorker);
      setTimeout(() => void w.terminate(), 1000).unref();
    }
  }

  /**
   * Runs every task (until stopped); returns the indices of tasks that were not run. Lanes: the
   * main thread, plus at most jobs − 1 workers (none for fewer than MIN_TASKS_PER_THREAD files a
   * lane), started at once for an explicit --jobs N (exactJobs), else as the work left warrants.
   */
  async run(tasks: Task[]): Promise<number[]> {
    const queue = [...tasks];
    const lanes = Math.min(this.o.jobs, Math.ceil(tasks.length / (this.o.exactJobs ? 1 : MIN_TASKS_PER_THREAD)));
    const workers: Promise<void>[] = [];
    if (this.o.exactJobs) while (workers.length < lanes - 1) workers.push(this.runWorker(queue));
    let done = 0;
    let warm = 0;
    await this.runInProcess(queue, () => {
      done++;
      if (done === WARM_UP) warm = performance.now();
      if (done < WARM_UP + PACE_OVER || workers.length >= lanes - 1 || this.stopping) return;
      const left = ((performance.now() - warm) / (done - WARM_UP)) * queue.length;
      if (wantsAnotherLane(left, workers.length)) workers.push(this.runWorker(queue));
    });
    await Promise.all(workers);
    return queue.map((t) => t.index);
  }

  private async runInProcess(queue: Task[], afterEach: () => void): Promise<void> {
    const ctx = runContext(this.o.init, this.inProcessTemps, (p, task, sha256) => Promise.resolve(this.o.claim(p, task, sha256)));
    while (queue.length && !this.stopping) {
      const task = queue.shift()!;
      let r: TaskResult;
      try {
        r = await processOne(task, ctx);
      } catch (err) {
        r = failedResult(task.index, `internal error: ${errorInEnglish(err)}`);
      }
      if (this.aborting) return;
      this.o.onResult(r);
      afterEach();
      // Let the event loop run between files: a file here may finish without ever leaving the
      // microtask queue, and Ctrl-C (stop, abort) and the worker threads' answers wait for it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** One worker lane (a worker, and the one that replaces it if it dies), until the queue is empty. */
  private runWorker(queue: Task[]): Promise<void> {
    return new Promise((resolveLane) => {
      let live = 0;
      const start = () => {
        const w = new Worker(WORKER_URL, { workerData: this.o.init });
        // Tasks sent to this worker and not answered yet, in order: the first is in progress, the
        // next waits in the worker's queue, so the worker never idles waiting for the main thread.
        const inFlight: Task[] = [];
        let finished = false;
        const temps = new Set<string>();
        live++;
        this.workers.add(w);
        const send = () => {
          while (inFlight.length < PREFETCH && !this.stopping && queue.length) {
            const task = queue.shift()!;
            inFlight.push(task);
            w.postMessage({ type: 'task', task } satisfies ToWorker);
          }
          if (inFlight.length === 0) void w.terminate();
        };
        const done = (reason: string | null) => {
          if (finished) return;
          finished = true;
          this.workers.delete(w);
          live--;
          for (const t of temps) rmSync(t, { force: true });
          const [current, ...waiting] = inFlight;
          // Its temporary file, if it got as far (named from the task: see tempPathOf).
          if (current && !current.skip) rmSync(tempPathOf(current, this.o.init), { force: true });
          queue.unshift(...waiting); // never started: another worker takes them
          if (current && !this.aborting) {
            this.o.onResult(failedResult(current.index, `internal error: the worker thread stopped (${reason ?? 'no reason given'}); no output was written`));
          }
          inFlight.length = 0;
          if (queue.length && !this.stopping && !this.aborting) start();
          if (live === 0) resolveLane();
        };
        w.on('message', (m: FromWorker) => {
          if (m.type === 'temp') {
            if (m.exists) temps.add(m.path);
            else temps.delete(m.path);
          } else {
            const index = m.type === 'result' ? m.result.index : m.index;
            const at = inFlight.findIndex((t) => t.index === index);
            const task = at >= 0 ? inFlight.splice(at, 1)[0] : undefined;
            if (m.type === 'pending') temps.delete(m.pending.temp);
            if (this.aborting) {
              if (m.type === 'pending') rmSync(m.pending.temp, { force: true }); // stopped at once: files in progress get no output
            } else if (m.type === 'result') {
              this.o.onResult(m.result);
            } else {
              // A verified output written whole: its path is handed out here, the file renamed or removed.
              const answer: ClaimAnswer = task ? this.o.claim(m.pending.final, task, m.pending.sha256) : { error: msg('internal-error', { detail: 'internal error: an output for a file not in progress' }) };
              this.o.onResult(keepOutput(m.pending, answer, this.o.init.outDir));
            }
            send();
          }
        });
        w.on('error', (err) => done(err.message));
        w.on('exit', (code) => done(code === 0 ? null : `exit code ${code}`));
        send();
      };
      start();
    });
  }
}
