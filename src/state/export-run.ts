// Runs an export: every loaded file goes through a dedicated worker pool (de-identify, re-read
// with verifyOutput), verified outputs are written one at a time into the target under
// pseudonym/UID names, then uid_mapping.csv, patid_mapping.csv and report.json. At most
// 2 × pool size verified outputs wait in memory. Cancel terminates the workers and aborts the target.
// Refused and skipped files are listed with their reasons in the UI and the report.

import { mappingCsv, PATID_MAPPING_CSV, REPORT_JSON, reportJson, UID_MAPPING_CSV, type ReportFileEntry } from '../core/report/batch-report.ts';
import { emptyCounts } from '../core/deid/plan.ts';
import { inputLabel, outputPath, PathClaims } from '../app/output-naming.ts';
import type { ExportedFile } from '../pipeline/export-file.ts';
import type { OutputTarget } from './output-targets.ts';
import { IDLE_EXPORT, store, type ExportFailure } from './store.ts';
import { AbortError, WorkerPool } from './worker-pool.ts';

let current: AbortController | null = null;

export function cancelExport(): void {
  current?.abort();
}

export async function runExport(openTarget: () => Promise<OutputTarget>): Promise<void> {
  if (current) return;
  const files = [...store.get().files].sort((a, b) => a.id - b.id);
  if (files.length === 0) {
    store.set({ exporting: { ...IDLE_EXPORT, phase: 'failed', message: 'Nothing to export: load files first.' } });
    return;
  }
  let target: OutputTarget;
  try {
    target = await openTarget();
  } catch (err) {
    const msg = (err as Error).name === 'AbortError' ? 'Export not started: no destination was chosen.' : `Export not started: ${(err as Error).message}`;
    store.set({ exporting: { ...IDLE_EXPORT, phase: 'idle', message: msg } });
    return;
  }
  const controller = new AbortController();
  current = controller;
  const started = performance.now();
  const pool = new WorkerPool(store.sessionInit());
  const options = { ...store.get().options };
  const claims = new PathClaims();
  const entries: ReportFileEntry[] = new Array(files.length);
  const failures: ExportFailure[] = [];
  const uids = new Map<string, string>();
  const patientIds = new Map<string, string>();
  let done = 0;
  let written = 0;
  let bytesOut = 0;
  let lastUpdate = 0;
  const update = (force = false) => {
    const now = performance.now();
    if (!force && now - lastUpdate < 150) return;
    lastUpdate = now;
    store.set({ exporting: { phase: 'running', target: target.label, done, total: files.length, written, bytesOut, startedAt: started, finishedAt: 0, failures: failures.slice(0, 200), message: '' } });
  };
  update(true);
  const onAbort = () => pool.terminate(new AbortError());
  controller.signal.addEventListener('abort', onAbort);

  let writeChain = Promise.resolve();
  let queuedWrites = 0;
  const maxQueued = pool.size * 2;
  const accept = (index: number, r: ExportedFile) => {
    const f = files[index];
    const label = inputLabel(f.id, r.sha256);
    const entry: ReportFileEntry = { input: label, output: null, status: r.status, error: r.error, warnings: r.warnings, actions: r.counts };
    entries[index] = entry;
    if (r.status === 'ok' && r.bytes && r.ids) {
      const path = outputPath(r.ids);
      const owner = claims.claim(path, label);
      if (owner) {
        entry.status = 'refused';
        entry.error = `another input (${owner}) has the same SOP Instance UID, so both would be written to ${path}; this one was not written`;
      } else {
        const bytes = r.bytes;
        queuedWrites++;
        writeChain = writeChain.then(async () => {
          queuedWrites--;
          if (controller.signal.aborted) return;
          await target.add(path, bytes);
          entry.output = path;
          written++;
          bytesOut += bytes.length;
          for (const [o, n] of r.uids) uids.set(o, n);
          for (const [o, n] of r.patientIds) patientIds.set(o, n);
        });
      }
    }
    if (entry.status !== 'ok') failures.push({ input: label, name: f.name, status: entry.status, error: entry.error ?? 'no reason given' });
  };

  const finished = new Map<number, ExportedFile>();
  let nextToAccept = 0;
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length && !controller.signal.aborted) {
        const i = next++;
        let r: ExportedFile;
        try {
          r = await pool.run((api) => api.exportFile(files[i].blob), { signal: controller.signal });
        } catch (err) {
          if (controller.signal.aborted) throw err;
          r = { status: 'refused', error: `the worker failed on this file: ${(err as Error).message}`, warnings: [], counts: emptyCounts(), sha256: '', bytesIn: files[i].size, bytes: null, ids: null, uids: [], patientIds: [] };
        }
        finished.set(i, r);
        // Accept in load order, so the first of two inputs with one SOP Instance UID always wins
        // and the archive lists files in load order, whichever worker finished first.
        while (finished.has(nextToAccept)) {
          accept(nextToAccept, finished.get(nextToAccept)!);
          finished.delete(nextToAccept);
          nextToAccept++;
        }
        // Back-pressure: at most 2 × pool size verified outputs wait in memory for the writer.
        while (queuedWrites > maxQueued) await writeChain;
        done++;
        update();
      }
    };
    await Promise.all(Array.from({ length: pool.size }, worker));
    await writeChain;
    if (controller.signal.aborted) throw new AbortError();
    await target.add(UID_MAPPING_CSV, mappingCsv(uids));
    await target.add(PATID_MAPPING_CSV, mappingCsv(patientIds));
    await target.add(REPORT_JSON, reportJson(entries, { generator: 'Veil (browser)', options }));
    await target.close();
    const ms = performance.now() - started;
    store.set({
      exporting: {
        phase: 'done', target: target.label, done, total: files.length, written, bytesOut, startedAt: started, finishedAt: performance.now(), failures,
        message: `Export done: ${written} file${written === 1 ? '' : 's'} written, ${failures.filter((f) => f.status === 'refused').length} refused, ${failures.filter((f) => f.status === 'skipped').length} skipped, in ${(ms / 1000).toFixed(1)} s.`,
      },
    });
  } catch (err) {
    await target.abort();
    const cancelled = controller.signal.aborted;
    store.set({
      exporting: {
        phase: cancelled ? 'cancelled' : 'failed', target: target.label, done, total: files.length, written, bytesOut, startedAt: started, finishedAt: performance.now(), failures,
        message: cancelled ? `Export cancelled: ${target.onCancel}.` : `Export failed: ${(err as Error).message}`,
      },
    });
  } finally {
    controller.signal.removeEventListener('abort', onAbort);
    pool.terminate();
    current = null;
  }
}
