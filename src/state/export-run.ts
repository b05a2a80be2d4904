// Runs an export: once every opened file is read (files-ready.ts), every loaded file goes through
// a dedicated worker pool (de-identify, re-read with verifyOutput, leak gate on the bytes and the
// archive path), clean outputs are written one at a time into the target under pseudonym/UID
// names; files the leak gate flagged wait for the operator's release decision (ReleaseDialog).
// The target — the bundle the operator shares — holds de-identified DICOM only: uid_mapping.csv,
// patid_mapping.csv, report.json and the audit log audit.jsonl re-identify the patients and are
// kept apart as the private records (private-records.ts, "Save private records"). What each image
// may claim about burned-in text is decided by core from its review (src/core/deid/pixel-claim.ts).
// At most 2 × pool size verified outputs wait in memory. Cancel terminates the workers and aborts
// the target. "For CD/USB" (store.exportForMedia): outputs named with PS3.10 file IDs and a
// DICOMDIR of the written ones (core/media) in the shared bundle. Refused, skipped and flagged
// files are listed with their reasons in the UI and the report.

import { msg, type Message } from '../core/messages/message.ts';
import { errorDetail, notice } from '../core/messages/notice.ts';
import { exportStartProblem, personName } from '../workspace/release-rules.ts';
import { APP_VERSION } from '../workspace/version.ts';
import { sha256Hex } from '../core/audit/hashing.ts';
import { emptyCounts } from '../core/deid/plan.ts';
import { mappingCsv, PATID_MAPPING_CSV, REPORT_JSON, reportJson, UID_MAPPING_CSV } from '../core/report/batch-report.ts';
import type { ExportedFile, PixelReview } from '../pipeline/export-file.ts';
import { filesById } from '../workspace/redaction-boxes.ts';
import type { SessionInit } from '../pipeline/session.ts';
import { AUDIT_JSONL, ExportAudit } from './export-audit.ts';
import { buildDicomdir } from '../core/media/dicomdir-writer.ts';
import { ExportResults } from './export-results.ts';
import { whenFilesReady } from './files-ready.ts';
import { setPrivateRecords } from './private-records.ts';
import type { OutputTarget } from './output-targets.ts';
import { requestRelease } from './release.ts';
import { reviewSnapshot } from './review.ts';
import { IDLE_EXPORT, store } from './store.ts';
import { AbortError, exportPoolSize, WorkerPool } from './worker-pool.ts';

/** What the export needs of a pool (the app's WorkerPool; tests run the pipeline in-process). */
export interface ExportPool {
  readonly size: number;
  run<T>(fn: (api: { exportFile(blob: Blob, pixels?: PixelReview, media?: boolean): Promise<ExportedFile> }) => Promise<T>, opts?: { signal?: AbortSignal }): Promise<T>;
  terminate(reason?: Error): void;
}

export interface ExportDeps {
  makePool?: (init: SessionInit) => ExportPool;
  now?: () => Date;
}

let current: AbortController | null = null;

export const DICOMDIR_NAME = 'DICOMDIR';

export function cancelExport(): void {
  current?.abort();
}

const failedFile = (bytesIn: number, error: Message): ExportedFile => ({
  status: 'refused', error, warnings: [], counts: emptyCounts(), sha256: '', bytesIn, bytes: null, ids: null, path: null, outputSha256: null, leaks: [], gateMs: 0, uids: [], patientIds: [],
});

