// The session's single source of truth on the main thread: loaded files and their scan results,
// selection, options, key and mapping, settings (two-person release, remembering on this
// computer), the operator's name, and the progress of loading and exporting (with a pending
// release decision). A tiny external store (useSyncExternalStore); file results are applied in
// batches, never per file. Nothing here outlives the tab unless the operator opts in
// (src/state/persistence.ts).

import type { Message } from '../core/messages/message.ts';
import { useSyncExternalStore } from 'react';
import type { Pseudonym } from '../core/deid/pseudonymizer.ts';
import { generateKey } from '../core/deid/project-key.ts';
import { DEFAULT_OPTIONS, type ProfileOptions } from '../core/profile/options.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import type { DrawnBox } from '../workspace/redaction-boxes.ts';
import { DEFAULT_TTL_HOURS } from '../workspace/stored-items.ts';
import type { ReportedLeak } from '../core/leak/gate.ts';
import type { InstancePlan } from '../pipeline/plan-instance.ts';
import type { SessionInit } from '../pipeline/session.ts';

export interface Progress {
  label: Message;
  done: number;
  total: number;
  startedAt: number;
}

export interface ExportFailure {
  input: string;
  name: string;
  status: 'flagged' | 'refused' | 'skipped';
  /** The reason, rendered in the UI language (report.json holds it in English). */
  message: Message;
}

/** A file the leak gate flagged, as the release dialog shows it (no found value, ever). */
export interface FlaggedFile {
  input: string;
  /** The loaded file's name, for the operator's eyes only. */
  name: string;
  leaks: ReportedLeak[];
}

/** The release decision an export waits for. */
export interface ReleaseRequest {
  files: FlaggedFile[];
  requireReviewer: boolean;
  operator: string;
}

export interface Settings {
  /** Two-person release: releasing flagged files needs a second, named reviewer. */
  requireReviewer: boolean;
  /** "Remember on this computer": key, mapping, options and settings kept in IndexedDB. */
  remember: boolean;
  /** How long remembered items are kept. */
  ttlHours: number;
}

export const DEFAULT_SETTINGS: Settings = { requireReviewer: false, remember: false, ttlHours: DEFAULT_TTL_HOURS };

export interface ExportState {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  /** The archive's or the folder's name. */
  target: string;
  targetKind: 'zip' | 'folder';
  done: number;
  total: number;
  written: number;
  bytesOut: number;
  startedAt: number;
  finishedAt: number;
  failures: ExportFailure[];
  message: Message | null;
  /** Milliseconds the leak gate took over all files (in the workers, summed). */
  gateMs: number;
}

export interface AppState {
  files: LoadedFile[];
  /** Bumped whenever files or their scans change; memo key for the tree. */
  filesVersion: number;
  loading: Progress | null;
  notice: Message | null;
  selectedSeries: string | null;
  selectedFile: number | null;
  plan: { fileId: number; sessionVersion: number; result: InstancePlan } | null;
  planError: Message | null;
  options: ProfileOptions;
  key: Uint8Array;
  keyOrigin: 'generated' | 'imported';
  mapping: { name: string; pairs: [string, Pseudonym][] } | null;
  /** Bumped whenever key, options or mapping change. */
  sessionVersion: number;
  exporting: ExportState;
  /** A release decision the running export waits for, or null. */
  release: ReleaseRequest | null;
  settings: Settings;
  /** The operator's name for the audit log (asked once per session, optional). */
  operator: string;
  /** Redaction boxes drawn or loaded from a template (image pixels); the viewer mirrors them. */
  boxes: DrawnBox[];
  /** Draw-box mode of the viewer. */
  drawing: boolean;
  /** Export "For CD/USB": PS3.10 file IDs and a DICOMDIR. */
  exportForMedia: boolean;
}

export const IDLE_EXPORT: ExportState = {
  phase: 'idle', target: '', targetKind: 'zip', done: 0, total: 0, written: 0, bytesOut: 0, startedAt: 0, finishedAt: 0, failures: [], message: null, gateMs: 0,
};

type Listener = () => void;

export class Store {
  private state: AppState;
  private listeners = new Set<Listener>();

  constructor() {
    this.state = {
      files: [], filesVersion: 0, loading: null, notice: null, selectedSeries: null, selectedFile: null, plan: null, planError: null,
      options: { ...DEFAULT_OPTIONS }, key: generateKey(), keyOrigin: 'generated', mapping: null, sessionVersion: 0, exporting: IDLE_EXPORT,
      release: null, settings: { ...DEFAULT_SETTINGS }, operator: '', boxes: [], drawing: false, exportForMedia: false,
    };
  }

  get = (): AppState => this.state;

  set(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  sessionInit(): SessionInit {
    const s = this.state;
    return { key: s.key, options: s.options, mapping: s.mapping?.pairs ?? null };
  }
}

export const store = new Store();

/**
 * Calls `fn` once for every change of the loaded files (filesVersion: files read, scans applied,
 * files removed), not on the store's other changes. For state kept beside the store that follows
 * the files (boxes, marks, ticks, proposals, templates in use).
 */
export function onFilesChanged(fn: () => void): () => void {
  let seen = -1;
  return store.subscribe(() => {
    const v = store.get().filesVersion;
    if (v === seen) return;
    seen = v;
    fn();
  });
}

/** The ids of the files loaded now. */
export const loadedFileIds = (): Set<number> => new Set(store.get().files.map((f) => f.id));

export function useStore<T>(select: (s: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
