// "Keep only the ultrasound regions": the Sequence of Ultrasound Regions (0018,6011, PS3.3
// C.8.5.5) tells where on an ultrasound screen the image data are (B-mode, Doppler, M-mode …);
// everything else — the banner with name, date and institution, the measurement panel — is screen
// furniture. The boxes returned cover the whole image except the regions, whose bounds
// RegionLocationMinX0/MinY0/MaxX1/MaxY1 are pixel columns and rows, both ends included.

import { findElement, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { PX, usValue } from '../pixels/pixel-layout.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import { outside, type Rect } from './rect-mask.ts';

export const SEQUENCE_OF_ULTRASOUND_REGIONS = tag(0x0018, 0x6011);
const MIN_X0 = tag(0x0018, 0x6018);
const MIN_Y0 = tag(0x0018, 0x601a);
const MAX_X1 = tag(0x0018, 0x601c);
const MAX_Y1 = tag(0x0018, 0x601e);

function ul(item: Item, t: number, le: boolean): number | undefined {
  const el = findElement(item, t);
  if (!el || el.value.kind !== 'bytes' || el.value.bytes.length < 4) return undefined;
  const b = el.value.bytes;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // UL per the dictionary; a writer that used US or SL still gives the right non-negative value.
  return el.vr === 'US' ? v.getUint16(0, le) : v.getUint32(0, le);
}

/** The regions of the image, as pixel rectangles [x0, x1) × [y0, y1); empty without the sequence. */
export function ultrasoundRegions(ds: Item, littleEndian = true): Rect[] {
  const seq = findElement(ds, SEQUENCE_OF_ULTRASOUND_REGIONS);
  if (!seq || seq.value.kind !== 'sequence') return [];
  const out: Rect[] = [];
  for (const item of seq.value.items) {
    const le = item.encoding?.littleEndian ?? littleEndian;
    const [x0, y0, x1, y1] = [ul(item, MIN_X0, le), ul(item, MIN_Y0, le), ul(item, MAX_X1, le), ul(item, MAX_Y1, le)];
    if (x0 === undefined || y0 === undefined || x1 === undefined || y1 === undefined || x1 < x0 || y1 < y0) continue;
    out.push({ x0, y0, x1: x1 + 1, y1: y1 + 1 });
  }
  return out;
}

/**
 * Boxes covering everything outside the ultrasound regions. Empty when the image has no (usable)
 * region: the caller should then say so rather than redact nothing silently.
 */
export function keepOnlyUltrasoundRegions(ds: Item, littleEndian = true): RedactionBox[] {
  const regions = ultrasoundRegions(ds, littleEndian);
  const rows = usValue(findElement(ds, PX.Rows), littleEndian);
  const columns = usValue(findElement(ds, PX.Columns), littleEndian);
  if (!regions.length || !rows || !columns) return [];
  return outside(regions, columns, rows);
}
