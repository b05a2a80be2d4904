// Which image the stack viewer shows. A new series builds the stack (one image id per frame) and
// shows the selected instance with zoom, pan and window reset; a series that only grew keeps its
// shown image (no setStack: stack-build.ts). Another instance selected in the tree shows its first
// frame. An instance that cannot be shown (no pixel data…) gets the reason over the viewport —
// also in a series where no instance can: the message then names that instance.

import { useEffect } from 'react';
import { notice } from '../core/messages/notice.ts';
import { unviewableReason } from '../workspace/viewability.ts';
import { registerShownStack } from './slide-source.ts';
import { buildStack, keepShownImage } from './stack-build.ts';
import { LOAD_WITHIN_MS } from './render-guard.ts';
import type { RenderFailures } from './use-render-failures.ts';
import type { ViewerCore } from './viewer-core.ts';

export interface StackDisplayHooks {
  /** The shown position changed (index in the stack, stack length). */
  setPosition: (p: { index: number; total: number }) => void;
  /** A new series: cine stops, the window mode resets. */
  resetSeries: () => void;
  /** Give the shown image the window of the current mode. */
  applyWindow: () => void;
  syncBoxes: (render?: boolean) => void;
  /** Cancel the pending "scrolling selects the shown instance". */
  cancelScrollSelect: () => void;
}

export function useStackDisplay(core: ViewerCore, failures: RenderFailures, ready: boolean, hooks: StackDisplayHooks): void {
  const { files, selectedId, viewableBlob } = core.props.current;
  const { guard, drop, fail, usable } = failures;

  /** The selected instance cannot be shown (no pixel data…): say why, over nothing. */
  const showUnviewable = (fileId: number | null): boolean => {
    const f = core.props.current.files.find((x) => x.id === fileId);
    if (!f || core.stack.current.fileOf.includes(f.id)) return false;
    const info = f.scan?.info;
    delete core.element.current?.dataset.shownFile;
    drop(info ? (unviewableReason(info) ?? { key: 'viewer.fail.other' }) : notice('viewUnreadable'), f.id);
    return true;
  };

  const seriesKey = files.map((f) => f.id).join(',');
  useEffect(() => {
    if (!ready) return;
    let stale = false;
    void (async () => {
      if (!core.viewport()) return;
      const { imageIds, fileOf, frameOf, reasons } = await buildStack(files, viewableBlob);
      if (stale) return;
      const kept = core.stack.current.imageIds.length && !guard.broken ? keepShownImage(core.viewport()!, imageIds) : -1;
      core.stack.current = { imageIds, fileOf, frameOf };
      registerShownStack({ element: core.element.current!, ...core.stack.current });
      if (kept >= 0) {
        // The series grew (a load is adding files): the shown image stays, its index moves.
        hooks.setPosition({ index: kept, total: imageIds.length });
        const want = fileOf.indexOf(core.props.current.selectedId ?? -1);
        if (want >= 0 && fileOf[kept] !== core.props.current.selectedId) await core.viewport()!.setImageIdIndex(want).catch(() => undefined);
        return;
      }
      delete core.element.current?.dataset.shownFile;
      hooks.resetSeries();
      if (imageIds.length === 0) {
        drop(reasons[0] ?? notice('viewNothing'), core.props.current.selectedId ?? undefined);
        hooks.setPosition({ index: 0, total: 0 });
        return;
      }
      if (showUnviewable(selectedId)) return;
      core.setMessage(null);
      const start = Math.max(0, fileOf.indexOf(selectedId ?? -1));
      try {
        const vp = usable()!;
        guard.expect(imageIds[start], start, false, LOAD_WITHIN_MS);
        await vp.setStack(imageIds, start);
        if (stale) return;
        vp.resetCamera();
        hooks.syncBoxes();
        vp.render();
        hooks.setPosition({ index: start, total: imageIds.length });
      } catch (err) {
        if (!stale) fail(err, imageIds[start]);
      }
    })();
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, seriesKey]);

  useEffect(() => {
    if (!ready || selectedId === null) return;
    hooks.cancelScrollSelect();
    if (!core.viewport() || showUnviewable(selectedId) || core.stack.current.imageIds.length === 0) return;
    const wasBroken = guard.broken;
    const vp = usable()!;
    const { imageIds, fileOf } = core.stack.current;
    const cur = wasBroken ? undefined : fileOf[vp.getCurrentImageIdIndex()];
    const target = fileOf.indexOf(selectedId);
    if (target < 0) return;
    if (cur === selectedId) {
      // Back from a message (an instance without pixels) to the image still in the viewport.
      core.setMessage(null);
      hooks.applyWindow();
      core.element.current!.dataset.shownFile = String(selectedId);
      return;
    }
    guard.expect(imageIds[target], target, false, LOAD_WITHIN_MS);
    const show = wasBroken ? vp.setStack(imageIds, target) : vp.setImageIdIndex(target);
    void show.catch((err: unknown) => fail(err, imageIds[target]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, selectedId]);
}
