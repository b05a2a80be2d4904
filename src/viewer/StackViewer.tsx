// The selected series in a Cornerstone3D stack viewport: right drag window/level, left drag the
// chosen tool (pan, zoom or window/level), middle drag zoom, wheel through instances and frames,
// cine for multi-frame. Images that cannot be shown get a message over the viewport. Redaction
// boxes mirror the store; OCR proposals are outlined; the OCR assist reads pixels through it.

import { Enums, eventTarget, getRenderingEngine, RenderingEngine, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums, PanTool, StackScrollTool, ToolGroupManager, utilities as toolUtils, WindowLevelTool, ZoomTool } from '@cornerstonejs/tools';
import { useEffect, useRef, useState } from 'react';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { boxesOnFrame, filesById, type DrawnBox } from '../workspace/redaction-boxes.ts';
import { REDACTION_CONFIG, RedactionTool, syncBoxes, type SuggestedBox } from './redaction-tool.ts';
import { wireBoxEdits } from './box-edits.ts';
import { ViewerToolbar, type LeftTool } from './ViewerToolbar.tsx';
import { ViewportStatus } from './ViewportStatus.tsx';
import { ocrFrameSource } from './ocr-capture.ts';
import type { FrameSource } from '../ocr/frame-source.ts';
import { describeLoadError, ensureCornerstone, takeWarmEngine } from './cornerstone.ts';
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


const LEFT: Record<LeftTool, string> = { pan: PanTool.toolName, zoom: ZoomTool.toolName, wl: WindowLevelTool.toolName };
let counter = 0;

