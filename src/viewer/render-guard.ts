// Watches that each new image is really drawn: within a few seconds (a renderer that throws in its
// frame callback never reports a drawing), and not blank when its pixels are not (a lost WebGL
// context, a texture software WebGL refused: "texImage2D: ArrayBufferView not big enough"). A
// failure redraws the image once through a fresh engine (engine-setup.ts), then gives up with a
// message; `broken` tells the next display to start from a fresh engine too. An image still being
// loaded and decoded when its time is up is waited for, not redrawn (a 16-bit palette colour image
// took over 10 s on a busy machine, and the redraw only started the load again), up to 20 s,
// after which it is said to be too slow. A load error is a verdict of its own: `cancel` stops the
// watch, so no redraw of a failed image comes later over the image shown by then.

import { canvasLooksBlank } from './canvas-blank.ts';

export interface RenderGuardHooks {
  /** Draw image `index` again through a fresh engine. */
  redraw: (index: number) => void;
  /** The image could not be drawn, even by a fresh engine. */
  gaveUp: (index: number) => void;
  /** Whether the image is still being loaded or decoded (not loaded, not failed). */
  loading?: (imageId: string) => boolean;
  /** The image was still loading after MAX_LOAD_MS. */
  tooSlow?: (index: number) => void;
}

/** From a new image on screen to its drawing; from a selection (loading and decoding included) to it. Generous: a busy machine draws a multi-frame image slowly, and a false alarm costs a redraw. */
export const DRAW_WITHIN_MS = 6000;
export const LOAD_WITHIN_MS = 10_000;
/** The longest wait for an image that is still loading. */
export const MAX_LOAD_MS = 20_000;

export class RenderGuard {
  /** A failure happened: the next image is shown through a fresh engine. */
  broken = false;
  private readonly retried = new Set<string>();
  private pending: { imageId: string; index: number; notBlank: boolean } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hooks: RenderGuardHooks) {}

  /** Image `imageId` (at `index`) is due within `within` ms; `notBlank`: its pixels are not one grey. */
  expect(imageId: string, index: number, notBlank: boolean, within = DRAW_WITHIN_MS): void {
    this.pending = { imageId, index, notBlank };
    clearTimeout(this.timer);
    const start = Date.now();
    const check = () => {
      if (this.pending?.imageId !== imageId) return;
      if (this.hooks.loading?.(imageId)) {
        if (Date.now() - start < MAX_LOAD_MS) {
          this.timer = setTimeout(check, within);
          return;
        }
        this.pending = null;
        this.broken = true;
        this.hooks.tooSlow?.(index);
        return;
      }
      this.pending = null;
      this.failed(imageId, index);
    };
    this.timer = setTimeout(check, within);
  }

  /** Stop watching (the image failed to load, and that was said). */
  cancel(): void {
    clearTimeout(this.timer);
    this.pending = null;
  }

  /**
   * A drawing of `imageId` arrived; false when it was the awaited one and came out blank, or
   * `ofImage` says the renderer drew something other than this image (its data was refused).
   */
  rendered(imageId: string, canvas: HTMLCanvasElement | undefined, ofImage = true): boolean {
    const p = this.pending;
    if (p?.imageId !== imageId) return true;
    this.pending = null;
    clearTimeout(this.timer);
    if (!ofImage || (p.notBlank && canvasLooksBlank(canvas))) {
      this.failed(imageId, p.index);
      return false;
    }
    return true;
  }

  private failed(imageId: string, index: number): void {
    if (this.retried.has(imageId)) {
      this.broken = true;
      this.hooks.gaveUp(index);
      return;
    }
    this.retried.add(imageId);
    this.hooks.redraw(index);
  }

  dispose(): void {
    this.cancel();
  }
}
