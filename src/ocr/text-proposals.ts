// From the words OCR read to proposed redaction boxes, pure: keep words that look like text
// (letters or digits, enough confidence for their length), map them back from the
// enlarged OCR image to image pixels (covering every touched pixel), pad a few pixels, join words
// of one line that sit close together, and clamp to the image.

import type { FrameProposal } from './frame-ocr.ts';

export interface OcrWord {
  text: string;
  /** 0..100 */
  confidence: number;
  /** In the OCR image's pixels (x1, y1 exclusive). */
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** A proposal as the shipped detector gives it (frame-ocr.ts), so both engines compare alike. */
export type ProposedBox = FrameProposal;

export interface ProposalOptions {
  /** The OCR image was the frame enlarged by this factor. */
  scale: number;
  columns: number;
  rows: number;
  /** Image pixels added on every side (default 3). */
  pad?: number;
  /** Lowest confidence kept for words of 4+ letters/digits (default 25; 2-3 need 50, 1 needs 70). */
  minConfidence?: number;
}

const TEXTLIKE = /[\p{L}\p{N}]/u;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  confidence: number;
}

function sameLineAndClose(a: Rect, b: Rect): boolean {
  const h = Math.min(a.y1 - a.y0, b.y1 - b.y0);
  const vOverlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (vOverlap < h * 0.5) return false;
  const gap = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
  // Up to two text heights apart: a double space between name, ID and date stays one box.
  return gap <= 2 * Math.max(a.y1 - a.y0, b.y1 - b.y0);
}

const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function proposeBoxes(words: readonly OcrWord[], o: ProposalOptions): ProposedBox[] {
  const pad = o.pad ?? 3;
  const min = o.minConfidence ?? 25;
  let rects: Rect[] = [];
  for (const w of words) {
    const text = w.text.trim();
    if (!TEXTLIKE.test(text)) continue;
    // Long runs of letters and digits are what identifies (IDs, names, dates): kept even when
    // tesseract is unsure of single glyphs; short ones need more confidence (noise reads as "Pi").
    const alnum = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
    const need = alnum >= 4 ? min : alnum >= 2 ? Math.max(min, 50) : Math.max(min, 70);
    if (w.confidence < need) continue;
    const x0 = Math.floor(w.bbox.x0 / o.scale);
    const y0 = Math.floor(w.bbox.y0 / o.scale);
    const x1 = Math.ceil(w.bbox.x1 / o.scale);
    const y1 = Math.ceil(w.bbox.y1 / o.scale);
    if (x1 - x0 < 2 || y1 - y0 < 3) continue;
    rects.push({ x0, y0, x1, y1, text, confidence: w.confidence });
  }
  // Join words of one line (left to right) and anything overlapping, until nothing changes.
  rects.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  let changed = true;
  while (changed) {
    changed = false;
    const out: Rect[] = [];
    for (const r of rects) {
      const m = out.find((q) => sameLineAndClose(q, r) || overlaps(q, r));
      if (!m) {
        out.push({ ...r });
        continue;
      }
      const [left, right] = m.x0 <= r.x0 ? [m.text, r.text] : [r.text, m.text];
      m.text = `${left} ${right}`;
      m.x0 = Math.min(m.x0, r.x0);
      m.y0 = Math.min(m.y0, r.y0);
      m.x1 = Math.max(m.x1, r.x1);
      m.y1 = Math.max(m.y1, r.y1);
      m.confidence = Math.min(m.confidence, r.confidence);
      changed = true;
    }
    rects = out;
  }
  const boxes: ProposedBox[] = [];
  for (const r of rects) {
    const x = Math.max(0, r.x0 - pad);
    const y = Math.max(0, r.y0 - pad);
    const x1 = Math.min(o.columns, r.x1 + pad);
    const y1 = Math.min(o.rows, r.y1 + pad);
    if (x1 <= x || y1 <= y) continue;
    boxes.push({ x, y, width: x1 - x, height: y1 - y, text: r.text, confidence: Math.round(r.confidence) });
  }
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x);
}
