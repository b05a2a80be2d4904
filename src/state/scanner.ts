// Feeds loaded files to the worker pool in small batches and applies the results to the store
// in batches (every 120 ms, every 750 ms after the first 1.5 s), so 1,000 files make a few
// dozen renders, not 1,000 (each applied batch re-renders the tree and the shown series). The
// first files of a load go to the workers one by one and their results are applied at once, so
// the first series (and its first image) shows as soon as one file is read, not eight.
// When nothing is selected yet, the first series is selected as soon as a batch lists it (through
// `onFirstSeries`), so its first image loads while the rest is still being read.
// A change of key, options or mapping re-queues every DICOM file; results computed with an
// older session are applied for their display values and the file is checked again.

import { errorDetail, notice } from '../core/messages/notice.ts';
import { msg } from '../core/messages/message.ts';
import { buildTree, firstSeries } from '../workspace/instance-tree.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import type { ScanResult } from '../pipeline/scan-file.ts';
import { store } from './store.ts';
import type { WorkerPool } from './worker-pool.ts';

const BATCH = 8;
const FLUSH_MS = 120;
/** After the first seconds of a load, results are applied less often: every applied batch re-renders the tree and the shown series. */
const SLOW_FLUSH_MS = 750;
const FAST_PERIOD_MS = 1500;

export class Scanner {
  private queue = new Set<number>();
  private inFlight = 0;
  private pendingResults = new Map<number, ScanResult>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private scannedWith = new Map<number, number>();
  private started = 0;
  private queuedTotal = 0;
  private doneCount = 0;
  /** Results applied since the last idle moment (the first ones are applied at once). */
  private applied = 0;

  constructor(
    private readonly pool: () => WorkerPool,
    /** Called with the first series' key when results list one and no series is selected. */
    private readonly onFirstSeries?: (key: string) => void,
  ) {}

  enqueue(ids: Iterable<number>): void {
    if (this.queue.size === 0 && this.inFlight === 0) {
      this.started = performance.now();
      this.queuedTotal = 0;
      this.doneCount = 0;
      this.applied = 0;
    }
    for (const id of ids) {
      if (!this.queue.has(id)) this.queuedTotal++;
      this.queue.add(id);
    }
    this.report();
    this.pump();
  }

  /** Re-check every DICOM file with the current session. */
  rescanAll(): void {
    this.enqueue(store.get().files.filter((f) => !f.scan || f.scan.kind === 'dicom').map((f) => f.id));
  }

  reset(): void {
    this.queue.clear();
    this.pendingResults.clear();
    this.scannedWith.clear();
  }

  get busy(): boolean {
    return this.queue.size > 0 || this.inFlight > 0;
  }

  private pump(): void {
    const pool = this.pool();
    while (this.queue.size > 0 && this.inFlight < pool.size * 2) {
      const ids = this.firstBatch(this.doneCount === 0 && this.applied === 0 ? 1 : BATCH);
      for (const id of ids) this.queue.delete(id);
      const byId = new Map(store.get().files.map((f) => [f.id, f] as const));
      const files = ids.map((id) => byId.get(id)).filter((f): f is LoadedFile => !!f);
      if (files.length === 0) continue;
      const version = store.get().sessionVersion;
      this.inFlight++;
      pool
        .run((api) => api.scan(files.map((f) => f.blob)))
        .then(
          (results) => results.forEach((r, i) => this.accept(files[i].id, r, version)),
          (err: unknown) => files.forEach((f) => this.accept(f.id, failed(err), version)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
          this.scheduleFlush();
        });
    }
  }

  /** The next `n` queued ids, in load order. */
  private firstBatch(n: number): number[] {
    const ids: number[] = [];
    for (const id of this.queue) {
      if (ids.length === n) break;
      ids.push(id);
    }
    return ids;
  }

  private accept(id: number, r: ScanResult, version: number): void {
    this.pendingResults.set(id, r);
    this.scannedWith.set(id, version);
    this.doneCount++;
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    const now = !this.busy || this.applied === 0;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, now ? 0 : performance.now() - this.started < FAST_PERIOD_MS ? FLUSH_MS : SLOW_FLUSH_MS);
  }

  private flush(): void {
    const results = this.pendingResults;
    this.pendingResults = new Map();
    const current = store.get().sessionVersion;
    const stale: number[] = [];
    if (results.size > 0) {
      this.applied += results.size;
      store.set((s) => ({
        files: s.files.map((f) => {
          const r = results.get(f.id);
          if (!r) return f;
          if (r.kind === 'dicom' && this.scannedWith.get(f.id) !== current) stale.push(f.id);
          return { ...f, scan: r };
        }),
        filesVersion: s.filesVersion + 1,
      }));
    }
    if (stale.length) this.enqueue(stale);
    this.report();
    if (results.size > 0 && this.onFirstSeries && store.get().selectedSeries === null) {
      const first = firstSeries(buildTree(store.get().files));
      if (first) this.onFirstSeries(first.key);
    }
  }

  private report(): void {
    const busy = this.busy || this.pendingResults.size > 0;
    store.set({ loading: busy ? { label: notice('readingFiles'), done: this.doneCount, total: this.queuedTotal, startedAt: this.started } : null });
  }
}

function failed(err: unknown): ScanResult {
  return {
    kind: 'dicom', status: 'refused', error: msg('file-unreadable', { detail: errorDetail(err) }),
    warnings: [], counts: { X: 0, Z: 0, D: 0, K: 0, C: 0, U: 0 },
  };
}
