// The one set-up of the e2e tests: hooks that serve the build (paths.ts names it; global-setup.ts
// builds it once) and open Chromium for the tests of the calling scope. `useApp()` at the top of
// a file (or inside a describe) starts the static server and the browser before its tests and
// closes both after them; `useServer()` / `useBrowser()` do one half (the layout test opens its
// own browsers; the single-file test opens dist/veil.html over file://, with no server).
//
// What they start is read through the live bindings below (`server.url`, `page`, `browser`), set
// in beforeAll: vitest runs each test file in its own module graph, so every file has its own.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch, type Launched } from './browser.ts';
import { DIST } from './paths.ts';
import { serveDist, type RunningServer } from './static-server.ts';

export { DIST, DIST_SINGLE, ROOT } from './paths.ts';

/** The static server on dist/ (after useServer/useApp's beforeAll). */
export let server: RunningServer;
/** The browser (after useBrowser/useApp's beforeAll): its context and every request it made. */
export let browser: Launched;
/** The browser's first page. */
export let page: Page;
/** Uncaught errors of `page` (their messages), in order. */
export const pageErrors: string[] = [];

export interface BrowserOptions {
  /** navigator.languages and Accept-Language (default en-US). */
  locale?: string;
  /** Only for tests that inject a checker (axe-core) as an inline script. */
  bypassCSP?: boolean;
}

/** Serve dist/ on 127.0.0.1 before the tests of this scope; close it after them. */
export function useServer(): void {
  beforeAll(async () => {
    server = await serveDist(DIST);
  });
  afterAll(async () => {
    await server?.close();
  });
}

/** Open Chromium (a fresh profile) before the tests of this scope, recording page errors; close it after them. */
export function useBrowser(options: BrowserOptions = {}): void {
  beforeAll(async () => {
    browser = await launch(options);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** Serve dist/ and open Chromium on it: `await page.goto(server.url)`. */
export function useApp(options: BrowserOptions = {}): void {
  useServer();
  useBrowser(options);
}
