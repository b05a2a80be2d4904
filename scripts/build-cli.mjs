#!/usr/bin/env node
// Bundles the `veil` command (src/cli/main.ts and its worker) with esbuild into dist-cli/, so a
// run starts without transpiling TypeScript in every worker thread (tsx cost ~0.5 s per thread).
// bin/veil.mjs uses the bundle only while it is newer than every source file, else tsx: a stale
// bundle can never run. Runs on `npm ci` (prepare) and `npm run build`; a failure here only
// means the slower tsx path is used, so it never fails the install.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-cli');
try {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { main: join(root, 'src/cli/main.ts'), worker: join(root, 'src/cli/worker.ts') },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    define: { __VEIL_BUNDLED__: 'true' },
    // CJS dependencies bundled into ESM need require(): give them one.
    banner: { js: "import { createRequire as __veilCreateRequire } from 'node:module'; const require = __veilCreateRequire(import.meta.url);" },
  });
  writeFileSync(join(out, 'BUILT'), `${new Date().toISOString()}\n`);
  console.log('veil CLI bundled into dist-cli/');
} catch (err) {
  console.warn(`veil CLI bundle not built (${err.message}); the command will run through tsx instead`);
}
