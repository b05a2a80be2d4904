// The OCR assist's state: boxes OCR proposed around text on the shown image or series (every
// frame, identical frames read once), waiting for the operator to accept (they become ordinary
// redaction boxes, all frames of that image) or reject them; one is focused (keyboard:
// acceptFocusedSuggestion / rejectFocusedSuggestion). Each carries its text, confidence and
// whether it identifies the patient. Also which images OCR read and which of those had text
// (review mode steps through the latter). Reading a series also proposes what stays the same on
// every frame while the anatomy changes (device overlays), without OCR. The shown series is read in the background after
// loading once the operator is idle; a run can be cancelled. The engine (PP-OCR in a worker, src/state/ocr-client.ts) loads
// on first use.

import { useSyncExternalStore } from 'react';
import type { FrameSource, OcrScope } from '../ocr/frame-source.ts';
import { frameFingerprint } from '../ocr/frame-fingerprint.ts';
import { identifyingTest, type IdentifyingTest } from '../ocr/identifying.ts';
import { StaticOverlay } from '../ocr/static-overlay.ts';
import type { FrameProposal as ProposedBox } from '../ocr/frame-ocr.ts';
import { overlapArea } from '../ocr/paddle/det.ts';
import type { Message } from '../core/messages/message.ts';
import { errorDetail, notice } from '../core/messages/notice.ts';
import { addBox } from './redaction.ts';
import { loadedFileIds, onFilesChanged, store } from './store.ts';
import { filesReady } from './files-ready.ts';
import { whenIdle } from './user-idle.ts';

/** An OCR proposal on one frame of one loaded image, waiting to be accepted or rejected. */
export interface Suggestion extends ProposedBox {
  id: string;
  /** The text holds the patient's name (汉字 or pinyin), an ID, a phone or a date. */
  identifying: boolean;
  /** Found without OCR: pixels that stay the same on every frame of the series (src/ocr/static-overlay.ts). */
  fixed?: boolean;
  fileId: number;
  frame: number;
}

export interface OcrState {
  running: boolean;
  /** For the status line's data-state. */
  phase: 'idle' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  suggestions: Suggestion[];
  focused: string | null;
  message: Message | null;
  /** Files OCR has read, and those where it found text. */
  read: ReadonlySet<number>;
  hits: ReadonlySet<number>;
  /** Every proposal found and not rejected, accepted ones included: the text review wants covered (src/workspace/text-coverage.ts). */
  proposals: Suggestion[];
}

let state: OcrState = { running: false, phase: 'idle', done: 0, total: 0, suggestions: [], focused: null, message: null, read: new Set(), hits: new Set(), proposals: [] };
const listeners = new Set<() => void>();
let source: FrameSource | null = null;
let counter = 0;

function set(patch: Partial<OcrState>): void {
  state = { ...state, ...patch };
  if (state.focused && !state.suggestions.some((s) => s.id === state.focused)) state = { ...state, focused: state.suggestions[0]?.id ?? null };
  if (!state.focused && state.suggestions.length) state = { ...state, focused: state.suggestions[0].id };
  for (const l of listeners) l();
}

export const ocrState = (): OcrState => state;
const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export function useOcr<T>(select: (s: OcrState) => T): T {
  return useSyncExternalStore(subscribe, () => select(state));
}
export const subscribeOcr = subscribe;

/** The viewer registers where OCR reads pixels from (null when it goes away). */
export function setFrameSource(s: FrameSource | null): void {
  source = s;
  if (s && store.get().files.length) scheduleBackground();
}

const covers = (a: ProposedBox, b: ProposedBox): boolean => {
  const shared = overlapArea(a, b);
  return shared > 0 && shared >= 0.8 * b.width * b.height;
};

/** What identifies the patient of a loaded file in text OCR read (its name, ID and dates). */
function identifyingFor(fileId: number): IdentifyingTest {
  const i = store.get().files.find((f) => f.id === fileId)?.scan?.info;
  return identifyingTest(i ? { patientNames: [i.patientName].filter(Boolean), patientIds: [i.patientID].filter(Boolean), dates: [i.patientBirthDate, i.studyDate].filter(Boolean) } : {});
}

let run: { cancelled: boolean; done: Promise<void> } | null = null;

/**
 * Stop the OCR run in progress (the proposals found so far stay). With `engine`, the engine stops
 * too, at once: the frame being read is dropped rather than finished (an export or a load needs
 * both cores; a background run resumes after it and reads that image again).
 */
export async function cancelOcr(o: { engine?: boolean } = {}): Promise<void> {
  const r = run;
  if (!r) return;
  r.cancelled = true;
  if (o.engine) (await import('./ocr-client.ts')).stopOcr();
  await r.done;
}

