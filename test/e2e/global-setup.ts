// Builds the app once before the e2e tests: the served dist/ and the single file dist/veil.html
// (set VEIL_E2E_NO_BUILD=1 to test an existing dist/; a missing veil.html is still built).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, DIST_SINGLE, ROOT } from './paths.ts';

function viteBuild(root: string, extra: string[]): void {
  execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn', ...extra], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vitest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export default function setup(): void {
  const t0 = Date.now();
  if (process.env.VEIL_E2E_NO_BUILD === '1' && existsSync(join(DIST, 'index.html'))) {
    console.log('e2e: using the existing dist/ (VEIL_E2E_NO_BUILD=1)');
    if (existsSync(DIST_SINGLE)) return;
  } else viteBuild(ROOT, []);
  viteBuild(ROOT, ['--mode', 'single']);
  console.log(`e2e: built dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
