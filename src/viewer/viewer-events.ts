// The stack viewer's engine and its events, from mount to unmount (StrictMode-safe): the rendering
// engine (the warm one when the warm-up made it), its viewport and tool group; a new image gets its
// window and is watched until drawn (render-guard.ts); a drawing of it records the shown file (as
// data-shown-file, read by the e2e tests and tools) and reports it drawn; a load error of the
// shown image and a lost WebGL context are failures the renderer recovers from; redaction box edits
// go to the store; the OCR assist gets its frame source; the engine follows the element's size.

import { Enums, eventTarget, getRenderingEngine, RenderingEngine } from '@cornerstonejs/core';
import { ToolGroupManager, utilities as toolUtils } from '@cornerstonejs/tools';
import { wireBoxEdits } from './box-edits.ts';
import { ensureCornerstone, takeWarmEngine } from './cornerstone.ts';
import { createToolGroup, drawnImageState, enableStack, rebuildEngine, retired } from './engine-setup.ts';
import { ocrFrameSource } from './ocr-capture.ts';
import { registerShownStack } from './slide-source.ts';
import type { RenderFailures } from './use-render-failures.ts';
import { fileAt, type ViewerCore } from './viewer-core.ts';

export interface ViewerEventHooks {
  /** Cornerstone is set up and the viewport exists. */
  onReady: () => void;
  /** A new image is on screen at `index` (its window is to be applied). */
  onNewImage: (index: number) => void;
  /** Mirror the store's boxes on the shown image (`render`: draw now). */
  syncBoxes: (render?: boolean) => void;
}

let counter = 0;

/** Set the viewer up on its element; returns the teardown. */
export function mountViewer(core: ViewerCore, failures: RenderFailures, hooks: ViewerEventHooks): () => void {
  let disposed = false;
  const n = ++counter;
  const el = core.element.current!;
  const { guard, fail } = failures;
  core.ids.current = { engine: `veil-engine-${n}`, group: `veil-tools-${n}` };
  void ensureCornerstone().then(() => {
    if (disposed) return;
    const engine = takeWarmEngine() ?? new RenderingEngine(core.ids.current.engine);
    core.ids.current.engine = engine.id;
    enableStack(engine, el);
    createToolGroup(core.ids.current);
    hooks.onReady();
  });
  const onNewImage = (evt: Event) => hooks.onNewImage((evt as CustomEvent<{ imageIdIndex: number }>).detail.imageIdIndex);
  // Our engine lost its WebGL context: draw the shown image again through a fresh engine.
  const onContextLost = (evt: Event) => {
    const lost = (evt as CustomEvent<{ renderingEngineId: string }>).detail.renderingEngineId;
    if (lost !== core.ids.current.engine || retired.has(lost)) return;
    const index = core.viewport()?.getCurrentImageIdIndex() ?? 0;
    const { imageIds } = core.stack.current;
    if (imageIds.length) void rebuildEngine(core.ids.current, el).setStack(imageIds, index).catch((err: unknown) => fail(err));
  };
  const onLoadError = (evt: Event) => {
    const d = (evt as CustomEvent<{ imageId: string; error: unknown }>).detail;
    // Only the image this viewport is showing: the thumbnails' engine reports its failures too.
    if (d.imageId === core.viewport()?.getCurrentImageId() && core.stack.current.imageIds.includes(d.imageId)) fail(d.error, d.imageId);
  };
  // A drawing of the awaited image that is blank while its pixels are not, or is not of it, is a
  // failure (the guard redraws it through a fresh engine once); otherwise the file is shown.
  const onRendered = () => {
    const vp = core.viewport();
    const imageId = vp?.getCurrentImageId();
    if (!vp || !imageId) return;
    // Not loaded into this viewport yet: a drawing of nothing (or of the engine a rebuild replaced).
    const state = drawnImageState(vp);
    if (state === 'pending') return;
    if (!guard.rendered(imageId, vp.canvas, state === 'ok')) return;
    const fid = fileAt(core, vp.getCurrentImageIdIndex());
    if (fid !== undefined) {
      el.dataset.shownFile = String(fid);
      core.props.current.onRenderState?.(fid, true);
    }
  };
  // Redaction boxes: a finished draw or edit goes to the store, which is the source of truth.
  const unwireBoxes = wireBoxEdits(() => {
    const p = core.props.current;
    return {
      viewport: () => core.viewport(),
      stack: () => core.stack.current, files: () => p.files, boxes: () => p.boxes,
      onBoxDrawn: p.onBoxDrawn, onBoxMoved: p.onBoxMoved, onBoxRemoved: p.onBoxRemoved, sync: () => hooks.syncBoxes(true),
    };
  });
  const refused = (fileId: number) => Boolean((core.props.current.allFiles ?? core.props.current.files).find((f) => f.id === fileId)?.scan?.info?.decodeRefusal);
  core.props.current.onFrameSource?.(ocrFrameSource(() => core.ids.current.engine, () => core.stack.current, refused));
  el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
  el.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
  eventTarget.addEventListener(Enums.Events.WEBGL_CONTEXT_LOST, onContextLost);
  const ro = new ResizeObserver(() => getRenderingEngine(core.ids.current.engine)?.resize(true, true));
  ro.observe(el);
  return () => {
    disposed = true;
    registerShownStack(null);
    guard.dispose();
    ro.disconnect();
    el.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    unwireBoxes();
    core.props.current.onFrameSource?.(null);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    eventTarget.removeEventListener(Enums.Events.WEBGL_CONTEXT_LOST, onContextLost);
    try {
      toolUtils.cine.stopClip(el);
    } catch {
      /* no clip */
    }
    ToolGroupManager.destroyToolGroup(core.ids.current.group);
    getRenderingEngine(core.ids.current.engine)?.destroy();
  };
}
