// The esbuild options of the `veil` CLI bundle (src/cli/main.ts and its worker, Node 20 ESM), shared
// by scripts/build-cli.mjs (dist-cli/ on npm ci and npm run build) and the benchmark's private
// bundle (scripts/bench/run.ts --cli bundle), so both measure and ship the same build.
import { join } from 'node:path';

/** @param {string} root the repository root  @param {string} outdir where the bundle goes */
export function cliBundleOptions(root, outdir) {
  return {
    entryPoints: { main: join(root, 'src/cli/main.ts'), worker: join(root, 'src/cli/worker.ts') },
    outdir,
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
  };
}
