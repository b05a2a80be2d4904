#!/usr/bin/env node
// The `veil` command. Uses the esbuild bundle in dist-cli/ (made on `npm ci` / `npm run build`)
// when it is newer than every source file it was built from (src/cli, src/core, src/codecs); otherwise loads the TypeScript CLI
// (src/cli/main.ts) through tsx, so `npx veil …` works from any working directory either way.

import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.VEIL_NO_BUNDLE) return false;
  try {
    const built = statSync(join(root, 'dist-cli', 'BUILT')).mtimeMs;
    // The bundle is made from these folders only; UI edits must not force the slower tsx path.
    const sources = ['src/cli', 'src/core', 'src/codecs'].map((d) => newestSource(join(root, d)));
    return sources.every((t) => built >= t) && built >= statSync(join(root, 'package-lock.json')).mtimeMs;
  } catch {
    return false;
  }
}

if (bundleIsFresh()) {
  const { runAsProcess } = await import('../dist-cli/main.mjs');
  await runAsProcess();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runAsProcess } = await import('../src/cli/main.ts');
  await runAsProcess();
}
