// Worker thread of `veil anonymize` (loaded through worker-entry.mjs, which registers tsx).
// Builds its own SessionState from the key in workerData, runs the files it is sent one at a
// time and posts back, once per file, the result with the original → new pairs it produced: a
// kept output travels as a PendingOutput (written whole into its temporary file), which the main
// thread claims a path for and renames into place (keep-output.ts). The worker never waits for it.

import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../core/deid/process-file.ts';
import { emptyCounts } from '../core/deid/plan.ts';
import { prepareOne, runContext, type Task, type TaskResult } from './process-one.ts';
import type { PendingOutput } from './keep-output.ts';
import type { WorkerInit } from './session.ts';

export type ToWorker = { type: 'task'; task: Task } | { type: 'abort' };
export type FromWorker =
  | { type: 'result'; result: TaskResult }
  | { type: 'pending'; index: number; pending: PendingOutput }
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
  /** A temporary file handed to the main thread with its PendingOutput (which it then tracks): no message. */
  handedOver(p: string): void {
    super.delete(p);
  }
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  // Streamed files report their temporary file when it is opened (ReportedSet); files built in
  // memory are written only once verified, and named from the task (tempPathOf), so the main
  // thread knows that one without a message.
  const temps = new ReportedSet((m) => port.postMessage(m));
  const ctx = runContext(init, temps);

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
    } else if (m.type === 'abort') {
      for (const t of ctx.temps) rmSync(t, { force: true });
      process.exit(0);
    }
  });

  const run = async (task: Task) => {
    let result: TaskResult | { pending: PendingOutput };
    try {
      result = await prepareOne(task, ctx);
    } catch (err) {
      result = {
        index: task.index, status: 'refused', output: null, error: `internal error: ${describeError(err)}`, warnings: [], actions: emptyCounts(),
        transferSyntax: null, sopClassUID: null, bytesIn: 0, bytesOut: 0, ms: 0, uids: [], patientIds: [],
        sha256: null, outputSha256: null, leaks: [], released: false, gateMs: 0,
      };
    }
    if ('pending' in result) {
      temps.handedOver(result.pending.temp);
      port.postMessage({ type: 'pending', index: task.index, pending: result.pending } satisfies FromWorker);
    } else {
      port.postMessage({ type: 'result', result } satisfies FromWorker);
    }
  };
}
