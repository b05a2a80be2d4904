// The OCR engine's files, shipped in the build (nothing is fetched from the network at run
// time): tesseract.js's classic worker script, the tesseract core (WebAssembly embedded in the
// script, SIMD + LSTM-only build) and the English LSTM model (4.0.0_best_int). Imported as Vite
// `?url` assets so the single-file build can turn each into a data: URL.

import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import coreUrl from 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js?url';
import engUrl from '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz?url';

export const OCR_ASSETS = { workerUrl, coreUrl, engUrl } as const;