/**
 * Read every frame of the image on screen, or of the series on screen, from its own pixels
 * (src/ocr/frame-ocr.ts, in the OCR worker). A run in progress is cancelled first. In the
 * background (after loading), images already read are skipped.
 */
export async function runOcr(scope: OcrScope, o: { background?: boolean } = {}): Promise<void> {
  // The operator's own run supersedes a background run still waiting for idleness: one that
  // started after it would find every image read and replace its result with "no text".
  if (!o.background) {
    cancelWait?.();
    cancelWait = undefined;
  }
  await cancelOcr();
  if (!source) {
    set({ message: notice('ocrNoImage'), phase: 'failed' });
    return;
  }
  const src = source;
  const me = { cancelled: false, done: Promise.resolve() };
  let finish!: () => void;
  me.done = new Promise<void>((r) => (finish = r));
  run = me;
  set({ running: true, phase: 'running', done: 0, total: src.count(scope), message: notice('ocrStarting') });
  const scopeFiles = new Set(src.files(scope));
  const seen = new Map<string, ProposedBox[]>();
  const overlays: { overlay: StaticOverlay; files: Set<number> }[] = [];
  const tests = new Map<number, IdentifyingTest>();
  try {
    const { ocrFramePixels } = await import('./ocr-client.ts');
    const skip = o.background ? new Set(state.read) : new Set<number>();
    for await (const f of src.frames(scope)) {
      if (me.cancelled) break;
      set({ done: state.done + 1, message: notice('ocrReading') });
      if (skip.has(f.fileId)) continue;
      if (scope === 'series') {
        const o = overlays.find((x) => x.overlay.fits(f.pixels));
        if (o) {
          o.overlay.add(f.pixels);
          o.files.add(f.fileId);
        } else overlays.push({ overlay: new StaticOverlay(f.pixels), files: new Set([f.fileId]) });
      }
      const key = frameFingerprint(f.pixels);
      let boxes = seen.get(key);
      if (!boxes) {
        boxes = await ocrFramePixels(f.pixels);
        seen.set(key, boxes);
      }
      if (me.cancelled) break;
      if (!tests.has(f.fileId)) tests.set(f.fileId, identifyingFor(f.fileId));
      const isId = tests.get(f.fileId)!;
      // A box is kept once per image: accepting it redacts every frame of the image.
      const others = state.suggestions.filter((x) => x.fileId === f.fileId && x.frame !== f.frame);
      const fresh: Suggestion[] = boxes
        .filter((b) => !others.some((x) => covers(x, b)))
        .map((b) => ({ id: `ocr${++counter}`, fileId: f.fileId, frame: f.frame, ...b, identifying: isId(b.text) }));
      const read = new Set(state.read).add(f.fileId);
      const hits = new Set(state.hits);
      if (boxes.length) hits.add(f.fileId);
      set({
        read, hits,
        suggestions: [...state.suggestions.filter((s) => !(s.fileId === f.fileId && s.frame === f.frame)), ...fresh],
        proposals: [...state.proposals.filter((s) => !(s.fileId === f.fileId && s.frame === f.frame)), ...fresh],
      });
    }
    if (!me.cancelled) addFixed(overlays);
    // What waits for the operator on the images of the scope, whether read now or before.
    const found = state.suggestions.filter((x) => scopeFiles.has(x.fileId)).length;
    set({ running: false, phase: 'done', message: me.cancelled ? notice('ocrCancelled') : found ? notice('ocrFound', { count: found }) : notice('ocrFoundNone') });
    // An image-scope run leaves the rest of the series to the background reading.
    if (!o.background && !me.cancelled && unreadShown()) scheduleBackground();
  } catch (err) {
    if (me.cancelled) set({ running: false, phase: 'done', message: notice('ocrCancelled') });
    else set({ running: false, phase: 'failed', message: notice('ocrFailed', { error: errorDetail(err) }) });
  } finally {
    if (run === me) run = null;
    finish();
  }
}

/** Proposals from what stays the same across the series, for each of its images OCR left uncovered there. */
function addFixed(overlays: { overlay: StaticOverlay; files: Set<number> }[]): void {
  const fresh: Suggestion[] = [];
  for (const { overlay, files } of overlays) {
    for (const b of overlay.boxes()) {
      for (const fileId of files) {
        const box = { ...b, text: '', confidence: 100 };
        if (state.suggestions.some((x) => x.fileId === fileId && covers(x, box))) continue;
        fresh.push({ id: `ocr${++counter}`, fileId, frame: 0, ...box, identifying: false, fixed: true });
      }
    }
  }
  if (fresh.length) set({ suggestions: [...state.suggestions, ...fresh], hits: new Set([...state.hits, ...fresh.map((x) => x.fileId)]) });
}

