// Review mode (issue 4): steps through every loaded image likely to carry burned-in text
// (src/workspace/review-candidates.ts) so none leaves unreviewed; per image the operator marks it
// redacted (its boxes cover the text) or confirmed clean. "Confirmed clean" makes the export add
// code 113101 and BurnedInAnnotation NO without boxes; the status of each image goes into
// report.json. The export asks before it writes unreviewed candidates (src/state/review-gate.ts).

import { auditRegions, type AuditRegion } from '../core/audit/events.ts';
import { useSyncExternalStore } from 'react';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { effectiveBoxes, filesById, type DrawnBox } from '../workspace/redaction-boxes.ts';
import { reviewReasons, reviewStatus, type ReviewMark, type ReviewReason } from '../workspace/review-candidates.ts';
import type { ReportFileEntry } from '../core/report/batch-report.ts';
import { selectFile } from './actions.ts';
import { ocrState, subscribeOcr } from './ocr-suggestions.ts';
import { loadedFileIds, onFilesChanged, store } from './store.ts';

export interface ReviewState {
  marks: ReadonlyMap<number, ReviewMark>;
  /** Review mode is on (the panel shows the current candidate and the next button). */
  active: boolean;
}

let state: ReviewState = { marks: new Map(), active: false };
const listeners = new Set<() => void>();
function set(patch: Partial<ReviewState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export function useReview<T>(select: (s: ReviewState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}
export const reviewState = (): ReviewState => state;

export interface Candidate {
  fileId: number;
  reasons: ReviewReason[];
  boxes: number;
  mark: ReviewMark | undefined;
  status: 'redacted' | 'confirmed-clean' | 'unreviewed';
}

/** Every review candidate of the loaded files, in load order, with its status now. */
export function candidates(files: readonly LoadedFile[] = store.get().files, boxes: readonly DrawnBox[] = store.get().boxes): Candidate[] {
  const byId = filesById(files);
  const hits = ocrState().hits;
  const out: Candidate[] = [];
  for (const f of files) {
    const reasons = reviewReasons(f, hits.has(f.id));
    const mark = state.marks.get(f.id);
    if (!reasons.length && !mark) continue;
    const n = effectiveBoxes(boxes, byId, f).length;
    const status = reviewStatus(mark, n, reasons.length > 0);
    if (status) out.push({ fileId: f.id, reasons, boxes: n, mark, status });
  }
  return out;
}

export const unreviewed = (): Candidate[] => candidates().filter((c) => c.status === 'unreviewed');

export function mark(fileId: number, m: ReviewMark | null): void {
  const marks = new Map(state.marks);
  if (m) marks.set(fileId, m);
  else marks.delete(fileId);
  set({ marks });
}

/** Show the next unreviewed candidate after the selected one (wrapping); false when none is left. */
export function nextCandidate(): boolean {
  const list = unreviewed();
  if (!list.length) return false;
  const sel = store.get().selectedFile ?? -1;
  const next = list.find((c) => c.fileId > sel) ?? list[0];
  selectFile(next.fileId);
  return true;
}

export function startReview(): void {
  set({ active: true });
  nextCandidate();
}

export function stopReview(): void {
  set({ active: false });
}

/** Mark the selected image and move on to the next unreviewed one. */
export function markSelected(m: ReviewMark): void {
  const id = store.get().selectedFile;
  if (id === null) return;
  mark(id, m);
  if (state.active) nextCandidate();
}

/** The burned-in-text review of one file as report.json and audit.jsonl record it (codes and counts only). */
export interface FileReview {
  burnedInReview?: 'redacted' | 'confirmed-clean' | 'unreviewed';
  reviewReasons?: ReviewReason[];
  redactionBoxes?: number;
  redactionRegions?: AuditRegion[];
}

/** What the export needs, frozen at its start. */
export function reviewSnapshot(): {
  confirmedClean(fileId: number): boolean;
  /** The review fields of a file (empty when it is no candidate, unmarked and unboxed). */
  reviewOf(f: LoadedFile, byId: ReturnType<typeof filesById>, boxes: readonly DrawnBox[]): FileReview;
  withReview(entries: ReportFileEntry[], files: readonly LoadedFile[], boxes: readonly DrawnBox[]): ReportFileEntry[];
} {
  const marks = new Map(state.marks);
  const hits = new Set(ocrState().hits);
  const reviewOf = (f: LoadedFile, byId: ReturnType<typeof filesById>, boxes: readonly DrawnBox[]): FileReview => {
    const reasons = reviewReasons(f, hits.has(f.id));
    const applied = effectiveBoxes(boxes, byId, f);
    const n = applied.length;
    const boxed = n ? { redactionBoxes: n, redactionRegions: auditRegions(applied) } : {};
    const status = reviewStatus(marks.get(f.id), n, reasons.length > 0);
    if (!status) return boxed;
    return { burnedInReview: status, ...(reasons.length ? { reviewReasons: reasons } : {}), ...boxed };
  };
  return {
    confirmedClean: (id) => marks.get(id) === 'clean',
    reviewOf,
    withReview(entries, files, boxes) {
      const byId = filesById(files);
      return entries.map((e, i) => {
        const f = files[i];
        if (!e || !f) return e;
        const r = reviewOf(f, byId, boxes);
        return Object.keys(r).length ? { ...e, ...r } : e;
      });
    },
  };
}

// Files unloaded: their marks go. OCR found text: the status list changes.
onFilesChanged(() => {
  const ids = loadedFileIds();
  if ([...state.marks.keys()].every((id) => ids.has(id))) return;
  set({ marks: new Map([...state.marks].filter(([id]) => ids.has(id))) });
});
subscribeOcr(() => set({}));
