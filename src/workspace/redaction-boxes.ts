// Redaction boxes the operator drew (issue 4), as the store keeps them: image pixel coordinates
// (origin top-left of pixel (0,0), x = columns, y = rows) plus a scope. Pure: which boxes apply to
// which loaded instance and frame, and the rule that turns two continuous corners into a box.

import type { LoadedFile } from './loaded-file.ts';
import type { RedactionBox } from '../core/pixels/redaction-box.ts';

/** this frame | every frame of this instance | the whole series | same device and size. */
export type BoxScope = 'frame' | 'instance' | 'series' | 'device';

export interface DrawnBox {
  /** Also the id of the viewer annotation that mirrors it. */
  id: string;
  /** The file it was drawn on (its anchor for the series and device scopes). */
  fileId: number;
  /** 0-based frame it was drawn on. */
  frame: number;
  scope: BoxScope;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Two continuous image-coordinate corners → a whole-pixel box covering every touched pixel, clamped to the image. */
export function boxFromCorners(a: readonly number[], b: readonly number[], columns: number, rows: number): { x: number; y: number; width: number; height: number } | null {
  const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0])));
  const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1])));
  const x1 = Math.min(columns, Math.ceil(Math.max(a[0], b[0])));
  const y1 = Math.min(rows, Math.ceil(Math.max(a[1], b[1])));
  if (![x0, y0, x1, y1].every(Number.isFinite) || x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The device key of the device-template scope: Manufacturer + model + Rows + Columns. */
export function deviceKey(f: LoadedFile | undefined): string | null {
  const i = f?.scan?.info;
  if (!i || !i.hasPixels) return null;
  return JSON.stringify([i.manufacturer, i.manufacturerModelName, i.rows, i.columns]);
}

/** Does box b apply to file f (any frame)? */
export function boxAppliesTo(b: DrawnBox, f: LoadedFile, anchor: LoadedFile | undefined): boolean {
  if (b.fileId === f.id) return true;
  if (b.scope === 'series') {
    const s = anchor?.scan?.info?.seriesInstanceUID;
    return !!s && s === f.scan?.info?.seriesInstanceUID;
  }
  if (b.scope === 'device') {
    const k = deviceKey(anchor);
    return k !== null && k === deviceKey(f);
  }
  return false;
}

/** The boxes shown on one frame of one file. */
export function boxesOnFrame(boxes: readonly DrawnBox[], files: ReadonlyMap<number, LoadedFile>, fileId: number, frame: number): DrawnBox[] {
  const f = files.get(fileId);
  if (!f) return [];
  return boxes.filter((b) => boxAppliesTo(b, f, files.get(b.fileId)) && (b.scope !== 'frame' || b.frame === frame));
}

/** The boxes the export passes to core for one file (frames 0-based; undefined = all frames). */
export function effectiveBoxes(boxes: readonly DrawnBox[], files: ReadonlyMap<number, LoadedFile>, f: LoadedFile): RedactionBox[] {
  const out: RedactionBox[] = [];
  for (const b of boxes) {
    if (!boxAppliesTo(b, f, files.get(b.fileId))) continue;
    const r: RedactionBox = { x: b.x, y: b.y, width: b.width, height: b.height };
    if (b.scope === 'frame') r.frames = [b.frame];
    out.push(r);
  }
  return out;
}

export const filesById = (files: readonly LoadedFile[]): Map<number, LoadedFile> => new Map(files.map((f) => [f.id, f]));
