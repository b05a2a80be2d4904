// PP-OCR's two models on ONNX Runtime (WebAssembly backend, one thread: the machine's cores
// belong to the app), from model bytes the caller supplies. The `ort` module is passed in so the
// worker and the Node benchmark share this code with their own import of onnxruntime-web.

import type * as Ort from 'onnxruntime-web';
import type { OcrRunner, Tensor } from './runner.ts';
import { parseDictionary } from './rec.ts';

export interface ModelBytes {
  det: Uint8Array;
  rec: Uint8Array;
  dictionary: string;
}

export async function createRunner(ort: typeof Ort, models: ModelBytes): Promise<OcrRunner> {
  const opts: Ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const det = await ort.InferenceSession.create(models.det, opts);
  const rec = await ort.InferenceSession.create(models.rec, opts);
  const run = async (s: Ort.InferenceSession, t: Tensor): Promise<Tensor> => {
    const feeds = { [s.inputNames[0]]: new ort.Tensor('float32', t.data, t.dims) };
    const res = await s.run(feeds);
    const out = res[s.outputNames[0]];
    const data = out.data as Float32Array;
    const dims = out.dims;
    for (const v of Object.values(res)) v.dispose?.();
    return { data, dims };
  };
  return { det: (t) => run(det, t), rec: (t) => run(rec, t), dictionary: parseDictionary(models.dictionary) };
}
