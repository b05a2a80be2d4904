#!/usr/bin/env node
// Bundles the `veil` command (src/cli/main.ts and its worker) with esbuild into dist-cli/, so a
// run starts without transpiling TypeScript in every worker thread (tsx cost ~0.5 s per thread).
// bin/veil.mjs uses the bundle only while it is newer than every source file, else tsx: a stale
// bundle can never run. Runs on `npm ci` (prepare) and `npm run build`; a failure here only
// means the slower tsx path is used, so it never fails the install.
import { build } from 'esbuild';
import { cliBundleOptions } from './cli-bundle-options.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-cli');
try {
  mkdirSync(out, { recursive: true });
  await build(cliBundleOptions(root, out));
  writeFileSync(join(out, 'BUILT'), `${new Date().toISOString()}\n`);
  console.log('veil CLI bundled into dist-cli/');
} catch (err) {
  console.warn(`veil CLI bundle not built (${err.message}); the command will run through tsx instead`);
}
