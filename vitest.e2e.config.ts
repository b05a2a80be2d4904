// End-to-end tests: build the app, serve dist/ on 127.0.0.1, drive Debian's Chromium with
// playwright-core. Run with `npm run test:e2e` (needs /usr/bin/chromium).

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
