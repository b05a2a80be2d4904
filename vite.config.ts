// Vite build of the browser app (Cornerstone3D 5.x recipe: the DICOM image loader is not
// pre-bundled so its worker URL survives, its CJS codec glue and the metadata/utils packages
// are, so only one copy of each exists). base './' makes dist/ servable from any sub-path.
// `vite build --mode single` builds the one-file delivery dist/veil.html instead (see
// build/single-file.ts): same app, every worker, WASM codec and the sample inlined, runs from file://.

import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { dropGlueWasmDefaults, inlineWorkers, moveToDist, sampleModule, scriptUrlsAsBlobs, singleFileHtml, stubMainThreadDecoders } from './build/single-file.ts';
import { cspHeaders, serviceWorker } from './build/vite-plugins.ts';

const codecs = [
  'codec-charls/decodewasmjs', 'codec-libjpeg-turbo-8bit/decodewasmjs',
  'codec-openjpeg/decodewasmjs', 'codec-openjph/wasmjs', 'codec-libjxl/decodewasmjs',
].map((c) => `@cornerstonejs/dicom-image-loader > @cornerstonejs/${c}`);

const served: UserConfig = {
  base: './',
  plugins: [react(), cspHeaders(), serviceWorker(), sampleModule(false)],
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    // Dependencies first met inside workers are listed too, so the dev server does not reload (P5).
    include: ['dicom-parser', 'dcmjs', 'fflate', 'comlink', '@noble/hashes/hmac.js', '@noble/hashes/sha2.js', '@zip.js/zip.js', '@cornerstonejs/metadata', '@cornerstonejs/utils', 'tesseract.js', ...codecs,
      // Imported by our own worker (src/codecs/browser-loader.ts) for redaction and re-encoding.
      '@cornerstonejs/codec-charls/wasmjs', '@cornerstonejs/codec-openjpeg/wasmjs', '@cornerstonejs/codec-openjph/wasmjs', '@cornerstonejs/jpeg-lossless-decoder-js'],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
};

const SINGLE_TMP = 'dist/.veil-single';

const single: UserConfig = {
  base: './',
  publicDir: false,
  plugins: [react(), inlineWorkers(), scriptUrlsAsBlobs(), dropGlueWasmDefaults(), stubMainThreadDecoders(), sampleModule(true), singleFileHtml(), viteSingleFile({ removeViteModuleLoader: true }), moveToDist(SINGLE_TMP, 'dist/veil.html')],
  worker: {
    format: 'iife',
    plugins: () => [inlineWorkers(), scriptUrlsAsBlobs(), dropGlueWasmDefaults()],
    rolldownOptions: { output: { codeSplitting: false } },
  },
  build: { target: 'es2022', outDir: SINGLE_TMP, emptyOutDir: true, chunkSizeWarningLimit: 100_000, reportCompressedSize: false },
};

export default defineConfig(({ mode }) => (mode === 'single' ? single : served));
