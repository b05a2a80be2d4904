// A pool of app workers behind comlink (size from navigator.hardwareConcurrency). Jobs queue
// and run on the next idle worker; urgent jobs (the selected file's plan) jump the queue.
// A comlink call cannot be cancelled, so aborting terminates the workers and rejects their
// pending calls (squoosh's WorkerBridge); the pool starts fresh workers on the next job.

import { MessageError, notice } from '../core/messages/notice.ts';
import { wrap, type Remote } from 'comlink';
import type { SessionInit } from '../pipeline/session.ts';
import type { VeilWorkerApi } from '../worker/veil.worker.ts';
import { installMessageErrorTransfer } from '../worker/comlink-errors.ts';

installMessageErrorTransfer();

interface Slot {
  worker: Worker;
  api: Remote<VeilWorkerApi>;
  busy: boolean;
  ready: Promise<void>;
  /** Rejects when the worker is terminated, so its pending calls do not hang. */
  killed: Promise<never>;
  kill: (err: Error) => void;
}

interface Job {
  run: (api: Remote<VeilWorkerApi>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export const defaultPoolSize = (): number => Math.max(1, Math.min(16, navigator.hardwareConcurrency || 2));

/**
 * The export's pool: two workers a core. A worker runs one file at a time and waits on each
 * file's Blob read (IPC to the browser process) and WebCrypto digests; with one worker a core
 * those waits left the cores idle. On the 2-core bench machine, 1,000 CT slices to a ZIP: 2 workers
 * 7.4–8.2 s, 4 workers 5.9–6.7 s, 6 workers 6.1–6.2 s (interleaved runs, docs/app-speed.md).
 * Measured again once the background OCR no longer ran beside the export: 2 workers 5.7–7.9 s,
 * 3 workers 5.0–6.0 s, 4 workers 5.0–6.5 s: two still lose, three gain nothing measurable.
 */
export const exportPoolSize = (cores = defaultPoolSize()): number => Math.min(16, 2 * cores);

export class AbortError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export class WorkerPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private init: SessionInit;

  constructor(init: SessionInit, readonly size = defaultPoolSize()) {
    this.init = init;
  }

  /** New key, options or mapping: every worker rebuilds its session before its next job. */
  configure(init: SessionInit): void {
    this.init = init;
    for (const s of this.slots) s.ready = s.api.configure(init);
  }

  run<T>(fn: (api: Remote<VeilWorkerApi>) => Promise<T>, opts: { urgent?: boolean; signal?: AbortSignal } = {}): Promise<T> {
    if (opts.signal?.aborted) return Promise.reject(new AbortError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { run: fn as Job['run'], resolve: resolve as Job['resolve'], reject };
      if (opts.urgent) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  /** Start every worker now (module loaded, session built), before the first job needs one. */
  warm(): void {
    while (this.slots.length < this.size) this.spawn();
  }

  /** Terminate every worker and fail every queued and running job. */
  terminate(reason: Error = new AbortError()): void {
    for (const s of this.slots) {
      s.worker.terminate();
      s.kill(reason);
    }
    this.slots = [];
    const q = this.queue;
    this.queue = [];
    for (const j of q) j.reject(reason);
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('../worker/veil.worker.ts', import.meta.url), { type: 'module', name: 'veil' });
    const api = wrap<VeilWorkerApi>(worker);
    let kill!: (err: Error) => void;
    const killed = new Promise<never>((_, reject) => (kill = reject));
    killed.catch(() => {});
    const slot: Slot = { worker, api, busy: false, ready: api.configure(this.init), killed, kill };
    worker.addEventListener('error', (e) => {
      this.slots = this.slots.filter((s) => s !== slot);
      worker.terminate();
      kill(new MessageError(notice('workerFailed', { error: e.message || notice('workerNoStart') })));
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      const s = slot;
      s.busy = true;
      Promise.race([s.ready.then(() => job.run(s.api)), s.killed])
        .then(job.resolve, job.reject)
        .finally(() => {
          s.busy = false;
          this.pump();
        });
    }
  }
}
