// Growing a read box along its line to where the recogniser still reads characters (pure apart
// from the recogniser handed to extendByReading). The detector sometimes sees only part of a line
// (text over a test pattern's edges or bright anatomy, faint glyphs) and the ink fitting
// (box-fit.ts) stops where the ground is as busy as the glyphs, so a value's first or last glyphs
// stay outside its box. The recogniser reads through texture: a probe made of the box's last
// glyphs and a few line heights beyond its end is read, and characters it places there (steps
// whose blank is not sure, as in read-trim.ts; two at least, one is often texture), close enough
// to the box's own to be the same line's (a blank run of at most 1.5 line heights: the recogniser
// places a glyph's step anywhere in it), grow the box to them plus a margin. A probe read poorly
// is texture taken for characters and grows nothing; a side with no ink beyond the box is not
// probed (nothing to read on a clean ground, and no probe spent). Glyphs of a bright ground's grey
// (a line running on from dark ground over anatomy) leave no ink in the box's own rendering; where
// the ground changes beyond the box, the frame's other renderings are probed too, and a probe
// there that reads only the box's own end found nothing new.

import type { GreyImage } from './grey-image.ts';
import { edge, inkThreshold, medianGrey } from './ink.ts';
import { SURE_BLANK } from './read-trim.ts';
import type { Rect } from './paddle/det.ts';

export type Side = 'left' | 'right';

export interface ReadExtendOptions {
  /** How far a probe runs beyond the box's end, in line heights (default 2). */
  reach?: number;
  /** How much of the box's end a probe starts with, in line heights (default 1.5): its last glyphs. */
  overlap?: number;
  /** Longest blank run between the box's characters and the next ones, in line heights (default 1.5: a recogniser places a glyph's step anywhere in it). */
  maxGap?: number;
  /** Least reading confidence, 0..1, of a probe for its characters to count (default 0.6: a probe starts in a cut glyph). */
  minConfidence?: number;
  /** Fewest characters read beyond the end for the box to grow (default 2: one is often texture). */
  minCharacters?: number;
  /** Margin kept beyond the outermost character step, in line heights (default 0.4). */
  margin?: number;
  /** Probes per side at most (default 3). */
  rounds?: number;
}

/**
 * Whether the strip of one line height beyond the box's end on `side` holds ink (steps of at least
 * `share` of the box's strong contrast, in as many pixels as the box is high): text that runs on.
 * Beyond a line on a clean ground there is nothing to read, and no probe is spent.
 */
export function inkBeyond(g: GreyImage, r: Rect, side: Side, share = 0.35): boolean {
  const ink = inkThreshold(g, r, { share });
  if (!ink) return false;
  const { t } = ink;
  const s = stripBeyond(g, r, side);
  let n = 0;
  for (let y = r.y; y < Math.min(g.height, r.y + r.height); y++) for (let x = s.x; x < s.x + s.width; x++) if (edge(g, x, y) > t) n++;
  return n >= r.height;
}

/**
 * Whether the ground changes at the box's end on `side`: the median grey of the strip of one line
 * height beyond it differs from the box's by more than `levels` (default 24). A line running on
 * from dark ground over bright anatomy in glyphs of the anatomy's grey shows no ink there in this
 * rendering; another sets its glyphs apart.
 */
export function groundChanges(g: GreyImage, r: Rect, side: Side, levels = 24): boolean {
  const s = stripBeyond(g, r, side);
  return s.width > 0 && Math.abs(medianGrey(g, s) - medianGrey(g, r)) > levels;
}

/** The strip one line height wide beyond the box's end on `side`, within the image's width (0 wide at its edge). */
function stripBeyond(g: GreyImage, r: Rect, side: Side): Rect {
  const x0 = side === 'right' ? r.x + r.width : Math.max(0, r.x - r.height);
  const x1 = side === 'right' ? Math.min(g.width, x0 + r.height) : r.x;
  return { x: x0, y: r.y, width: Math.max(0, x1 - x0), height: r.height };
}

/** The last `overlap` line heights of the box on `side` and `reach` beyond its end, within the image's width. */
export function probeRect(r: Rect, side: Side, imageWidth: number, o: ReadExtendOptions = {}): Rect {
  const reach = Math.round((o.reach ?? 2) * r.height);
  const keep = Math.min(r.width, Math.round((o.overlap ?? 1.5) * r.height));
  if (side === 'right') {
    const x0 = r.x + r.width - keep;
    return { x: x0, y: r.y, width: Math.min(imageWidth, r.x + r.width + reach) - x0, height: r.height };
  }
  const x0 = Math.max(0, r.x - reach);
  return { x: x0, y: r.y, width: r.x + keep - x0, height: r.height };
}