export default function StackViewer(props: StackViewerProps) {
  const { files, selectedId, onSelect, viewableBlob } = props;
  const element = useRef<HTMLDivElement>(null);
  const ids = useRef({ engine: '', viewport: 'main', group: '' });
  const stack = useRef<{ imageIds: string[]; fileOf: number[]; frameOf: number[] }>({ imageIds: [], fileOf: [], frameOf: [] });
  const propsRef = useRef(props);
  propsRef.current = props;
  const [ready, setReady] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [position, setPosition] = useState({ index: 0, total: 0 });
  const [left, setLeft] = useState<LeftTool>('pan');
  const [playing, setPlaying] = useState(false);
  const onSelectRef = useRef(onSelect);
  // Scrolling selects the shown instance once the wheel settles; a new selection cancels it.
  const selectTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  onSelectRef.current = onSelect;

  // Mount: rendering engine, viewport and tool group; destroyed on unmount (StrictMode-safe).
  useEffect(() => {
    let disposed = false;
    const n = ++counter;
    const el = element.current!;
    ids.current = { engine: `veil-engine-${n}`, viewport: 'main', group: `veil-tools-${n}` };
    void ensureCornerstone().then(() => {
      if (disposed) return;
      const engine = takeWarmEngine() ?? new RenderingEngine(ids.current.engine);
      ids.current.engine = engine.id;
      engine.enableElement({ viewportId: 'main', type: Enums.ViewportType.STACK, element: el, defaultOptions: { background: [0, 0, 0] as Types.Point3 } });
      const group = ToolGroupManager.createToolGroup(ids.current.group)!;
      for (const t of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool]) group.addTool(t.toolName);
      group.addTool(RedactionTool.toolName, REDACTION_CONFIG);
      group.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
      group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
      group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
      group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
      group.setToolPassive(RedactionTool.toolName);
      group.addViewport('main', ids.current.engine);
      setReady(true);
    });
    const onNewImage = (evt: Event) => {
      const d = (evt as CustomEvent<{ imageIdIndex: number }>).detail;
      syncNow();
      setMessage(null);
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
    const onLoadError = (evt: Event) => {
      const d = (evt as CustomEvent<{ imageId: string; error: unknown }>).detail;
      const at = stack.current.imageIds.indexOf(d.imageId);
      if (at < 0) return;
      setMessage(`This image cannot be shown: ${describeLoadError(d.error)}`);
      propsRef.current.onRenderState?.(stack.current.fileOf[at], false);
    };
    // The file whose image was last drawn, as a DOM attribute (read by the e2e test and tools).
    const onRendered = () => {
      const vp = getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined;
      const fid = vp ? stack.current.fileOf[vp.getCurrentImageIdIndex()] : undefined;
      if (fid !== undefined && vp?.getCurrentImageId()) {
        el.dataset.shownFile = String(fid);
        propsRef.current.onRenderState?.(fid, true);
      }
    };
    // Redaction boxes: a finished draw or edit goes to the store, which is the source of truth.
    const unwireBoxes = wireBoxEdits(() => {
      const p = propsRef.current;
      return {
        viewport: () => getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined,
        stack: () => stack.current, files: () => p.files, boxes: () => p.boxes,
        onBoxDrawn: p.onBoxDrawn, onBoxMoved: p.onBoxMoved, onBoxRemoved: p.onBoxRemoved, sync: () => syncNow(true),
      };
    });
    const refused = (fileId: number) => Boolean((propsRef.current.allFiles ?? propsRef.current.files).find((f) => f.id === fileId)?.scan?.info?.decodeRefusal);
    propsRef.current.onFrameSource?.(ocrFrameSource(() => ids.current.engine, () => stack.current, refused));
    el.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    el.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    const ro = new ResizeObserver(() => getRenderingEngine(ids.current.engine)?.resize(true, true));
    ro.observe(el);
    return () => {
      disposed = true;
      registerShownStack(null);
      clearTimeout(selectTimer.current);
      ro.disconnect();
      el.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      unwireBoxes();
      propsRef.current.onFrameSource?.(null);
      el.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
      try {
        toolUtils.cine.stopClip(el);
      } catch {
        /* no clip */
      }
      ToolGroupManager.destroyToolGroup(ids.current.group);
      getRenderingEngine(ids.current.engine)?.destroy();
    };
  }, []);

  // A new series: build the stack (one image id per frame) and show the selected instance. A
  // series that only grew keeps its shown image (no setStack: src/viewer/stack-build.ts).
  const seriesKey = files.map((f) => f.id).join(',');
  useEffect(() => {
    if (!ready) return;
    let stale = false;
    void (async () => {
      const viewport = getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined;
      if (!viewport) return;
      const { imageIds, fileOf, frameOf, reasons } = await buildStack(files, viewableBlob);
      if (stale) return;
      const kept = stack.current.imageIds.length ? keepShownImage(viewport, imageIds) : -1;
      stack.current = { imageIds, fileOf, frameOf };
      registerShownStack({ element: element.current!, ...stack.current });
      if (kept >= 0) {
        // The series grew (a load is adding files): the shown image stays, its index moves.
        setPosition({ index: kept, total: imageIds.length });
        const want = fileOf.indexOf(propsRef.current.selectedId ?? -1);
        if (want >= 0 && fileOf[kept] !== propsRef.current.selectedId) await viewport.setImageIdIndex(want).catch(() => undefined);
        return;
      }
      delete element.current?.dataset.shownFile;
      setPlaying(false);
      if (imageIds.length === 0) {
        setMessage(reasons[0] || 'Nothing to show in this series.');
        setPosition({ index: 0, total: 0 });
        return;
      }
      setMessage(null);
      const start = Math.max(0, fileOf.indexOf(selectedId ?? -1));
      try {
        await viewport.setStack(imageIds, start);
        syncNow();
        viewport.render();
        setPosition({ index: start, total: imageIds.length });
      } catch (err) {
        if (stale) return;
        setMessage(`This image cannot be shown: ${describeLoadError(err)}`);
        propsRef.current.onRenderState?.(fileOf[start], false);
      }
    })();
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, seriesKey]);

  // The tree selected another instance of this series: jump to its first frame.
  useEffect(() => {
    if (!ready || selectedId === null) return;
    clearTimeout(selectTimer.current);
    const viewport = getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined;
    if (!viewport || stack.current.imageIds.length === 0) return;
    const cur = stack.current.fileOf[viewport.getCurrentImageIdIndex()];
    const target = stack.current.fileOf.indexOf(selectedId);
    if (cur !== selectedId && target >= 0) {
      void viewport.setImageIdIndex(target).catch((err: unknown) => {
        setMessage(`This image cannot be shown: ${describeLoadError(err)}`);
        propsRef.current.onRenderState?.(selectedId, false);
      });
    }
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
    const vp = getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined;
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
    const viewport = getRenderingEngine(ids.current.engine)?.getViewport('main') as Types.IStackViewport | undefined;
    viewport?.resetCamera();
    viewport?.resetProperties();
    viewport?.render();
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
      <ViewerToolbar left={left} onLeft={chooseLeft} onReset={reset} onDrawing={props.onDrawing} drawing={drawing} multiFrame={multiFrame} playing={playing} onCine={toggleCine} />
      <div className="viewport-wrap">
        <div className="viewport" data-testid="viewport" ref={element} onContextMenu={(e) => e.preventDefault()} />
        <ViewportStatus index={position.index} total={position.total} frames={currentFile?.scan?.info?.frames ?? 1} message={message} />
      </div>
    </div>
  );
}
