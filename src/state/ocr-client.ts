// The page's side of the OCR worker (src/worker/ocr.worker.ts): started on first use, one for
// the page, stopped with stopOcr() (an export stops a background run's engine: on two cores its
// inference and V8's compilation of its WebAssembly took a core from the export). A frame's
// pixels are copied to it (the viewer keeps its own).

import { wrap, type Remote } from 'comlink';
import type { OcrWorkerApi } from '../worker/ocr.worker.ts';
import { installMessageErrorTransfer } from '../worker/comlink-errors.ts';
import { MessageError, notice } from '../core/messages/notice.ts';
import type { FrameOcrOptions, FrameProposal } from '../ocr/frame-ocr.ts';
import type { FramePixels } from '../ocr/grey-image.ts';
import { OCR_ASSETS } from '../ocr/ocr-assets.ts';

installMessageErrorTransfer();

let worker: Worker | null = null;

/** Relative asset URLs (served build) resolved against the page: the worker's base differs. */
const absolute = (a: typeof OCR_ASSETS): typeof OCR_ASSETS => {
  const r = (u: string) => new URL(u, globalThis.location.href).href;
  return { ortWasmUrl: r(a.ortWasmUrl), detUrl: r(a.detUrl), recUrl: r(a.recUrl), dictUrl: r(a.dictUrl) };
};
let api: Remote<OcrWorkerApi> | null = null;
/** Rejects when the worker fails to start, or is stopped while a call waits on it. */
let failure: Promise<never> | null = null;
let fail: ((err: Error) => void) | null = null;

function ensure(): { api: Remote<OcrWorkerApi>; failure: Promise<never> } {
  if (!worker || !api || !failure) {
    const w = new Worker(new URL('../worker/ocr.worker.ts', import.meta.url), { type: 'module', name: 'veil-ocr' });
    worker = w;
    api = wrap<OcrWorkerApi>(w);
    failure = new Promise<never>((_, reject) => {
      fail = reject;
      w.addEventListener('error', (e) => reject(e.message ? new Error(e.message) : new MessageError(notice('ocrNoStart'))));
    });
    failure.catch(() => undefined);
  }
  return { api, failure };
}

/** The error a call waiting on the engine gets when stopOcr() ends it. */
export class OcrStopped extends Error {
  constructor() {
    super('OCR engine stopped');
    this.name = 'OcrStopped';
  }
}

/** Proposals for one frame, read from its own pixels (src/ocr/frame-ocr.ts). */
export async function ocrFramePixels(f: FramePixels, o?: FrameOcrOptions): Promise<FrameProposal[]> {
  const e = ensure();
  const copy: FramePixels = { ...f, pixels: Float32Array.from(f.pixels) };
  try {
    return await Promise.race([e.api.ocr(absolute(OCR_ASSETS), copy, o), e.failure]);
  } catch (err) {
    stopOcr();
    throw err;
  }
}

/** Ends the engine at once (the next call starts it again); a call waiting on it rejects with OcrStopped. */
export function stopOcr(): void {
  const waiting = fail;
  worker?.terminate();
  worker = null;
  api = null;
  failure = null;
  fail = null;
  waiting?.(new OcrStopped());
}
