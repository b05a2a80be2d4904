// The OCR assist's state: boxes OCR proposed around text on the shown image or series, waiting for
// the operator to accept (they become ordinary redaction boxes, all frames of that image) or
// reject them; one is focused (keyboard: acceptFocusedSuggestion / rejectFocusedSuggestion).
// Also which images OCR read and which of those had text (review mode steps through the latter).
// The engine (tesseract.js, src/ocr/ocr-engine.ts) loads on first use.

import { useSyncExternalStore } from 'react';
import type { FrameSource } from '../ocr/frame-source.ts';
import { ocrInput } from '../ocr/grey-image.ts';
import { proposeBoxes, type ProposedBox } from '../ocr/text-proposals.ts';
import { i18n } from '../i18n/index.ts';
import { addBox } from './redaction.ts';
import { loadedFileIds, onFilesChanged } from './store.ts';

/** An OCR proposal on one frame of one loaded image, waiting to be accepted or rejected. */
export interface Suggestion extends ProposedBox {
  id: string;
  fileId: number;
  frame: number;
}

export interface OcrState {
  running: boolean;
  done: number;
  total: number;
  suggestions: Suggestion[];
  focused: string | null;
  message: string | null;
  /** Files OCR has read, and those where it found text. */
  read: ReadonlySet<number>;
  hits: ReadonlySet<number>;
  /** Every proposal found and not rejected, accepted ones included: the text review wants covered (src/workspace/text-coverage.ts). */
  proposals: Suggestion[];
}

let state: OcrState = { running: false, done: 0, total: 0, suggestions: [], focused: null, message: null, read: new Set(), hits: new Set(), proposals: [] };
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
}

/** Read the image on screen, or the first frame of every image of the series on screen. */
export async function runOcr(scope: 'image' | 'series'): Promise<void> {
  if (state.running) return;
  if (!source) {
    set({ message: i18n.t('ocr:noImage') });
    return;
  }
  const src = source;
  set({ running: true, done: 0, total: 0, message: i18n.t('ocr:starting') });
  let found = 0;
  try {
    const { recognizeWords } = await import('../ocr/ocr-engine.ts');
    const frames = scope === 'image' ? single(src) : src.series();
    for await (const f of frames) {
      set({ total: state.total + 1, message: i18n.t('ocr:reading') });
      const { pgm, scale } = ocrInput(f.pixels);
      const words = await recognizeWords(pgm);
      const boxes = proposeBoxes(words, { scale, columns: f.pixels.width, rows: f.pixels.height });
      found += boxes.length;
      const fresh: Suggestion[] = boxes.map((b) => ({ id: `ocr${++counter}`, fileId: f.fileId, frame: f.frame, ...b }));
      const read = new Set(state.read).add(f.fileId);
      const hits = new Set(state.hits);
      if (boxes.length) hits.add(f.fileId);
      set({
        done: state.done + 1, read, hits,
        suggestions: [...state.suggestions.filter((s) => !(s.fileId === f.fileId && s.frame === f.frame)), ...fresh],
        proposals: [...state.proposals.filter((s) => !(s.fileId === f.fileId && s.frame === f.frame)), ...fresh],
      });
    }
    set({ running: false, message: found ? i18n.t('ocr:found', { count: found }) : i18n.t('ocr:foundNone') });
  } catch (err) {
    set({ running: false, message: i18n.t('ocr:failed', { reason: (err as Error).message ?? String(err) }) });
  }
}

async function* single(src: FrameSource) {
  const f = await src.current();
  if (!f) throw new Error(i18n.t('ocr:noImage'));
  yield f;
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
  if (state.proposals.every((s) => ids.has(s.fileId)) && [...state.read].every((id) => ids.has(id))) return;
  set({
    suggestions: state.suggestions.filter((s) => ids.has(s.fileId)),
    proposals: state.proposals.filter((s) => ids.has(s.fileId)),
    read: new Set([...state.read].filter((id) => ids.has(id))),
    hits: new Set([...state.hits].filter((id) => ids.has(id))),
  });
});
