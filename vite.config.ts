// Vite build of the browser app (Cornerstone3D 5.x recipe: the DICOM image loader is not
// pre-bundled so its worker URL survives, its CJS codec glue and the metadata/utils packages
// are, so only one copy of each exists). base './' makes dist/ servable from any sub-path.

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspHeaders, serviceWorker } from './build/vite-plugins.ts';

const codecs = [
  'codec-charls/decodewasmjs', 'codec-libjpeg-turbo-8bit/decodewasmjs',
  'codec-openjpeg/decodewasmjs', 'codec-openjph/wasmjs', 'codec-libjxl/decodewasmjs',
].map((c) => `@cornerstonejs/dicom-image-loader > @cornerstonejs/${c}`);

export default defineConfig({
  base: './',
  plugins: [react(), cspHeaders(), serviceWorker()],
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    // Dependencies first met inside workers are listed too, so the dev server does not reload (P5).
    include: ['dicom-parser', 'dcmjs', 'fflate', 'comlink', '@noble/hashes/hmac.js', '@noble/hashes/sha2.js', '@zip.js/zip.js', '@cornerstonejs/metadata', '@cornerstonejs/utils', 'tesseract.js', ...codecs],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