/**
 * The box grown on `side` to the characters a probe read beyond it, or null when it read fewer
 * than `minCharacters` there near enough, or read poorly. `probe` is the rect that was read, and
 * `probs` its `steps` × `classes` CTC probabilities (blank = class 0), each step an equal slice of
 * its width; a step is on a character where the blank is not sure (read-trim.ts's SURE_BLANK).
 */
export function extendToCharacters(r: Rect, probe: Rect, probs: ArrayLike<number>, steps: number, classes: number, confidence: number, side: Side, o: ReadExtendOptions = {}): Rect | null {
  if (steps === 0 || confidence < (o.minConfidence ?? 0.6)) return null;
  const slice = probe.width / steps;
  const maxGap = (o.maxGap ?? 1.5) * r.height;
  const margin = (o.margin ?? 0.4) * r.height;
  const right = side === 'right';
  const isChar = (t: number) => probs[t * classes] < SURE_BLANK;
  const best = (t: number) => {
    let c = 1;
    for (let k = 2; k < classes; k++) if (probs[t * classes + k] > probs[t * classes + c]) c = k;
    return c;
  };
  // Steps inside the box (the probe's overlap) and beyond its end, walked outward.
  const endStep = right ? Math.floor((r.x + r.width - probe.x) / slice) : Math.ceil((r.x - probe.x) / slice) - 1;
  const order: number[] = [];
  if (right) for (let t = 0; t < steps; t++) order.push(t);
  else for (let t = steps - 1; t >= 0; t--) order.push(t);
  const beyond = (t: number) => (right ? t >= endStep : t <= endStep);
  let outer = -1;
  let found = 0;
  let blank = 0;
  let prev = 0;
  let seen = false;
  for (const t of order) {
    if (!isChar(t)) {
      prev = 0;
      if (seen && (blank += slice) > maxGap) break;
      continue;
    }
    seen = true;
    blank = 0;
    const c = best(t);
    if (beyond(t)) {
      outer = t;
      if (c !== prev) found++;
    }
    prev = c;
  }
  if (outer < 0 || found < (o.minCharacters ?? 2)) return null;
  if (right) {
    const x1 = Math.min(probe.x + probe.width, Math.ceil(probe.x + (outer + 1) * slice + margin));
    return x1 > r.x + r.width ? { ...r, width: x1 - r.x } : null;
  }
  const x0 = Math.max(probe.x, Math.floor(probe.x + outer * slice - margin));
  return x0 < r.x ? { ...r, x: x0, width: r.x + r.width - x0 } : null;
}

/** What the recogniser made of a probe: its CTC probabilities (`steps` × `classes`) and confidence. */
export interface ProbeReading {
  probs: ArrayLike<number>;
  steps: number;
  classes: number;
  confidence: number;
  /** The text read. */
  text: string;
}

/**
 * The box grown on each side (right, then left) for as long as, `rounds` times at most, there is
 * ink beyond it and a probe read there (`probeRead`, the recogniser, on rendering `view`) finds
 * characters to take in. `views` are the frame's renderings, the one the box was read on first:
 * the others are probed only where that one reads nothing to take in and its ground changes beyond
 * the box (glyphs of the new ground's grey, which another window or the equalised image sets apart),
 * and one whose probe grew the box is probed again on that side (the line goes on over that ground).
 * A probe of another rendering that reads only the box's own end (`text`, the box's reading, or
 * what the last probe read) found nothing new; on the box's own rendering such a reading still
 * grows it where the recogniser places the end's characters beyond the box (a glyph cut by it).
 * The same box when nothing grew.
 */
export async function extendByReading<R extends Rect>(b: R, views: readonly GreyImage[], o: ReadExtendOptions, probeRead: (probe: Rect, view: number) => Promise<ProbeReading>, text = ''): Promise<R> {
  let box: R = b;
  for (const side of ['right', 'left'] as const) {
    let known = text.trim();
    // The rendering whose probe last grew the box on this side: the line goes on showing there.
    let via = 0;
    rounds: for (let k = 0; k < (o.rounds ?? 3); k++) {
      const others = groundChanges(views[0], box, side);
      for (let v = 0; v < views.length; v++) {
        if (v > 0 && v !== via && !others) continue;
        if (!inkBeyond(views[v], box, side)) continue;
        const probe = probeRect(box, side, views[v].width, o);
        if (side === 'right' ? probe.x + probe.width <= box.x + box.width : probe.x >= box.x) break rounds; // at the image's edge
        const p = await probeRead(probe, v);
        const read = p.text.trim();
        if (v > 0 && read && (side === 'right' ? known.endsWith(read) : known.startsWith(read))) continue;
        const next = extendToCharacters(box, probe, p.probs, p.steps, p.classes, p.confidence, side, o);
        if (!next) continue;
        known = read;
        via = v;
        box = { ...box, ...next };
        continue rounds;
      }
      break;
    }
  }
  return box;
}
