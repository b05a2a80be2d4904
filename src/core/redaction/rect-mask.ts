// Rectangles painted in order onto a mask (redact, then keep, then redact again …) and the
// redacted area given back as a small set of disjoint boxes. Used for deid's keepcoordinates and
// for "keep only the ultrasound regions". Coordinates are whole pixels, [x0, x1) × [y0, y1).

import type { RedactionBox } from '../pixels/redaction-box.ts';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface MaskOp {
  rect: Rect;
  /** true: redact the rectangle; false: keep it (undo earlier redaction there). */
  redact: boolean;
}

/** The largest image DICOM can describe (Rows and Columns are US): "all" of any image. */
export const WHOLE_IMAGE: Rect = { x0: 0, y0: 0, x1: 65535, y1: 65535 };

/** The redacted area after applying `ops` in order, as disjoint boxes (row bands merged vertically). */
export function maskToBoxes(ops: MaskOp[]): RedactionBox[] {
  const valid = ops.filter((o) => o.rect.x1 > o.rect.x0 && o.rect.y1 > o.rect.y0);
  if (!valid.some((o) => o.redact)) return [];
  const xs = [...new Set(valid.flatMap((o) => [o.rect.x0, o.rect.x1]))].sort((a, b) => a - b);
  const ys = [...new Set(valid.flatMap((o) => [o.rect.y0, o.rect.y1]))].sort((a, b) => a - b);
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const cell = new Uint8Array(cols * rows);
  const xi = new Map(xs.map((x, i) => [x, i]));
  const yi = new Map(ys.map((y, i) => [y, i]));
  for (const o of valid) {
    const [c0, c1, r0, r1] = [xi.get(o.rect.x0)!, xi.get(o.rect.x1)!, yi.get(o.rect.y0)!, yi.get(o.rect.y1)!];
    for (let r = r0; r < r1; r++) cell.fill(o.redact ? 1 : 0, r * cols + c0, r * cols + c1);
  }
  // Horizontal runs per row band; a run identical to one in the band above extends that box.
  const boxes: RedactionBox[] = [];
  let open = new Map<string, RedactionBox>();
  for (let r = 0; r < rows; r++) {
    const next = new Map<string, RedactionBox>();
    for (let c = 0; c < cols; ) {
      if (!cell[r * cols + c]) {
        c++;
        continue;
      }
      let e = c;
      while (e < cols && cell[r * cols + e]) e++;
      const key = `${xs[c]},${xs[e]}`;
      const above = open.get(key);
      if (above && above.y + above.height === ys[r]) {
        above.height = ys[r + 1] - above.y;
        next.set(key, above);
      } else {
        const box = { x: xs[c], y: ys[r], width: xs[e] - xs[c], height: ys[r + 1] - ys[r] };
        boxes.push(box);
        next.set(key, box);
      }
      c = e;
    }
    open = next;
  }
  return boxes;
}

/** Boxes covering everything of a `columns` × `rows` image outside the `keep` rectangles. */
export function outside(keep: Rect[], columns: number, rows: number): RedactionBox[] {
  return maskToBoxes([{ rect: { x0: 0, y0: 0, x1: columns, y1: rows }, redact: true }, ...keep.map((rect) => ({ rect, redact: false }))]);
}
