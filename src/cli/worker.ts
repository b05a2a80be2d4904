// Worker thread of `veil anonymize` (loaded through worker-entry.mjs, which registers tsx).
// Builds its own SessionState from the key in workerData, runs the files it is sent one at a
// time, asks the main thread to reserve each final output path, and posts back the results
// with the original → new pairs each file produced.

import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../core/deid/process-file.ts';
import { emptyCounts } from '../core/deid/plan.ts';
import { processOne, runContext, type Task, type TaskResult } from './process-one.ts';
import type { ClaimAnswer } from './output-claims.ts';
import type { WorkerInit } from './session.ts';

export type ToWorker = { type: 'task'; task: Task } | { type: 'claimed'; id: number; answer: ClaimAnswer } | { type: 'abort' };
export type FromWorker =
  | { type: 'result'; result: TaskResult }
  | { type: 'claim'; id: number; path: string; index: number; sha256: string | null; temp?: string }
  | { type: 'temp'; path: string; exists: boolean };

/** The worker's temporary files, mirrored to the main thread so a crashed worker leaves none. */
class ReportedSet extends Set<string> {
  constructor(private readonly post: (m: FromWorker) => void) {
    super();
  }
  override add(p: string): this {
    this.post({ type: 'temp', path: p, exists: true });
    return super.add(p);
  }
  override delete(p: string): boolean {
    this.post({ type: 'temp', path: p, exists: false });
    return super.delete(p);
  }
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const pending = new Map<number, (answer: ClaimAnswer) => void>();
  let nextId = 0;
  // Streamed files report their temporary file when it is opened (ReportedSet); files built in
  // memory name it in their claim (written only once granted): one message fewer each way.
  const ctx = runContext(init, new ReportedSet((m) => port.postMessage(m)), (path, task, sha256, temp) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      port.postMessage({ type: 'claim', id, path, index: task.index, sha256, ...(temp ? { temp } : {}) } satisfies FromWorker);
    }),
  );


  // Tasks run one at a time, in the order sent (the pool sends the next before this one ends).
  const queue: Task[] = [];
  let running = false;
  const drain = async () => {
    if (running) return;
    running = true;
    while (queue.length) await run(queue.shift()!);
    running = false;
  };

  port.on('message', (m: ToWorker) => {
    if (m.type === 'task') {
      queue.push(m.task);
      void drain();
    } else if (m.type === 'claimed') {
      pending.get(m.id)?.(m.answer);
      pending.delete(m.id);
    } else if (m.type === 'abort') {
      for (const t of ctx.temps) rmSync(t, { force: true });
      process.exit(0);
    }
  });

  const run = async (task: Task) => {
    let result: TaskResult;
    try {
      result = await processOne(task, ctx);
    } catch (err) {
      result = {
        index: task.index, status: 'refused', output: null, error: `internal error: ${describeError(err)}`, warnings: [], actions: emptyCounts(),
        transferSyntax: null, sopClassUID: null, bytesIn: 0, bytesOut: 0, ms: 0, uids: [], patientIds: [],
        sha256: null, outputSha256: null, leaks: [], released: false, gateMs: 0,
      };
    }
    port.postMessage({ type: 'result', result } satisfies FromWorker);
  };
}
