// Merging the detector's regions into text lines, pure. The same line found in several renderings
// comes back as overlapping regions, and a line the detector saw in pieces (a label and its value,
// words of a name) as regions side by side; both become one box, repeatedly, until nothing more
// joins. Regions of one line are about as tall as each other: a region over twice as tall as
// another is not on its line (a region the detector drew over anatomy across two blocks of
// interleaved lines would otherwise chain every line of both blocks into one box that reads as
// nothing, and lose them all).

import { overlapArea, type DetBox } from './paddle/det.ts';

/** Share of the smaller region's area that two regions overlap by. */
const overlapShare = (a: DetBox, b: DetBox): number => {
  const shared = overlapArea(a, b);
  return shared === 0 ? 0 : shared / Math.min(a.width * a.height, b.width * b.height);
};

/** Same line (vertical overlap of half the lower one) and at most one line height apart. */
const sameLine = (a: DetBox, b: DetBox): boolean => {
  const h = Math.min(a.height, b.height);
  const v = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const gap = Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width);
  return v >= 0.5 * h && gap <= Math.max(a.height, b.height);
};

/** At most this many times as tall as each other (glyphs of one line; 汉字 beside digits). */
const LINE_HEIGHT_RATIO = 2;

const alikeHeight = (a: DetBox, b: DetBox): boolean => Math.max(a.height, b.height) <= LINE_HEIGHT_RATIO * Math.min(a.height, b.height);

/** Regions of several renderings, and pieces of one line (name, ID, date), as one box each; the highest score's other fields are kept. */
export function mergeRegions<T extends DetBox>(found: readonly T[]): T[] {
  let out = mergeOnce(found);
  for (let n = out.length + 1; out.length < n; ) {
    n = out.length;
    out = mergeOnce(out);
  }
  return out;
}

function mergeOnce<T extends DetBox>(found: readonly T[]): T[] {
  const out: T[] = [];
  for (const f of [...found].sort((a, b) => b.score - a.score)) {
    const m = out.find((o) => (overlapShare(o, f) >= 0.5 || sameLine(o, f)) && alikeHeight(o, f));
    if (!m) {
      out.push({ ...f });
      continue;
    }
    const x1 = Math.max(m.x + m.width, f.x + f.width);
    const y1 = Math.max(m.y + m.height, f.y + f.height);
    m.x = Math.min(m.x, f.x);
    m.y = Math.min(m.y, f.y);
    m.width = x1 - m.x;
    m.height = y1 - m.y;
  }
  return out;
}
