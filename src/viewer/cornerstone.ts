// Cornerstone3D set-up, once and in order (core → DICOM image loader → tools), safe under React
// StrictMode (a memoised promise). Only src/viewer/ imports Cornerstone; this module is reached
// through a lazy import, so the ~4 MB viewer chunk loads only when an image is shown.
// Libraries write to localStorage on their own (Cornerstone caches its WebGL probe, dcmjs's
// loglevel persists its level when it loads); Veil keeps nothing beyond the session unless the
// operator opts in, so those entries are removed again right after init.
// warmUpViewer (called while the page is idle, before files arrive: src/state/warm-up.ts) also
// makes the first rendering engine and draws a tiny image with it off screen, so its WebGL
// context exists and its shaders are compiled; the stack viewer takes that engine.

import { Enums, imageLoader, init as coreInit, RenderingEngine, type Types } from '@cornerstonejs/core';
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

let warm: { engine: RenderingEngine; element: HTMLDivElement } | undefined;
let warmCount = 0;
const WARM_VIEWPORT = 'warm';

/** Initialise Cornerstone and prepare a rendering engine, one step per idle callback. */
export async function warmUpViewer(idle: () => Promise<void>): Promise<void> {
  await ensureCornerstone();
  if (warm) return;
  await idle();
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position:fixed;left:-4096px;top:0;width:64px;height:64px;pointer-events:none';
  document.body.append(element);
  const engine = new RenderingEngine(`veil-engine-warm-${++warmCount}`);
  try {
    engine.enableElement({ viewportId: WARM_VIEWPORT, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
    await idle();
    const imageId = `veil-warm:${warmCount}`;
    imageLoader.createAndCacheLocalImage(imageId, { scalarData: new Int16Array([0, 100, 200, 300]), targetBuffer: { type: 'Int16Array' }, dimensions: [2, 2], spacing: [1, 1], origin: [0, 0, 0] });
    const vp = engine.getViewport(WARM_VIEWPORT) as Types.IStackViewport;
    await vp.setStack([imageId], 0);
    vp.render();
  } catch (err) {
    engine.destroy();
    element.remove();
    throw err;
  }
  warm = { engine, element };
}

/** The rendering engine warmUpViewer prepared (its WebGL context ready), once; or undefined. */
export function takeWarmEngine(): RenderingEngine | undefined {
  const w = warm;
  warm = undefined;
  if (!w) return undefined;
  try {
    w.engine.disableElement(WARM_VIEWPORT);
  } finally {
    w.element.remove();
  }
  return w.engine;
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
