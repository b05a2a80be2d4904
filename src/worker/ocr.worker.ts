// The OCR worker: a thin comlink adapter that loads ONNX Runtime (WebAssembly, one thread) and
// PP-OCR's models on first use from the shipped assets whose URLs the page gives it, then runs src/ocr/frame-ocr.ts on the
// frames it is sent. Keeps the page responsive while the models run.

import { expose } from 'comlink';
import * as ort from 'onnxruntime-web/wasm';
import { ocrFrame, type FrameOcrOptions, type FrameProposal } from '../ocr/frame-ocr.ts';
import type { FramePixels } from '../ocr/grey-image.ts';
import type { OcrAssets } from '../ocr/ocr-assets.ts';
import { createRunner } from '../ocr/paddle/ort-runner.ts';
import type { OcrRunner } from '../ocr/paddle/runner.ts';
import { MessageError, notice } from '../core/messages/notice.ts';
import { installMessageErrorTransfer } from './comlink-errors.ts';

installMessageErrorTransfer();

let runner: Promise<OcrRunner> | null = null;

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new MessageError(notice('ocrModelUnreadable', { url: url.slice(0, 60), status: r.status }));
  return new Uint8Array(await r.arrayBuffer());
}

async function start(assets: OcrAssets): Promise<OcrRunner> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = await bytes(assets.ortWasmUrl);
  const [det, rec, dict] = await Promise.all([bytes(assets.detUrl), bytes(assets.recUrl), bytes(assets.dictUrl)]);
  return createRunner(ort, { det, rec, dictionary: new TextDecoder().decode(dict) });
}

const api = {
  /** `assets`: the URLs the page resolved (data: URLs in the single file, kept out of the worker). */
  async ocr(assets: OcrAssets, frame: FramePixels, options?: FrameOcrOptions): Promise<FrameProposal[]> {
    runner ??= start(assets).catch((e: unknown) => {
      runner = null;
      throw e;
    });
    return ocrFrame(await runner, frame, options);
  },
};

export type OcrWorkerApi = typeof api;
expose(api);
