// Work done once the page is idle, before any file arrives, so that dropping files starts at
// full speed: the scan pool's workers are started (their module fetched, compiled, the session
// built) and the viewer is loaded and initialised (Cornerstone's chunk evaluated, its rendering
// engine and WebGL context created; src/viewer/cornerstone.ts). Each step runs in its own idle
// callback, so the page stays responsive. Marks `veil-warm` (Performance API) when done.

import type { WorkerPool } from './worker-pool.ts';

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 50);
  });

let started = false;

export function warmUpWhenIdle(pool: () => WorkerPool): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  void (async () => {
    try {
      await idle();
      pool().warm();
      await idle();
      const viewer = await import('../viewer/cornerstone.ts');
      await idle();
      await viewer.warmUpViewer(idle);
    } catch (err) {
      console.warn('Veil: warming up the viewer failed; it starts when first needed:', err);
    } finally {
      performance.mark('veil-warm');
    }
  })();
}
