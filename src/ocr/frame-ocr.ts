// OCR of one frame from its pixels: PP-OCR detection on every rendering (src/ocr/renderings.ts),
// regions found in several renderings merged, and so are pieces of one line (of like height:
// src/ocr/region-merge.ts); each merged region fitted to the glyphs in the pixels
// (src/ocr/box-fit.ts: grown along a faint line the detector
// saw in part, cut to the glyph rows), read once on the rendering where it was found most surely,
// cut at ends the recogniser reads as sure blanks (src/ocr/read-trim.ts: ground drawn in), grown
// where it reads characters beyond them (src/ocr/read-extend.ts: glyphs the detector left out
// over busy or faint ground, probed on its rendering and, where the ground changes beyond the box,
// on the others; the line is then read again), and proposed with its text and
// confidence as one box, or as several where wide ink-free gaps part glyphs of unlike rows
// (src/ocr/box-split.ts: a 汉字 label and its digits, blocks side by side; each piece carries the
// line's text, since a value identifies beside its label). Regions too unlike text are dropped
// (read as nothing, detected faintly and read with low confidence, or a fifth of the frame tall
// and read with low confidence). Pure apart from the runner.

import type { FramePixels } from './grey-image.ts';
import { fitBox, type FitOptions } from './box-fit.ts';
import { splitBox, type SplitOptions } from './box-split.ts';
import { detBoxes, detInput, type DetBox, type DetOptions, type Rect } from './paddle/det.ts';
import type { OcrRunner } from './paddle/runner.ts';
import { ctcDecode, recInput, REC_HEIGHT } from './paddle/rec.ts';
import { extendByReading, type ReadExtendOptions } from './read-extend.ts';
import { mergeRegions } from './region-merge.ts';
import { characterSteps, trimToSteps, type ReadTrimOptions } from './read-trim.ts';
import { renderings, type Rendering } from './renderings.ts';

export interface FrameProposal {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  /** 0..100 */
  confidence: number;
}

export interface FrameOcrOptions {
  /** Read text in the regions (default true). */
  read?: boolean;
  /** Image pixels added on every side of a proposal (default 1). */
  pad?: number;
  /** Lowest detection score kept (default 0.5). */
  boxThreshold?: number;
  /** The detector's thresholds and growth (src/ocr/paddle/det.ts; unclip 1.0 here: boxes are fitted to the glyphs after). */
  det?: DetOptions;
  /** Fit boxes to the glyphs in the pixels (src/ocr/box-fit.ts; default true). */
  fit?: boolean | FitOptions;
  /** Split fitted boxes at wide ink-free gaps (src/ocr/box-split.ts; default true, only with fit). */
  split?: boolean | SplitOptions;
  /** Cut read boxes to the recogniser's character steps (src/ocr/read-trim.ts; default true, only with fit). */
  trim?: boolean | ReadTrimOptions;
  /** Grow read boxes to characters the recogniser reads beyond their ends (src/ocr/read-extend.ts; default true, only with fit). */
  extend?: boolean | ReadExtendOptions;
}

interface Found extends DetBox {
  from: number;
}

/**
 * A region taller than a fifth of the frame read with under 80 % confidence: anatomy the detector
 * took for text (burned-in lines are a few percent of the frame high), not a line to black out.
 */
export const implausiblyTall = (r: Rect, frameHeight: number, confidence: number): boolean => r.height > 0.2 * frameHeight && confidence < 80;

export async function ocrFrame(runner: OcrRunner, f: FramePixels, o: FrameOcrOptions = {}, views: Rendering[] = renderings(f)): Promise<FrameProposal[]> {
  const found: Found[] = [];
  for (let i = 0; i < views.length; i++) {
    const g = views[i].image;
    const input = detInput(g);
    const prob = await runner.det({ data: input.data, dims: [1, 3, input.height, input.width] });
    for (const b of detBoxes(prob.data, input, g.width, g.height, { boxThreshold: o.boxThreshold, unclip: 1.0, ...o.det })) found.push({ ...b, from: i });
  }
  const pad = o.pad ?? 1;
  const out: FrameProposal[] = [];
  const merged = mergeRegions(found);
  const fitted = o.fit === false ? merged : mergeRegions(merged.map((b) => ({ ...b, ...fitBox(views[b.from].image, b, { pad: 1, ...(o.fit === true ? {} : o.fit) }) })));
  for (let b of fitted) {
    let text = '';
    let confidence = Math.round(b.score * 100);
    if (o.read !== false) {
      const g = views[b.from].image;
      const readOn = async (img: typeof g, rect: DetBox) => {
        const r = recInput(img, rect);
        const res = await runner.rec({ data: r.data, dims: [1, 3, REC_HEIGHT, r.width] });
        return { res, d: ctcDecode(res.data, res.dims[1], res.dims[2], runner.dictionary) };
      };
      const read = (rect: DetBox) => readOn(g, rect);
      const { res, d } = await read(b);
      text = d.text;
      confidence = Math.round(d.confidence * 100);
      // A faint region that reads as nothing legible is texture, not text.
      if (!/[\p{L}\p{N}]/u.test(text) || (b.score < 0.6 && confidence < 50) || implausiblyTall(b, f.height, confidence)) continue;
      // Ends that read as blanks are ground the fitting drew in.
      const span = o.fit === false || o.trim === false ? null : characterSteps(res.data, res.dims[1], res.dims[2]);
      if (span) b = { ...b, ...trimToSteps(b, span, res.dims[1], d.confidence, typeof o.trim === 'object' ? o.trim : {}) };
      // Glyphs the detector left outside on either end are read there and taken in; the line is
      // then read again, whole.
      if (o.fit !== false && o.extend !== false) {
        const order = [b.from, ...views.keys()].filter((v, i, a) => a.indexOf(v) === i);
        const grown = await extendByReading(b, order.map((v) => views[v].image), typeof o.extend === 'object' ? o.extend : {}, async (probe, v) => {
          const p = await readOn(views[order[v]].image, { ...b, ...probe });
          return { probs: p.res.data, steps: p.res.dims[1], classes: p.res.dims[2], confidence: p.d.confidence, text: p.d.text };
        }, text);
        if (grown !== b) {
          b = { ...b, ...grown };
          // The grown line's reading is its text, unless it reads much less surely than the
          // first (a probe's characters the whole line does not confirm): the box stays grown.
          const again = (await read(b)).d;
          if (again.confidence >= d.confidence - 0.2) {
            text = again.text;
            confidence = Math.round(again.confidence * 100);
          }
        }
      }
    }
    // The line is read whole (a value is identifying beside its label); its pieces are proposed.
    const pieces = o.fit === false || o.split === false ? [b] : splitBox(views[b.from].image, b, typeof o.split === 'object' ? o.split : {});
    for (const p of pieces) {
      const x = Math.max(0, p.x - pad);
      const y = Math.max(0, p.y - pad);
      const x1 = Math.min(f.width, p.x + p.width + pad);
      const y1 = Math.min(f.height, p.y + p.height + pad);
      out.push({ x, y, width: x1 - x, height: y1 - y, text, confidence });
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}
