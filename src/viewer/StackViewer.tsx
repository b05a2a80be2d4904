// The selected series in a Cornerstone3D stack viewport: right drag window/level, left drag the
// chosen tool (pan, zoom or window/level), middle drag zoom, wheel through instances and frames,
// cine for multi-frame. Each image gets a window it can be seen in (window-control.ts: the header's
// unless it shows a nearly uniform picture, else the histogram's; presets; a W/L readout). Images
// that cannot be shown get a message in words over the viewport (an opaque one: the previous image
// never stays behind it), and a failure rebuilds the renderer (engine-setup.ts) so later images
// still draw. Zoom and pan reset per series. Redaction boxes mirror the store; OCR proposals are
// outlined; the OCR assist reads pixels through it.

import { Enums, eventTarget, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, PanTool, ToolGroupManager, utilities as toolUtils, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import { useEffect, useRef, useState } from 'react';
import type { LoadedFile } from '../app/loaded-file.ts';
import { boxesOnFrame, filesById, type DrawnBox } from '../app/redaction-boxes.ts';
import { RedactionTool, syncBoxes, type SuggestedBox } from './redaction-tool.ts';
import { wireBoxEdits } from './box-edits.ts';
import { ViewerToolbar, type LeftTool } from './ViewerToolbar.tsx';
import { ViewportStatus, type ViewerMessage, type WindowReadout } from './ViewportStatus.tsx';
import { ocrFrameSource } from './ocr-capture.ts';
import type { FrameSource } from '../ocr/frame-source.ts';
import { ensureCornerstone, takeWarmEngine } from './cornerstone.ts';
import { createToolGroup, enableStack, rebuildEngine, stackViewport, type EngineIds } from './engine-setup.ts';
import { loadFailure, type ViewerText } from './load-failure.ts';
import { imageHasContent, windowFor, type WindowMode } from './window-control.ts';
import { windowFromRange } from './window-level.ts';
import { canvasLooksBlank } from './canvas-blank.ts';
import { unviewableReason } from '../app/viewability.ts';
import { buildStack, keepShownImage } from './stack-build.ts';
import { registerShownStack } from './slide-source.ts';

export interface StackViewerProps {
  files: LoadedFile[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  viewableBlob: (f: LoadedFile) => Promise<Blob>;
  /** Every loaded file (the series and device scopes reach beyond this series). */
  allFiles?: LoadedFile[];
  /** The store's redaction boxes; the viewer's annotations mirror them. */
  boxes?: DrawnBox[];
  drawing?: boolean;
  onDrawing?: (on: boolean) => void;
  onBoxDrawn?: (b: Omit<DrawnBox, 'scope'>) => void;
  onBoxMoved?: (id: string, r: { x: number; y: number; width: number; height: number }) => void;
  onBoxRemoved?: (id: string) => void;
  /** OCR proposals (image pixels) to outline; the focused one is drawn thicker. */
  suggestions?: readonly SuggestedBox[];
  /** Receives where the OCR assist reads pixels from (null on unmount). */
  onFrameSource?: (s: FrameSource | null) => void;
}


const LEFT: Record<LeftTool, string> = { pan: PanTool.toolName, zoom: ZoomTool.toolName, wl: WindowLevelTool.toolName };
let counter = 0;

export default function StackViewer(props: StackViewerProps) {
  const { files, selectedId, onSelect, viewableBlob } = props;
  const element = useRef<HTMLDivElement>(null);
  const ids = useRef<EngineIds>({ engine: '', group: '' });
  const stack = useRef<{ imageIds: string[]; fileOf: number[]; frameOf: number[] }>({ imageIds: [], fileOf: [], frameOf: [] });
  const propsRef = useRef(props);
  propsRef.current = props;
  const [ready, setReady] = useState(false);
  const [message, setShown] = useState<{ text: ViewerMessage; file?: number } | null>(null);
  const setMessage = (text: ViewerMessage | null, file?: number) => setShown(text === null ? null : { text, file });
  const [notice, setNotice] = useState<ViewerText | null>(null);
  const [readout, setReadout] = useState<WindowReadout | null>(null);
  const [mode, setModeState] = useState<WindowMode>('default');
  const modeRef = useRef<WindowMode>('default');
  // Window changes the viewer makes itself, and whether a drag is under way (a drag means 'user').
  const applying = useRef(false);
  const dragging = useRef(false);
  // The renderer failed: the next image is shown through a fresh engine. Images already retried.
  const broken = useRef(false);
  const retried = useRef(new Set<string>());
  const pending = useRef<{ imageId: string; notBlank: boolean } | null>(null);
  const watchdog = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [position, setPosition] = useState({ index: 0, total: 0 });
  const [left, setLeft] = useState<LeftTool>('pan');
  const [playing, setPlaying] = useState(false);
  const onSelectRef = useRef(onSelect);
  // Scrolling selects the shown instance once the wheel settles; a new selection cancels it.
  const selectTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  onSelectRef.current = onSelect;

  const setMode = (m: WindowMode) => {
    modeRef.current = m;
    setModeState(m);
  };
  const viewport = () => stackViewport(ids.current);
  const syntaxOf = (imageId: string): string | undefined => {
    const fid = stack.current.fileOf[stack.current.imageIds.indexOf(imageId)];
    return propsRef.current.files.find((f) => f.id === fid)?.scan?.info?.transferSyntaxName;
  };
  const fail = (err: unknown, imageId?: string) => {
    broken.current = true;
    setReadout(null);
    setNotice(null);
    setMessage(loadFailure(err, imageId ? syntaxOf(imageId) : undefined), imageId ? stack.current.fileOf[stack.current.imageIds.indexOf(imageId)] : undefined);
  };
  /** The viewport to show an image in: a fresh one when the renderer failed before. */
  const usable = (): Types.IStackViewport | undefined => {
    if (!broken.current) return viewport();
    broken.current = false;
    return rebuildEngine(ids.current, element.current!);
  };

  /** A new image was not drawn (blank, or no drawing at all): a fresh engine draws it once more, then a message. */
  function renderFailed(imageId: string, index: number): void {
    if (retried.current.has(imageId)) {
      broken.current = true;
      setReadout(null);
      setNotice(null);
      setMessage({ key: 'viewer.fail.render' }, stack.current.fileOf[index]);
      return;
    }
    retried.current.add(imageId);
    void rebuildEngine(ids.current, element.current!).setStack(stack.current.imageIds, index).catch((err: unknown) => fail(err, imageId));
  }

  /** Give the shown image the window of the current mode; say so when it shows (almost) one grey. */
  function applyWindow(): void {
    const vp = viewport();
    const imageId = vp?.getCurrentImageId();
    if (!vp || !imageId) return;
    let image: Types.IImage | undefined;
    try {
      image = vp.getCornerstoneImage();
    } catch {
      image = undefined;
    }
    const w = image ? windowFor(image, modeRef.current, vp.getProperties().voiRange) : null;
    const index = vp.getCurrentImageIdIndex();
    if (!w) {
      // Colour: no window; a drawing that comes out blank still means the renderer failed.
      setReadout(null);
      setNotice(null);
      expectDrawing(imageId, index, image ? imageHasContent(image) : false);
      vp.render();
      return;
    }
    applying.current = true;
    try {
      vp.setProperties({ voiRange: w.range });
    } finally {
      applying.current = false;
    }
    setReadout({ ...windowFromRange(w.range), source: w.source });
    setNotice(w.uniform ? { key: 'viewer.notice.uniform' } : w.flat ? { key: 'viewer.notice.flat' } : null);
    expectDrawing(imageId, index, !w.uniform && !w.flat);
    vp.render();
  }

  /** The new image must be drawn within a few seconds, and not blank when its pixels are not. */
  function expectDrawing(imageId: string, index: number, notBlank: boolean): void {
    pending.current = { imageId, notBlank };
    clearTimeout(watchdog.current);
    watchdog.current = setTimeout(() => {
      if (pending.current?.imageId !== imageId) return;
      pending.current = null;
      renderFailed(imageId, index);
    }, 5000);
  }

  // Mount: rendering engine, viewport and tool group; destroyed on unmount (StrictMode-safe).
  useEffect(() => {
    let disposed = false;
    const n = ++counter;
    const el = element.current!;
    ids.current = { engine: `veil-engine-${n}`, group: `veil-tools-${n}` };
    void ensureCornerstone().then(() => {
      if (disposed) return;
      const engine = takeWarmEngine() ?? new RenderingEngine(ids.current.engine);
      ids.current.engine = engine.id;
      enableStack(engine, el);
      createToolGroup(ids.current);
      setReady(true);
    });
    const onNewImage = (evt: Event) => {
      const d = (evt as CustomEvent<{ imageIdIndex: number }>).detail;
      syncNow();
      setMessage(null);
      applyWindow();
      setPosition({ index: d.imageIdIndex, total: stack.current.imageIds.length });
      const fid = stack.current.fileOf[d.imageIdIndex];
      // Scrolling selects the shown instance (and re-plans it) once the wheel settles.
      clearTimeout(selectTimer.current);
      // Only while that file is still in the shown series: a timer left from the previous series
      // must not pull the selection back to it.
      if (fid !== undefined) {
        selectTimer.current = setTimeout(() => {
          if (propsRef.current.files.some((f) => f.id === fid)) onSelectRef.current(fid);
        }, 150);
      }
    };
    // Our engine lost its WebGL context: draw the shown image again through a fresh engine.
    const onContextLost = (evt: Event) => {
      if ((evt as CustomEvent<{ renderingEngineId: string }>).detail.renderingEngineId !== ids.current.engine) return;
      const index = viewport()?.getCurrentImageIdIndex() ?? 0;
      if (stack.current.imageIds.length) void rebuildEngine(ids.current, el).setStack(stack.current.imageIds, index).catch((err: unknown) => fail(err));
    };
    const onLoadError = (evt: Event) => {
      const d = (evt as CustomEvent<{ imageId: string; error: unknown }>).detail;
      if (stack.current.imageIds.includes(d.imageId)) fail(d.error, d.imageId);
    };
    // The file whose image was last drawn, as a DOM attribute (read by the e2e test and tools).
    // A new image drawn blank while its pixels are not: rebuild the renderer and draw it again once.
    const onRendered = () => {
      const vp = viewport();
      const imageId = vp?.getCurrentImageId();
      const fid = vp ? stack.current.fileOf[vp.getCurrentImageIdIndex()] : undefined;
      if (!vp || !imageId) return;
      if (pending.current?.imageId === imageId) {
        const { notBlank } = pending.current;
        pending.current = null;
        clearTimeout(watchdog.current);
        if (notBlank && canvasLooksBlank(vp.canvas)) return renderFailed(imageId, vp.getCurrentImageIdIndex());
      }
      if (fid !== undefined) el.dataset.shownFile = String(fid);
    };
    const onVoi = (evt: Event) => {
      const r = (evt as CustomEvent<{ range?: { lower: number; upper: number } }>).detail.range;
      if (!r || applying.current) return;
      if (dragging.current && modeRef.current !== 'user') setMode('user');
      if (dragging.current) setNotice(null);
      setReadout({ ...windowFromRange(r), source: dragging.current ? 'user' : (modeRef.current === 'user' ? 'user' : 'header') });
    };
    const down = () => (dragging.current = true);
    const up = () => (dragging.current = false);
    // Redaction boxes: a finished draw or edit goes to the store, which is the source of truth.
    const unwireBoxes = wireBoxEdits(() => {
      const p = propsRef.current;
      return {
        viewport: () => viewport(),
        stack: () => stack.current, files: () => p.files, boxes: () => p.boxes,
        onBoxDrawn: p.onBoxDrawn, onBoxMoved: p.onBoxMoved, onBoxRemoved: p.onBoxRemoved, sync: () => syncNow(true),
      };
    });
    propsRef.current.onFrameSource?.(ocrFrameSource(() => ids.current.engine, () => stack.current));
    el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    el.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    el.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    eventTarget.addEventListener(Enums.Events.WEBGL_CONTEXT_LOST, onContextLost);
    const ro = new ResizeObserver(() => getRenderingEngine(ids.current.engine)?.resize(true, true));
    ro.observe(el);
    return () => {
      disposed = true;
      registerShownStack(null);
      clearTimeout(selectTimer.current);
      clearTimeout(watchdog.current);
      ro.disconnect();
      el.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      unwireBoxes();
      propsRef.current.onFrameSource?.(null);
      el.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      el.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
      el.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
      eventTarget.removeEventListener(Enums.Events.WEBGL_CONTEXT_LOST, onContextLost);
      try {
        toolUtils.cine.stopClip(el);
      } catch {
        /* no clip */
      }
      ToolGroupManager.destroyToolGroup(ids.current.group);
      getRenderingEngine(ids.current.engine)?.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The selected instance cannot be shown (no pixel data…): say why, over nothing. */
  const showUnviewable = (fileId: number | null): boolean => {
    const f = propsRef.current.files.find((x) => x.id === fileId);
    if (!f || stack.current.fileOf.includes(f.id)) return false;
    const info = f.scan?.info;
    delete element.current?.dataset.shownFile;
    setReadout(null);
    setNotice(null);
    setMessage(info ? (unviewableReason(info) ?? { key: 'viewer.fail.other' }) : 'The file could not be read.', f.id);
    return true;
  };

  // A new series: build the stack (one image id per frame) and show the selected instance, zoom,
  // pan and window reset. A series that only grew keeps its shown image (no setStack:
  // src/viewer/stack-build.ts).
  const seriesKey = files.map((f) => f.id).join(',');
  useEffect(() => {
    if (!ready) return;
    let stale = false;
    void (async () => {
      if (!viewport()) return;
      const { imageIds, fileOf, frameOf, reasons } = await buildStack(files, viewableBlob);
      if (stale) return;
      const kept = stack.current.imageIds.length && !broken.current ? keepShownImage(viewport()!, imageIds) : -1;
      stack.current = { imageIds, fileOf, frameOf };
      registerShownStack({ element: element.current!, ...stack.current });
      if (kept >= 0) {
        // The series grew (a load is adding files): the shown image stays, its index moves.
        setPosition({ index: kept, total: imageIds.length });
        const want = fileOf.indexOf(propsRef.current.selectedId ?? -1);
        if (want >= 0 && fileOf[kept] !== propsRef.current.selectedId) await viewport()!.setImageIdIndex(want).catch(() => undefined);
        return;
      }
      delete element.current?.dataset.shownFile;
      setPlaying(false);
      setMode('default');
      if (imageIds.length === 0) {
        setReadout(null);
        setNotice(null);
        setMessage(reasons[0] || 'Nothing to show in this series.', propsRef.current.selectedId ?? undefined);
        setPosition({ index: 0, total: 0 });
        return;
      }
      if (showUnviewable(selectedId)) return;
      setMessage(null);
      const start = Math.max(0, fileOf.indexOf(selectedId ?? -1));
      try {
        const vp = usable()!;
        await vp.setStack(imageIds, start);
        if (stale) return;
        vp.resetCamera();
        syncNow();
        vp.render();
        setPosition({ index: start, total: imageIds.length });
      } catch (err) {
        if (!stale) fail(err, imageIds[start]);
      }
    })();
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, seriesKey]);

  // The tree selected another instance of this series: jump to its first frame (or say why it
  // cannot be shown).
  useEffect(() => {
    if (!ready || selectedId === null) return;
    clearTimeout(selectTimer.current);
    if (!viewport() || stack.current.imageIds.length === 0 || showUnviewable(selectedId)) return;
    const wasBroken = broken.current;
    const vp = usable()!;
    const cur = wasBroken ? undefined : stack.current.fileOf[vp.getCurrentImageIdIndex()];
    const target = stack.current.fileOf.indexOf(selectedId);
    if (target < 0) return;
    if (cur === selectedId) {
      // Back from a message (an instance without pixels) to the image still in the viewport.
      setMessage(null);
      applyWindow();
      element.current!.dataset.shownFile = String(selectedId);
      return;
    }
    const show = wasBroken ? vp.setStack(stack.current.imageIds, target) : vp.setImageIdIndex(target);
    void show.catch((err: unknown) => fail(err, stack.current.imageIds[target]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, selectedId]);
  // The store's boxes changed: mirror them on the shown image.
  const boxesKey = props.boxes;
  const allKey = props.allFiles;
  const suggestionsKey = props.suggestions;
  useEffect(() => {
    if (ready) syncNow(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, boxesKey, allKey, suggestionsKey]);

  // Draw-box mode: the redaction tool takes the left button; otherwise it stays passive (its
  // boxes can still be moved and resized by their corners and edges).
  const drawing = props.drawing ?? false;
  useEffect(() => {
    const group = ToolGroupManager.getToolGroup(ids.current.group);
    if (!ready || !group) return;
    if (drawing) {
      group.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
      group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
      group.setToolPassive(PanTool.toolName);
      group.setToolActive(RedactionTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
    } else {
      group.setToolPassive(RedactionTool.toolName);
      chooseLeft(left);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, drawing]);

  const chooseLeft = (t: LeftTool) => {
    if (propsRef.current.drawing) propsRef.current.onDrawing?.(false);
    const group = ToolGroupManager.getToolGroup(ids.current.group);
    if (!group) return;
    for (const name of Object.values(LEFT)) {
      const bindings = name === WindowLevelTool.toolName ? [{ mouseButton: ToolEnums.MouseBindings.Secondary }] : name === ZoomTool.toolName ? [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] : [];
      if (bindings.length) group.setToolActive(name, { bindings });
      else group.setToolPassive(name);
    }
    const primary = { mouseButton: ToolEnums.MouseBindings.Primary };
    const extra = t === 'wl' ? [{ mouseButton: ToolEnums.MouseBindings.Secondary }] : t === 'zoom' ? [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] : [];
    group.setToolActive(LEFT[t], { bindings: [primary, ...extra] });
    setLeft(t);
  };

  function syncNow(render = false): void {
    const vp = viewport();
    const imageId = vp?.getCurrentImageId();
    if (!vp || !imageId) return;
    const idx = vp.getCurrentImageIdIndex();
    const fid = stack.current.fileOf[idx];
    const p = propsRef.current;
    const frame = stack.current.frameOf[idx] ?? 0;
    const shown = fid === undefined ? [] : boxesOnFrame(p.boxes ?? [], filesById(p.allFiles ?? p.files), fid, frame);
    const suggested = (p.suggestions ?? []).filter((b) => b.fileId === fid && b.frame === frame);
    const before = RedactionTool.suggestions;
    RedactionTool.suggestions = { imageId, boxes: suggested };
    const moved = before.imageId !== imageId || before.boxes.length !== suggested.length || before.boxes.some((b, i) => b !== suggested[i]);
    if (syncBoxes(vp, imageId, shown) || render || moved) vp.render();
  }

  const reset = () => {
    const vp = viewport();
    vp?.resetCamera();
    vp?.resetProperties();
    setMode('default');
    applyWindow();
  };

  const chooseWindow = (m: WindowMode) => {
    setMode(m);
    applyWindow();
  };

  const toggleCine = () => {
    const el = element.current!;
    if (playing) toolUtils.cine.stopClip(el);
    else toolUtils.cine.playClip(el, { framesPerSecond: 12, loop: true });
    setPlaying(!playing);
  };

  const currentFile = files.find((f) => f.id === stack.current.fileOf[position.index]);
  const multiFrame = (currentFile?.scan?.info?.frames ?? 1) > 1 || position.total > 1;
  return (
    <div className="viewer">
      <ViewerToolbar left={left} onLeft={chooseLeft} onReset={reset} windowMode={mode} onWindow={chooseWindow} onDrawing={props.onDrawing} drawing={drawing} multiFrame={multiFrame} playing={playing} onCine={toggleCine} />
      <div className="viewport-wrap">
        <div className="viewport" data-testid="viewport" ref={element} onContextMenu={(e) => e.preventDefault()} />
        <ViewportStatus index={position.index} total={position.total} frames={currentFile?.scan?.info?.frames ?? 1} message={message?.text ?? null} messageFile={message?.file} notice={notice} readout={message ? null : readout} />
      </div>
    </div>
  );
}
