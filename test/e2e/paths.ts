// Where the e2e tests find the build: the repository root, dist/ (`vite build`) and the single
// file dist/veil.html (`vite build --mode single`). The one naming of these paths, for the global
// set-up that builds them and the fixture (fixture.ts) that serves and opens them.

import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing separator. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The served app, with a trailing separator. */
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** The single-file app. */
export const DIST_SINGLE = fileURLToPath(new URL('../../dist/veil.html', import.meta.url));
