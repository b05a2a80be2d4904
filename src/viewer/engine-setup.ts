// The stack viewer's rendering engine and tool group: made on mount, and made again when the
// renderer breaks (an image failed to load or decode, or a drawn image came out blank while its
// pixels are not, or its WebGL context was lost): the old engine and its WebGL context are
// destroyed and a fresh one takes the same element, so one bad image never leaves the ones after it
// black.

import { Enums, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, PanTool, StackScrollTool, ToolGroupManager, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import { REDACTION_CONFIG, RedactionTool } from './redaction-tool.ts';

export const VIEWPORT_ID = 'main';

export interface EngineIds {
  engine: string;
  group: string;
}

export function enableStack(engine: RenderingEngine, element: HTMLDivElement): void {
  engine.enableElement({ viewportId: VIEWPORT_ID, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
}

/** The tool group: right drag window/level, middle drag zoom, left drag pan, wheel scroll; redaction passive. */
export function createToolGroup(ids: EngineIds): void {
  const group = ToolGroupManager.createToolGroup(ids.group)!;
  for (const t of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool]) group.addTool(t.toolName);
  group.addTool(RedactionTool.toolName, REDACTION_CONFIG);
  group.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
  group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
  group.setToolPassive(RedactionTool.toolName);
  group.addViewport(VIEWPORT_ID, ids.engine);
}

export function stackViewport(ids: EngineIds): Types.IStackViewport | undefined {
  return getRenderingEngine(ids.engine)?.getViewport(VIEWPORT_ID) as Types.IStackViewport | undefined;
}

let rebuilt = 0;

/** Engines rebuildEngine replaced: their context-lost events are expected, not a new failure. */
export const retired = new Set<string>();

type PoolContext = { getOpenGLRenderWindow?: () => { getCanvas?: () => HTMLCanvasElement | null } | undefined };

/**
 * Give the engine's WebGL contexts back to the browser now: destroying an engine leaves them to
 * the garbage collector, and Chromium drops the oldest context of the page beyond 16 — which would
 * be the fresh engine's, after a few rebuilds.
 */
function releaseContexts(engine: RenderingEngine): void {
  const pool = (engine as unknown as { contextPool?: { getAllContexts: () => PoolContext[] } }).contextPool;
  for (const c of pool?.getAllContexts() ?? []) {
    const canvas = c.getOpenGLRenderWindow?.()?.getCanvas?.();
    const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null | undefined;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** Destroy the engine and make a new one on the same element; the tool group follows. */
export function rebuildEngine(ids: EngineIds, element: HTMLDivElement): Types.IStackViewport {
  const group = ToolGroupManager.getToolGroup(ids.group);
  group?.removeViewports(ids.engine, VIEWPORT_ID);
  const old = getRenderingEngine(ids.engine);
  if (old) {
    retired.add(old.id);
    releaseContexts(old);
    old.destroy();
  }
  const engine = new RenderingEngine(`veil-engine-rebuilt-${++rebuilt}`);
  ids.engine = engine.id;
  enableStack(engine, element);
  group?.addViewport(VIEWPORT_ID, engine.id);
  return engine.getViewport(VIEWPORT_ID) as Types.IStackViewport;
}

export type LeftButton = 'pan' | 'zoom' | 'wl';

const LEFT: Record<LeftButton, string> = { pan: PanTool.toolName, zoom: ZoomTool.toolName, wl: WindowLevelTool.toolName };

/**
 * Bind the left button: to a tool (right drag stays window/level, middle drag zoom), or to the
 * redaction tool in draw mode; otherwise the redaction tool stays passive (its boxes can still be
 * moved and resized by their corners and edges).
 */
export function bindLeftButton(groupId: string, left: LeftButton | 'draw'): void {
  const group = ToolGroupManager.getToolGroup(groupId);
  if (!group) return;
  const secondary = { mouseButton: ToolEnums.MouseBindings.Secondary };
  const auxiliary = { mouseButton: ToolEnums.MouseBindings.Auxiliary };
  const primary = { mouseButton: ToolEnums.MouseBindings.Primary };
  group.setToolActive(WindowLevelTool.toolName, { bindings: [secondary] });
  group.setToolActive(ZoomTool.toolName, { bindings: [auxiliary] });
  group.setToolPassive(PanTool.toolName);
  if (left === 'draw') {
    group.setToolActive(RedactionTool.toolName, { bindings: [primary] });
    return;
  }
  group.setToolPassive(RedactionTool.toolName);
  const extra = left === 'wl' ? [secondary] : left === 'zoom' ? [auxiliary] : [];
  group.setToolActive(LEFT[left], { bindings: [primary, ...extra] });
}

/**
 * Whether the viewport's drawing is of its current image: 'pending' while that image is not loaded
 * into it yet (a drawing then is of nothing, or of an engine being replaced), 'mismatch' when the
 * image is loaded but the renderer holds data of other dimensions — Cornerstone logs and carries
 * on when vtk.js refuses an image's pixel array, leaving the actor on no image data or on the image
 * shown before; that drawing must not count as this image's.
 */
export function drawnImageState(vp: Types.IStackViewport): 'pending' | 'ok' | 'mismatch' {
  try {
    const image = vp.getCornerstoneImage();
    if (!image || image.imageId !== vp.getCurrentImageId()) return 'pending';
    const dims = vp.getImageData()?.dimensions;
    return dims && dims[0] === image.columns && dims[1] === image.rows ? 'ok' : 'mismatch';
  } catch {
    return 'pending';
  }
}
