// Redaction boxes in image pixel coordinates, origin at the top-left corner of the top-left
// pixel, x to the right (columns), y down (rows). A box covers every pixel it touches:
// columns floor(x) … ceil(x + width) - 1, clamped to the image; likewise rows.

export interface RedactionBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0-based frames the box applies to; undefined = every frame. */
  frames?: number[];
}

/** A box as whole pixel spans, inclusive-exclusive: [x0, x1) × [y0, y1). Empty spans are dropped. */
export interface PixelSpan {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function toPixelSpan(box: RedactionBox, columns: number, rows: number): PixelSpan | undefined {
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0) return undefined;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(columns, Math.ceil(box.x + box.width));
  const y1 = Math.min(rows, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x0, x1, y0, y1 } : undefined;
}

export const appliesToFrame = (box: RedactionBox, frame: number): boolean => !box.frames || box.frames.includes(frame);
