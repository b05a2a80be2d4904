// Tesseract in Node for the tests, with the same model the app ships (read from node_modules,
// nothing fetched) and the app's own OCR input (src/ocr/grey-image.ts) and proposals.

import { fileURLToPath } from 'node:url';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { ocrInput, type FramePixels } from '../../src/ocr/grey-image.ts';
import { proposeBoxes, type OcrWord, type ProposedBox } from '../../src/ocr/text-proposals.ts';

const LANG_PATH = fileURLToPath(new URL('../../node_modules/@tesseract.js-data/eng/4.0.0_best_int', import.meta.url));

let worker: Promise<Worker> | null = null;

export function nodeOcr(): Promise<Worker> {
  worker ??= (async () => {
    const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: LANG_PATH, cacheMethod: 'none', gzip: true });
    await w.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT, debug_file: '/dev/null' } as Parameters<typeof w.setParameters>[0]);
    return w;
  })();
  return worker;
}

export async function stopNodeOcr(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await (await w).terminate();
}

/** Words and proposed boxes in a frame, as the app computes them. */
export async function readFrame(f: FramePixels): Promise<{ words: OcrWord[]; boxes: ProposedBox[] }> {
  const { pgm, scale } = ocrInput(f);
  const r = await (await nodeOcr()).recognize(Buffer.from(pgm), {}, { blocks: true, text: false });
  const words: OcrWord[] = [];
  for (const b of r.data.blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) for (const w of l.words) words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox });
  return { words, boxes: proposeBoxes(words, { scale, columns: f.width, rows: f.height }) };
}

/** An RGB (or grey) crop of a frame: x, y, width, height in image pixels. */
export function crop(f: FramePixels, x: number, y: number, width: number, height: number): FramePixels {
  const c = f.components;
  const out = new Uint8Array(width * height * c);
  for (let yy = 0; yy < height; yy++) {
    for (let xx = 0; xx < width * c; xx++) out[yy * width * c + xx] = f.pixels[((y + yy) * f.width + x) * c + xx] as number;
  }
  return { ...f, width, height, pixels: out };
}