// After loading, the series on screen is read in the background (review mode then knows which
// images carry text), but only once the operator has left the page alone for BACKGROUND_IDLE_MS
// (src/state/user-idle.ts), every opened file is read and no export runs: on two cores the OCR
// engine took one core and much of the main thread from the load and the export. Showing another
// series, opening more files or starting an export stops a background run (an export or a load
// stops its engine at once, the frame in hand dropped); it resumes (skipping images already read)
// once the app is idle again. It starts only while the shown series has an image OCR has not read,
// and the operator's own run ends its wait (else it would follow that run, read nothing new and
// replace its result with "no text"). The export's review snapshot is taken when it starts, so
// OCR during an export could not change what that export writes.
export const BACKGROUND_IDLE_MS = 5000;
let cancelWait: (() => void) | undefined;
/** Whether the shown series has an image OCR has not read (a background run has work). */
const unreadShown = (): boolean => Boolean(source?.files('series').some((id) => !state.read.has(id)));
let backgroundRun = false;
const exportRunning = (): boolean => store.get().exporting.phase === 'running';
const appBusy = (): boolean => !filesReady() || exportRunning();
function scheduleBackground(): void {
  cancelWait?.();
  cancelWait = whenIdle(BACKGROUND_IDLE_MS, () => {
    cancelWait = undefined;
    if (!source || state.running || !autoOcr || !unreadShown()) return;
    backgroundRun = true;
    void runOcr('series', { background: true }).finally(() => (backgroundRun = false));
  }, appBusy);
}
let shownSeries: string | null = null;
let busy = false;
store.subscribe(() => {
  // Files being read (more were opened) or an export: a background run and its engine stop now.
  const now = appBusy();
  if (now !== busy) {
    busy = now;
    if (now && backgroundRun) void cancelOcr({ engine: true }).then(() => source && autoOcr && scheduleBackground());
  }
  const s = store.get().selectedSeries;
  if (s === shownSeries) return;
  shownSeries = s;
  if (backgroundRun) void cancelOcr();
  if (source && s !== null && autoOcr) scheduleBackground();
});
let autoOcr = true;
/** Whether loading starts a background OCR of the shown series (default on). */
export function setAutoOcr(on: boolean): void {
  autoOcr = on;
  if (!on) {
    cancelWait?.();
    cancelWait = undefined;
  }
}

export function focusSuggestion(id: string): void {
  set({ focused: id });
}

function nextAfter(id: string): string | null {
  const i = state.suggestions.findIndex((s) => s.id === id);
  const rest = state.suggestions.filter((s) => s.id !== id);
  return rest[Math.min(i, rest.length - 1)]?.id ?? null;
}

/** Accept: the proposal becomes a redaction box on every frame of its image. */
export function acceptSuggestion(id: string): void {
  const s = state.suggestions.find((x) => x.id === id);
  if (!s) return;
  addBox({ id: `box-${s.id}`, fileId: s.fileId, frame: s.frame, scope: 'instance', x: s.x, y: s.y, width: s.width, height: s.height });
  set({ focused: nextAfter(id), suggestions: state.suggestions.filter((x) => x.id !== id) });
}

export function rejectSuggestion(id: string): void {
  set({ focused: nextAfter(id), suggestions: state.suggestions.filter((x) => x.id !== id), proposals: state.proposals.filter((x) => x.id !== id) });
}

/** Keyboard shortcut hooks (wired by the shortcuts module). */
export function acceptFocusedSuggestion(): void {
  if (state.focused) acceptSuggestion(state.focused);
}
export function rejectFocusedSuggestion(): void {
  if (state.focused) rejectSuggestion(state.focused);
}

export function acceptAllSuggestions(fileId?: number): void {
  for (const s of [...state.suggestions]) if (fileId === undefined || s.fileId === fileId) acceptSuggestion(s.id);
}

// Files unloaded: their proposals and OCR marks go too.
onFilesChanged(() => {
  const ids = loadedFileIds();
  if (source && [...ids].some((id) => !state.read.has(id))) scheduleBackground();
  if (state.proposals.every((s) => ids.has(s.fileId)) && [...state.read].every((id) => ids.has(id))) return;
  set({
    suggestions: state.suggestions.filter((s) => ids.has(s.fileId)),
    proposals: state.proposals.filter((s) => ids.has(s.fileId)),
    read: new Set([...state.read].filter((id) => ids.has(id))),
    hits: new Set([...state.hits].filter((id) => ids.has(id))),
  });
});
