// Cornerstone3D set-up, once and in order (core → DICOM image loader → tools), safe under React
// StrictMode (a memoised promise). Only src/viewer/ imports Cornerstone; this module is reached
// through a lazy import, so the ~4 MB viewer chunk loads only when an image is shown.
// Libraries write to localStorage on their own (Cornerstone caches its WebGL probe, dcmjs's
// loglevel persists its level when it loads); Veil keeps nothing beyond the session unless the
// operator opts in, so those entries are removed again right after init.

import { init as coreInit } from '@cornerstonejs/core';
import { init as dicomImageLoaderInit, wadouri } from '@cornerstonejs/dicom-image-loader';
import { addTool, init as toolsInit, PanTool, StackScrollTool, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import { RedactionTool } from './redaction-tool.ts';

let ready: Promise<void> | undefined;

/** Cornerstone 5's WebGL probe cache, and loglevel's "loglevel" / "loglevel:<name>" (dcmjs, Cornerstone). */
const LIBRARY_KEY = /^(cornerstone3D\.renderingCapabilities|loglevel(:.*)?)$/;

function forgetLibraryStorage(): void {
  try {
    for (const k of Object.keys(localStorage)) if (LIBRARY_KEY.test(k)) localStorage.removeItem(k);
  } catch {
    // storage disabled: nothing was kept
  }
}

export function ensureCornerstone(): Promise<void> {
  return (ready ??= (async () => {
    coreInit(); // falls back to CPU rendering when WebGL is missing
    dicomImageLoaderInit({ maxWebWorkers: Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)) });
    toolsInit();
    for (const t of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, RedactionTool]) addTool(t);
    forgetLibraryStorage();
  })());
}

const baseIds = new WeakMap<Blob, string>();

/** "dicomfile:N" for a Blob, registered once with the loader's file manager. */
export function baseImageId(blob: Blob): string {
  let id = baseIds.get(blob);
  if (!id) {
    id = wadouri.fileManager.add(blob);
    baseIds.set(blob, id);
  }
  return id;
}

/** One image id per frame: the loader's "?frame=N" form (1-based) for multi-frame files. */
export function frameImageIds(base: string, frames: number): string[] {
  if (frames <= 1) return [base];
  return Array.from({ length: frames }, (_, i) => `${base}?frame=${i + 1}`);
}

/** A sentence for an error from the loader or a codec. */
export function describeLoadError(err: unknown): string {
  const e = (err && typeof err === 'object' && 'error' in err ? (err as { error: unknown }).error : err) as unknown;
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : '';
  return msg || 'the image decoder gave no reason';
}
