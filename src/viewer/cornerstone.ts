// Cornerstone3D set-up, once and in order (core → DICOM image loader → tools), safe under React
// StrictMode (a memoised promise). Only src/viewer/ imports Cornerstone; this module is reached
// through a lazy import, so the ~4 MB viewer chunk loads only when an image is shown.
// Libraries write to localStorage on their own (Cornerstone caches its WebGL probe, dcmjs's
// loglevel persists its level when it loads); Veil keeps nothing beyond the session unless the
// operator opts in, so those entries are removed again right after init.
// warmUpViewer (called while the page is idle, before files arrive: src/state/warm-up.ts) also
// makes the first rendering engine and draws a tiny DICOM image with it off screen, so its WebGL
// context exists, its shaders are compiled and the image loader's worker runs (the stack viewer
// takes that engine), and draws it once more through the thumbnails' shared engine.

import { Enums, init as coreInit, RenderingEngine, utilities, type Types } from '@cornerstonejs/core';
import { init as dicomImageLoaderInit, wadouri } from '@cornerstonejs/dicom-image-loader';
import { addTool, init as toolsInit, PanTool, StackScrollTool, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import { registerNativeFrameTrim } from './native-frame.ts';
import { RedactionTool } from './redaction-tool.ts';
import { registerSegmentedPalettes } from './segmented-palette.ts';

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
    // Falls back to CPU rendering when WebGL is missing. One WebGL context per rendering engine
    // (Cornerstone's default is 7): Chromium keeps at most 16 per page and silently drops the
    // oldest beyond that, which left every later image black once a few engines existed.
    coreInit({ rendering: { webGlContextCount: 1 } } as Parameters<typeof coreInit>[0]);
    dicomImageLoaderInit({ maxWebWorkers: Math.max(1, Math.floor((navigator.hardwareConcurrency || 2) / 2)) });
    registerNativeFrameTrim();
    registerSegmentedPalettes();
    toolsInit();
    for (const t of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, RedactionTool]) addTool(t);
    forgetLibraryStorage();
  })());
}

let warm: { engine: RenderingEngine; element: HTMLDivElement } | undefined;
let warmCount = 0;
const WARM_VIEWPORT = 'warm';

/**
 * A 2×2 explicit VR little endian MONOCHROME2 image, signed 16-bit, as a Part 10 file (PS3.10 7.1:
 * preamble, "DICM", File Meta Information; PS3.5 7.1.2 explicit VR elements): what the warm-up
 * draws, so the image loader's parser and decode worker are started on the same path a CT slice takes.
 */
function tinyDicom(): Uint8Array {
  const parts: number[] = [];
  const u16 = (n: number) => parts.push(n & 0xff, n >> 8);
  const u32 = (n: number) => parts.push(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
  const el = (group: number, elem: number, vr: string, value: number[]) => {
    u16(group);
    u16(elem);
    parts.push(vr.charCodeAt(0), vr.charCodeAt(1));
    if (vr === 'OB' || vr === 'OW') {
      u16(0);
      u32(value.length);
    } else u16(value.length);
    parts.push(...value);
  };
  const text = (t: string, pad: number) => [...t, ...(t.length % 2 ? [String.fromCharCode(pad)] : [])].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
  const us = (n: number) => [n & 0xff, n >> 8];
  const sop = '1.2.840.10008.5.1.4.1.1.7';
  const uid = '2.25.1';
  const meta: number[] = [];
  const body = parts;
  el(0x0002, 0x0001, 'OB', [0, 1]);
  el(0x0002, 0x0002, 'UI', text(sop, 0));
  el(0x0002, 0x0003, 'UI', text(uid, 0));
  el(0x0002, 0x0010, 'UI', text('1.2.840.10008.1.2.1', 0));
  meta.push(...body.splice(0));
  el(0x0008, 0x0016, 'UI', text(sop, 0));
  el(0x0008, 0x0018, 'UI', text(uid, 0));
  el(0x0028, 0x0002, 'US', us(1));
  el(0x0028, 0x0004, 'CS', text('MONOCHROME2', 0x20));
  el(0x0028, 0x0010, 'US', us(2));
  el(0x0028, 0x0011, 'US', us(2));
  el(0x0028, 0x0100, 'US', us(16));
  el(0x0028, 0x0101, 'US', us(16));
  el(0x0028, 0x0102, 'US', us(15));
  el(0x0028, 0x0103, 'US', us(1));
  el(0x7fe0, 0x0010, 'OW', [0, 0, 100, 0, 200, 0, 44, 1]);
  const dataset = body.splice(0);
  el(0x0002, 0x0000, 'UL', [meta.length & 0xff, (meta.length >> 8) & 0xff, 0, 0]);
  const group = body.splice(0);
  const out = new Uint8Array(132 + group.length + meta.length + dataset.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(group, 132);
  out.set(meta, 132 + group.length);
  out.set(dataset, 132 + group.length + meta.length);
  return out;
}

/**
 * Initialise Cornerstone and prepare a rendering engine, one step per idle callback: its WebGL
 * context made, then a tiny DICOM image loaded and drawn off screen (shaders compiled, the image
 * loader's parser and decode worker started). A failed draw still leaves the engine ready.
 */
export async function warmUpViewer(idle: () => Promise<void>): Promise<void> {
  await ensureCornerstone();
  if (warm) return;
  await idle();
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position:fixed;left:-4096px;top:0;width:64px;height:64px;pointer-events:none';
  document.body.append(element);
  const engine = new RenderingEngine(`veil-engine-warm-${++warmCount}`);
  forgetLibraryStorage();
  try {
    engine.enableElement({ viewportId: WARM_VIEWPORT, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
  } catch (err) {
    engine.destroy();
    element.remove();
    throw err;
  }
  warm = { engine, element };
  await idle();
  const vp = engine.getViewport(WARM_VIEWPORT) as Types.IStackViewport | undefined;
  if (!vp || warm?.engine !== engine) return; // taken meanwhile
  const imageId = baseImageId(new Blob([tinyDicom() as Uint8Array<ArrayBuffer>], { type: 'application/dicom' }));
  await vp.setStack([imageId], 0);
  if (warm?.engine === engine) vp.render();
  forgetLibraryStorage();
  await idle();
  // The series thumbnails draw through Cornerstone's shared '_thumbnails' engine: create it too.
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 96;
  await utilities.loadImageToCanvas({ canvas, imageId, thumbnail: true });
  forgetLibraryStorage();
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
