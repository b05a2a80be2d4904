// The OCR engine of the app: one tesseract.js worker (its own classic worker, started on first
// use), English LSTM model, sparse-text page segmentation (burned-in text is scattered labels,
// not a page). The worker is started from a small blob: bootstrap script that answers the
// model's request from the shipped asset (tesseract.js would otherwise fetch it from langPath)
// and carries tesseract's core and worker scripts (see bootstrapUrl); nothing is cached in IndexedDB (cacheMethod none).
// Works where the assets are http(s) URLs and where they are data: URLs (single-file build).

import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { OCR_ASSETS } from './ocr-assets.ts';
import type { OcrWord } from './text-proposals.ts';

/** The name the worker asks for; the bootstrap maps it to the shipped model. */
const LANG_PATH = 'veil-ocr-model';

let engine: Promise<Worker> | null = null;

const absolute = (u: string): string => new URL(u, globalThis.location.href).href;

/**
 * One classic worker script made of the bootstrap, tesseract's core (its WASM is inside the
 * script) and tesseract's worker script, concatenated into a blob: Chromium refuses any
 * importScripts() in a worker started from a file:// page (single-file build), so nothing may be
 * imported at run time; the core is found already defined and never loaded from corePath.
 */
async function bootstrapUrl(): Promise<string> {
  const text = async (u: string): Promise<string> => (await fetch(absolute(u))).text();
  const [core, worker] = await Promise.all([text(OCR_ASSETS.coreUrl), text(OCR_ASSETS.workerUrl)]);
  const head = [
    `const MODEL = ${JSON.stringify(absolute(OCR_ASSETS.engUrl))};`,
    'const realFetch = self.fetch.bind(self);',
    `self.fetch = (u, o) => (String(u).endsWith(${JSON.stringify(`/${LANG_PATH}/eng.traineddata.gz`)}) ? realFetch(MODEL, o) : realFetch(u, o));`,
  ].join('\n');
  const parts = [head, '\n', core, '\n;self.TesseractCore = self.TesseractCore || TesseractCore;\n', worker];
  return URL.createObjectURL(new Blob(parts, { type: 'text/javascript' }));
}

async function start(): Promise<Worker> {
  const w = await createWorker('eng', OEM.LSTM_ONLY, {
    workerPath: await bootstrapUrl(), workerBlobURL: false, corePath: absolute(OCR_ASSETS.coreUrl), langPath: LANG_PATH,
    cacheMethod: 'none', gzip: true, logger: () => undefined, errorHandler: () => undefined,
  });
  // debug_file: Tesseract's diagnostics ("Estimating resolution as …") would otherwise reach the
  // page's console as errors; they go to the engine's in-memory /dev/null.
  await w.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, debug_file: '/dev/null' } as Parameters<Worker['setParameters']>[0]);
  return w;
}

function getEngine(): Promise<Worker> {
  engine ??= start().catch((err: unknown) => {
    engine = null;
    throw err;
  });
  return engine;
}

/** Words tesseract reads in an 8-bit image given as a PGM (binary greyscale) file. */
export async function recognizeWords(pgm: Uint8Array): Promise<OcrWord[]> {
  const w = await getEngine();
  const r = await w.recognize(new Blob([pgm as Uint8Array<ArrayBuffer>], { type: 'image/x-portable-graymap' }), {}, { blocks: true, text: false });
  const out: OcrWord[] = [];
  for (const b of r.data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) for (const wd of l.words) out.push({ text: wd.text, confidence: wd.confidence, bbox: wd.bbox });
  return out;
}

export async function stopOcr(): Promise<void> {
  const e = engine;
  engine = null;
  if (e) await (await e).terminate();
}
