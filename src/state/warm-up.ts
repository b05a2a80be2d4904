// Work done once the page is idle, before any file arrives, so that dropping files starts at
// full speed: the scan pool's workers are started (their module fetched, compiled, the session
// built) and the viewer is loaded and initialised (its chunks and Cornerstone's evaluated, a
// rendering engine and WebGL context created, a tiny image drawn; src/viewer/cornerstone.ts).
// Each step runs in its own idle callback, so the page stays responsive; the viewer part starts
// a second after start-up and not while files are being read. Marks `veil-warm` (Performance
// API) when done.
// `stackViewerComponent` is the viewer's React.lazy loader: once the warm-up has loaded the chunk it
// hands the module over synchronously, so the first series shown does not suspend (React shows
// content that replaced a Suspense fallback no sooner than 300 ms after the fallback: profiled as
// a 0.35–0.4 s gap between the first series being selected and the viewer mounting).

import type { WorkerPool } from './worker-pool.ts';

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 50);
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The viewer waits this long after start-up, and while files are being read, so it never competes with them. */
const VIEWER_DELAY_MS = 1000;

let started = false;

type StackViewerModule = typeof import('../viewer/StackViewer.tsx');
let stackViewer: StackViewerModule | undefined;

const loadStackViewer = (): Promise<StackViewerModule> =>
  import('../viewer/StackViewer.tsx').then((m) => (stackViewer = m));

/**
 * For React.lazy: the viewer's module, at once when already loaded — a thenable whose `then` calls
 * back synchronously, which React.lazy reads before deciding to suspend (React 19 lazyInitializer);
 * typed as the Promise React.lazy asks for.
 */
export function stackViewerComponent(): Promise<StackViewerModule> {
  const m = stackViewer;
  if (!m) return loadStackViewer();
  const now: PromiseLike<StackViewerModule> = { then: (ok) => Promise.resolve(ok ? ok(m) : (m as never)) };
  return now as Promise<StackViewerModule>;
}

export function warmUpWhenIdle(pool: () => WorkerPool, reading: () => boolean): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  void (async () => {
    try {
      await idle();
      pool().warm();
      await sleep(VIEWER_DELAY_MS);
      // Files given right after start-up: reading them comes first; the viewer loads when needed.
      while (reading()) await sleep(250);
      await idle();
      const viewer = await import('../viewer/cornerstone.ts');
      // The viewer's and the thumbnails' own chunks too (the UI loads them lazily, on first use).
      await Promise.all([loadStackViewer(), import('../viewer/SeriesThumb.tsx')]);
      await idle();
      await viewer.warmUpViewer(idle);
    } catch (err) {
      console.warn('Veil: warming up the viewer failed; it starts when first needed:', err);
    } finally {
      performance.mark('veil-warm');
    }
  })();
}
