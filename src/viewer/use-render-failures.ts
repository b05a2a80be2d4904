// What the stack viewer does when an image cannot be shown (issue 11): the reason in words over the
// viewport (an opaque message: the previous image never stays behind it), the file reported
// undrawn so review cannot confirm it clean, and the renderer rebuilt for the next image
// (engine-setup.ts). The render guard (render-guard.ts) watches each image drawn; a load error
// ends its watch, since that image's verdict is given. One load error is a race, not a verdict:
// Cornerstone 5 reads a file's metadata asynchronously, and a second load of the same image (the
// series thumbnail's, say) can find it before its Pixel Data is read ("no pixel data in
// NATURALIZED"); that image is loaded once more, a moment later, before anything is said.

import { cache, type Types } from '@cornerstonejs/core';
import { useRef } from 'react';
import { rebuildEngine } from './engine-setup.ts';
import { loadFailure } from './load-failure.ts';
import { LOAD_WITHIN_MS, RenderGuard } from './render-guard.ts';
import { fileAt, fileOfImage, type ViewerCore } from './viewer-core.ts';
import type { ViewerMessage } from './ViewportStatus.tsx';

export interface RenderFailures {
  guard: RenderGuard;
  /** The image could not be loaded or drawn: say why, mark its file undrawn, rebuild next time. */
  fail: (err: unknown, imageId?: string) => void;
  /** Show a message in place of the image. */
  drop: (m: ViewerMessage, file?: number) => void;
  /** The viewport to show an image in: a fresh one when the renderer failed before. */
  usable: () => Types.IStackViewport | undefined;
}

/** Cornerstone is still loading or decoding the image (it has not finished, and no error was said). */
const stillLoading = (imageId: string): boolean => !cache.isLoaded(imageId);

const RACE = /no pixel data in NATURALIZED/;
const RETRY_AFTER_MS = 300;

function errorText(err: unknown): string {
  const e = err && typeof err === 'object' && 'error' in err ? (err as { error: unknown }).error : err;
  return e instanceof Error ? e.message : String(e);
}

export function useRenderFailures(core: ViewerCore): RenderFailures {
  const ref = useRef<RenderFailures>(null);
  if (ref.current) return ref.current;
  const undrawn = (file: number | undefined) => {
    if (file !== undefined) core.props.current.onRenderState?.(file, false);
  };
  const drop = (m: ViewerMessage, file?: number) => {
    core.win.clear();
    core.setMessage(m, file);
  };
  const syntaxOf = (imageId: string): string | undefined => {
    const fid = fileOfImage(core, imageId);
    return core.props.current.files.find((f) => f.id === fid)?.scan?.info?.transferSyntaxName;
  };
  const raced = new Set<string>();
  /** The metadata race above: load the image again once; true when that was done. */
  const retried = (err: unknown, imageId: string): boolean => {
    if (!RACE.test(errorText(err)) || raced.has(imageId)) return false;
    raced.add(imageId);
    guard.cancel();
    try {
      cache.removeImageLoadObject(imageId);
    } catch {
      // not cached
    }
    setTimeout(() => {
      const { imageIds } = core.stack.current;
      const index = imageIds.indexOf(imageId);
      const vp = core.viewport();
      if (index < 0 || !vp || vp.getCurrentImageId() !== imageId) return;
      guard.expect(imageId, index, false, LOAD_WITHIN_MS);
      void vp.setStack(imageIds, index).catch((e: unknown) => fail(e, imageId));
    }, RETRY_AFTER_MS);
    return true;
  };
  const fail = (err: unknown, imageId?: string) => {
    if (imageId && retried(err, imageId)) return;
    guard.cancel();
    guard.broken = true;
    const file = imageId ? fileOfImage(core, imageId) : undefined;
    drop(loadFailure(err, imageId ? syntaxOf(imageId) : undefined), file);
    undrawn(file);
  };
  const guard: RenderGuard = new RenderGuard({
    redraw: (index) => {
      const { imageIds } = core.stack.current;
      guard.expect(imageIds[index], index, false, LOAD_WITHIN_MS);
      void rebuildEngine(core.ids.current, core.element.current!).setStack(imageIds, index).catch((err: unknown) => fail(err, imageIds[index]));
    },
    gaveUp: (index) => {
      drop({ key: 'viewer.fail.render' }, fileAt(core, index));
      undrawn(fileAt(core, index));
    },
    loading: stillLoading,
    tooSlow: (index) => {
      drop({ key: 'viewer.fail.slow' }, fileAt(core, index));
      undrawn(fileAt(core, index));
    },
  });
  const usable = (): Types.IStackViewport | undefined => {
    if (!guard.broken) return core.viewport();
    guard.broken = false;
    return rebuildEngine(core.ids.current, core.element.current!);
  };
  ref.current = { guard, fail, drop, usable };
  return ref.current;
}