export async function runExport(openTarget: () => Promise<OutputTarget>, deps: ExportDeps = {}): Promise<void> {
  if (current) return;
  // Every opened file, read: an export started during a load listed only the files read so far.
  await whenFilesReady();
  if (current) return;
  const s = store.get();
  const files = [...s.files].sort((a, b) => a.id - b.id);
  const problem = files.length === 0 ? notice('nothingToExport') : exportStartProblem({ requireReviewer: s.settings.requireReviewer, operator: s.operator });
  if (problem) {
    store.set({ exporting: { ...IDLE_EXPORT, phase: 'failed', message: problem } });
    return;
  }
  let target: OutputTarget;
  try {
    target = await openTarget();
  } catch (err) {
    const message = (err as Error).name === 'AbortError' ? notice('noDestination') : notice('notStarted', { error: errorDetail(err) });
    store.set({ exporting: { ...IDLE_EXPORT, phase: 'idle', message } });
    return;
  }
  const controller = new AbortController();
  current = controller;
  setPrivateRecords(null);
  const started = performance.now();
  const pool = (deps.makePool ?? ((init) => new WorkerPool(init, exportPoolSize())))(store.sessionInit());
  const options = { ...s.options };
  const byId = filesById(files);
  const drawn = s.boxes;
  const review = reviewSnapshot();
  const operator = personName(s.operator);
  const requireReviewer = s.settings.requireReviewer;
  const media = s.exportForMedia;
  const audit = new ExportAudit({
    version: APP_VERSION, key: s.key, inputs: files.length, options, requireReviewer, mapping: s.mapping !== null, jobs: pool.size, operator, now: deps.now,
    reviewOf: (id) => (byId.get(id) ? review.reviewOf(byId.get(id)!, byId, drawn) : {}),
  });
  const results = new ExportResults(files, audit, (path, bytes, crc) => target.add(path, bytes, crc), media);
  let done = 0;
  let lastUpdate = 0;
  const state = (phase: typeof IDLE_EXPORT.phase, message: Message | null, finishedAt = 0) => ({
    phase, target: target.label, targetKind: target.kind, done, total: files.length, written: results.written, bytesOut: results.bytesOut, startedAt: started, finishedAt,
    failures: phase === 'running' ? results.failures.slice(0, 200) : results.failures, message, gateMs: results.gateMs,
  });
  const update = (force = false, message: Message | null = null) => {
    const now = performance.now();
    if (!force && now - lastUpdate < 150) return;
    lastUpdate = now;
    store.set({ exporting: state('running', message) });
  };
  update(true);
  const onAbort = () => pool.terminate(new AbortError());
  controller.signal.addEventListener('abort', onAbort);

  let writeChain = Promise.resolve();
  let queuedWrites = 0;
  const maxQueued = pool.size * 2;
  const finished = new Map<number, ExportedFile>();
  let nextToAccept = 0;
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length && !controller.signal.aborted) {
        const i = next++;
        const f = files[i];
        let r: ExportedFile;
        if (f.refusal) r = failedFile(0, f.refusal);
        else {
          try {
            const pixels = review.pixelReview(f, byId, drawn);
            const plain = !pixels.boxes.length && !pixels.confirmedClean;
            r = await pool.run((api) => (media ? api.exportFile(f.blob, pixels, true) : plain ? api.exportFile(f.blob) : api.exportFile(f.blob, pixels)), { signal: controller.signal });
          } catch (err) {
            if (controller.signal.aborted) throw err;
            r = failedFile(f.size, msg('worker-failed-on-file', { detail: errorDetail(err) }));
          }
        }
        finished.set(i, r);
        // Accept in load order, so the first of two inputs with one SOP Instance UID always wins
        // and the archive lists files in load order, whichever worker finished first.
        while (finished.has(nextToAccept)) {
          const work = results.accept(nextToAccept, finished.get(nextToAccept)!);
          finished.delete(nextToAccept);
          nextToAccept++;
          queuedWrites++;
          writeChain = writeChain.then(async () => {
            queuedWrites--;
            if (!controller.signal.aborted) await work();
          });
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
    const flagged = results.flagged();
    if (flagged.length) {
      update(true, flagged.length === 1 ? notice('flaggedWaitingOne') : notice('flaggedWaiting', { n: flagged.length }));
      const decision = await requestRelease({ files: flagged, requireReviewer, operator: operator ?? '' }, controller.signal);
      if (controller.signal.aborted) throw new AbortError();
      await results.decide(decision, operator);
    }
    // "For CD/USB": the DICOMDIR of the outputs written (PS3.10 §8), at the root of the export.
    const dicomdir = media && results.directory.length ? buildDicomdir(results.directory) : null;
    if (dicomdir) await target.add(DICOMDIR_NAME, dicomdir);
    const uidText = mappingCsv(results.uids);
    const patText = mappingCsv(results.patientIds);
    const reportText = reportJson(review.withReview(results.entries, files, drawn), { generator: 'Veil (browser)', options });
    const sum = results.summary();
    const seconds = Math.round(performance.now() - started) / 1000;
    const written = { [UID_MAPPING_CSV]: sha256Hex(uidText), [PATID_MAPPING_CSV]: sha256Hex(patText), [REPORT_JSON]: sha256Hex(reportText), ...(dicomdir ? { [DICOMDIR_NAME]: sha256Hex(dicomdir) } : {}) };
    const auditText = audit.finish({ target: target.kind, outputs: results.written, bytesOut: results.bytesOut }, { ...sum, interrupted: false, seconds, written });
    await target.close();
    setPrivateRecords({ [UID_MAPPING_CSV]: uidText, [PATID_MAPPING_CSV]: patText, [REPORT_JSON]: reportText, [AUDIT_JSONL]: auditText });
    const n = results.written;
    const counts = { n, flagged: sum.flagged, released: sum.released, refused: sum.refused, skipped: sum.skipped, seconds: seconds.toFixed(1) };
    const name = sum.flagged ? (n === 1 ? 'doneFlaggedOne' : 'doneFlagged') : n === 1 ? 'doneOne' : 'done';
    store.set({ exporting: state('done', notice(name, counts), performance.now()) });
  } catch (err) {
    await target.abort();
    const cancelled = controller.signal.aborted;
    store.set({ exporting: state(cancelled ? 'cancelled' : 'failed', cancelled ? notice('cancelled', { what: target.onCancel }) : notice('failed', { error: errorDetail(err) }), performance.now()) });
  } finally {
    controller.signal.removeEventListener('abort', onAbort);
    pool.terminate();
    current = null;
  }
}
