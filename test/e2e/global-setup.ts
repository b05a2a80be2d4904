// Builds the app once before the e2e tests (set VEIL_E2E_NO_BUILD=1 to test an existing dist/).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  if (process.env.VEIL_E2E_NO_BUILD === '1' && existsSync(`${root}dist/index.html`)) {
    console.log('e2e: using the existing dist/ (VEIL_E2E_NO_BUILD=1)');
    return;
  }
  const t0 = Date.now();
  execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    // vitest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  console.log(`e2e: built dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
