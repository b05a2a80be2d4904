// The selected series in a Cornerstone3D stack viewport: right drag window/level, left drag the
// chosen tool (pan, zoom or window/level), middle drag zoom, wheel through instances and frames,
// cine for multi-frame. Each image gets a window it can be seen in (window-control.ts: the header's
// unless it shows a nearly uniform picture, else the histogram's; presets; a W/L readout). Images
// that cannot be shown get a message in words over the viewport (an opaque one: the previous image
// never stays behind it), and a failure rebuilds the renderer (engine-setup.ts) so later images
// still draw. Zoom and pan reset per series. Redaction boxes mirror the store; OCR proposals are
// outlined; the OCR assist reads pixels through it.

import { notice } from '../core/messages/notice.ts';
import { Enums, eventTarget, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import { ToolGroupManager, utilities as toolUtils } from '@cornerstonejs/tools';
import { useEffect, useRef, useState } from 'react';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import type { DrawnBox } from '../workspace/redaction-boxes.ts';
import type { SuggestedBox } from './redaction-tool.ts';
import { syncShownBoxes } from './box-sync.ts';
import { wireBoxEdits } from './box-edits.ts';
import { ViewerToolbar, type LeftTool } from './ViewerToolbar.tsx';
import { ViewportStatus, type ViewerMessage } from './ViewportStatus.tsx';
import { ocrFrameSource } from './ocr-capture.ts';
import type { FrameSource } from '../ocr/frame-source.ts';
import { ensureCornerstone, takeWarmEngine } from './cornerstone.ts';
import { bindLeftButton, createToolGroup, enableStack, rebuildEngine, retired, stackViewport, type EngineIds } from './engine-setup.ts';
import { loadFailure } from './load-failure.ts';
import type { WindowMode } from './window-control.ts';
import { useWindowLevel } from './use-window-level.ts';
import { LOAD_WITHIN_MS, RenderGuard } from './render-guard.ts';
import { unviewableReason } from '../workspace/viewability.ts';
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
  /** A file's image was drawn (true) or could not be (false): review only confirms what was seen. */
  onRenderState?: (fileId: number, ok: boolean) => void;
}


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
  const win = useWindowLevel(element);
  const [position, setPosition] = useState({ index: 0, total: 0 });
  const [left, setLeft] = useState<LeftTool>('pan');
  const [playing, setPlaying] = useState(false);
  const onSelectRef = useRef(onSelect);
  // Scrolling selects the shown instance once the wheel settles; a new selection cancels it.
  const selectTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  onSelectRef.current = onSelect;


  const viewport = () => stackViewport(ids.current);
  const syntaxOf = (imageId: string): string | undefined => {
    const fid = stack.current.fileOf[stack.current.imageIds.indexOf(imageId)];
    return propsRef.current.files.find((f) => f.id === fid)?.scan?.info?.transferSyntaxName;
  };
  /** The image could not be loaded or drawn: said in words, and review may not confirm it clean (issue 11). */
  const fail = (err: unknown, imageId?: string) => {
    guard.current.broken = true;
    const file = imageId ? stack.current.fileOf[stack.current.imageIds.indexOf(imageId)] : undefined;
    drop(loadFailure(err, imageId ? syntaxOf(imageId) : undefined), file);
    if (file !== undefined) propsRef.current.onRenderState?.(file, false);
  };
  const drop = (m: ViewerMessage, file?: number) => {
    win.clear();
    setMessage(m, file);
  };
  const guard = useRef<RenderGuard>(null as unknown as RenderGuard);
  guard.current ??= new RenderGuard({
    redraw: (index) => {
      guard.current.expect(stack.current.imageIds[index], index, false, LOAD_WITHIN_MS);
      void rebuildEngine(ids.current, element.current!).setStack(stack.current.imageIds, index).catch((err: unknown) => fail(err, stack.current.imageIds[index]));
    },
    gaveUp: (index) => {
      drop({ key: 'viewer.fail.render' }, stack.current.fileOf[index]);
      propsRef.current.onRenderState?.(stack.current.fileOf[index], false);
    },
  });
  /** The viewport to show an image in: a fresh one when the renderer failed before. */
  const usable = (): Types.IStackViewport | undefined => {
    if (!guard.current.broken) return viewport();
    guard.current.broken = false;
    return rebuildEngine(ids.current, element.current!);
  };

  /** Give the shown image the window of the current mode (a notice when it shows one grey); watch it drawn. */
  function applyWindow(): void {
    const vp = viewport();
    const imageId = vp?.getCurrentImageId();
    if (!vp || !imageId) return;
    const notBlank = win.apply(vp);
    guard.current.expect(imageId, vp.getCurrentImageIdIndex(), notBlank);
    vp.render();
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
      const lost = (evt as CustomEvent<{ renderingEngineId: string }>).detail.renderingEngineId;
      if (lost !== ids.current.engine || retired.has(lost)) return;
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
      if (!guard.current.rendered(imageId, vp.canvas)) return;
      if (fid !== undefined) {
        el.dataset.shownFile = String(fid);
        propsRef.current.onRenderState?.(fid, true);
      }
    };
    // Redaction boxes: a finished draw or edit goes to the store, which is the source of truth.
    const unwireBoxes = wireBoxEdits(() => {
      const p = propsRef.current;
      return {
        viewport: () => viewport(),
        stack: () => stack.current, files: () => p.files, boxes: () => p.boxes,
        onBoxDrawn: p.onBoxDrawn, onBoxMoved: p.onBoxMoved, onBoxRemoved: p.onBoxRemoved, sync: () => syncNow(true),
      };
    });
    const refused = (fileId: number) => Boolean((propsRef.current.allFiles ?? propsRef.current.files).find((f) => f.id === fileId)?.scan?.info?.decodeRefusal);
    propsRef.current.onFrameSource?.(ocrFrameSource(() => ids.current.engine, () => stack.current, refused));
    el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    eventTarget.addEventListener(Enums.Events.WEBGL_CONTEXT_LOST, onContextLost);
    const ro = new ResizeObserver(() => getRenderingEngine(ids.current.engine)?.resize(true, true));
    ro.observe(el);
    return () => {
      disposed = true;
      registerShownStack(null);
      clearTimeout(selectTimer.current);
      guard.current.dispose();
      ro.disconnect();
      el.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      unwireBoxes();
      propsRef.current.onFrameSource?.(null);
      el.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
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
    drop(info ? (unviewableReason(info) ?? { key: 'viewer.fail.other' }) : notice('viewUnreadable'), f.id);
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
      const kept = stack.current.imageIds.length && !guard.current.broken ? keepShownImage(viewport()!, imageIds) : -1;
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
      win.setMode('default');
      if (imageIds.length === 0) {
        drop(reasons[0] ?? notice('viewNothing'), propsRef.current.selectedId ?? undefined);
        setPosition({ index: 0, total: 0 });
        return;
      }
      if (showUnviewable(selectedId)) return;
      setMessage(null);
      const start = Math.max(0, fileOf.indexOf(selectedId ?? -1));
      try {
        const vp = usable()!;
        guard.current.expect(imageIds[start], start, false, LOAD_WITHIN_MS);
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
  // cannot be shown, also in a series where no instance can: the message then names this one).
  useEffect(() => {
    if (!ready || selectedId === null) return;
    clearTimeout(selectTimer.current);
    if (!viewport() || showUnviewable(selectedId) || stack.current.imageIds.length === 0) return;
    const wasBroken = guard.current.broken;
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
    guard.current.expect(stack.current.imageIds[target], target, false, LOAD_WITHIN_MS);
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

  // Draw-box mode: the redaction tool takes the left button; otherwise the chosen tool.
  const drawing = props.drawing ?? false;
  useEffect(() => {
    if (ready) bindLeftButton(ids.current.group, drawing ? 'draw' : left);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, drawing]);

  const chooseLeft = (t: LeftTool) => {
    if (propsRef.current.drawing) propsRef.current.onDrawing?.(false);
    bindLeftButton(ids.current.group, t);
    setLeft(t);
  };

  function syncNow(render = false): void {
    const vp = viewport();
    if (vp) syncShownBoxes(vp, stack.current, propsRef.current, render);
  }


  const reset = () => {
    const vp = viewport();
    vp?.resetCamera();
    vp?.resetProperties();
    win.setMode('default');
    applyWindow();
  };

  const chooseWindow = (m: WindowMode) => {
    win.setMode(m);
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
      <ViewerToolbar left={left} onLeft={chooseLeft} onReset={reset} windowMode={win.mode} onWindow={chooseWindow} onDrawing={props.onDrawing} drawing={drawing} multiFrame={multiFrame} playing={playing} onCine={toggleCine} />
      <div className="viewport-wrap">
        <div className="viewport" data-testid="viewport" ref={element} onContextMenu={(e) => e.preventDefault()} />
        <ViewportStatus index={position.index} total={position.total} frames={currentFile?.scan?.info?.frames ?? 1} message={message?.text ?? null} messageFile={message?.file} notice={win.notice} readout={message ? null : win.readout} />
      </div>
    </div>
  );
}
