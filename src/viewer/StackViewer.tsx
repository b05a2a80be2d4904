// The selected series in a Cornerstone3D stack viewport: right drag window/level, left drag the
// chosen tool (pan, zoom or window/level), middle drag zoom, wheel through instances and frames,
// cine for multi-frame. Each image gets a window it can be seen in (window-control.ts: the header's
// unless it shows a nearly uniform picture, else the histogram's; presets; a W/L readout). Zoom and
// pan reset per series. Redaction boxes mirror the store; OCR proposals are outlined; the OCR
// assist reads pixels through it. The parts: the engine and its events (viewer-events.ts), which
// image is shown (use-stack-display.ts), failures said in words with the renderer rebuilt
// (use-render-failures.ts), and what they share (viewer-core.ts).

import { utilities as toolUtils } from '@cornerstonejs/tools';
import { useEffect, useRef, useState } from 'react';
import { syncShownBoxes } from './box-sync.ts';
import { bindLeftButton, stackViewport, type EngineIds } from './engine-setup.ts';
import type { ShownStackIds } from './stack-build.ts';
import { useRenderFailures } from './use-render-failures.ts';
import { useStackDisplay } from './use-stack-display.ts';
import { useWindowLevel } from './use-window-level.ts';
import { mountViewer } from './viewer-events.ts';
import type { StackViewerProps, ViewerCore } from './viewer-core.ts';
import { ViewerToolbar, type LeftTool } from './ViewerToolbar.tsx';
import { ViewportStatus, type ViewerMessage } from './ViewportStatus.tsx';
import type { WindowMode } from './window-control.ts';

export type { StackViewerProps } from './viewer-core.ts';

export default function StackViewer(props: StackViewerProps) {
  const { files } = props;
  const element = useRef<HTMLDivElement>(null);
  const ids = useRef<EngineIds>({ engine: '', group: '' });
  const stack = useRef<ShownStackIds>({ imageIds: [], fileOf: [], frameOf: [] });
  const propsRef = useRef(props);
  propsRef.current = props;
  const [ready, setReady] = useState(false);
  const [message, setShown] = useState<{ text: ViewerMessage; file?: number } | null>(null);
  const win = useWindowLevel(element);
  const [position, setPosition] = useState({ index: 0, total: 0 });
  const [left, setLeft] = useState<LeftTool>('pan');
  const [playing, setPlaying] = useState(false);
  // Scrolling selects the shown instance once the wheel settles; a new selection cancels it.
  const selectTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const coreRef = useRef<ViewerCore>(null);
  coreRef.current ??= {
    element, ids, stack, props: propsRef,
    viewport: () => stackViewport(ids.current),
    setMessage: (text, file) => setShown(text === null ? null : { text, file }),
    win,
  };
  const core = coreRef.current;
  core.win = win;
  const failures = useRenderFailures(core);
  const viewport = core.viewport;

  /** Give the shown image the window of the current mode (a notice when it shows one grey); watch it drawn. */
  function applyWindow(): void {
    const vp = viewport();
    const imageId = vp?.getCurrentImageId();
    if (!vp || !imageId) return;
    const notBlank = core.win.apply(vp);
    failures.guard.expect(imageId, vp.getCurrentImageIdIndex(), notBlank);
    vp.render();
  }

  function syncNow(render = false): void {
    const vp = viewport();
    if (vp) syncShownBoxes(vp, stack.current, propsRef.current, render);
  }

  // Mount: rendering engine, viewport, tool group and events; torn down on unmount.
  useEffect(() => {
    const unmount = mountViewer(core, failures, {
      onReady: () => setReady(true),
      syncBoxes: (render) => syncNow(render),
      onNewImage: (index) => {
        syncNow();
        core.setMessage(null);
        applyWindow();
        setPosition({ index, total: stack.current.imageIds.length });
        // Scrolling selects the shown instance (and re-plans it) once the wheel settles, only while
        // that file is still in the shown series (a timer left from the previous series must not
        // pull the selection back to it).
        clearTimeout(selectTimer.current);
        const fid = stack.current.fileOf[index];
        if (fid === undefined) return;
        selectTimer.current = setTimeout(() => {
          if (propsRef.current.files.some((f) => f.id === fid)) propsRef.current.onSelect(fid);
        }, 150);
      },
    });
    return () => {
      clearTimeout(selectTimer.current);
      unmount();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useStackDisplay(core, failures, ready, {
    setPosition,
    resetSeries: () => {
      setPlaying(false);
      core.win.setMode('default');
    },
    applyWindow,
    syncBoxes: syncNow,
    cancelScrollSelect: () => clearTimeout(selectTimer.current),
  });

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
