// Applies redaction boxes to the de-identified data set of a file with native pixel data (1-bit
// data through bit-redactor.ts):
// the Pixel Data element gets a streaming patch (bulk) or a patched copy (small values), the
// overlay planes kept under Clean Graphics are cleared under the boxes (PS3.3 C.7.6.1.1.11). What
// the output claims about burned-in text (Burned In Annotation, code 113101) is the caller's
// decision: src/core/deid/pixel-claim.ts.

import type { DicomFile } from '../dicom/reader.ts';
import { findElement, withElement, type Element, type Item } from '../dicom/dataset.ts';
import { PIXEL_DATA } from '../dicom/tag.ts';
import { fillValues } from './fill-value.ts';
import { paletteFillSync } from './palette-lut.ts';
import { redactionSpans, spanPatcher } from './native-redactor.ts';
import { bitSpans } from './bit-redactor.ts';
import { pixelLayout } from './pixel-layout.ts';
import type { RedactionBox } from './redaction-box.ts';
import { clearOverlaysUnderBoxes } from './overlay-redactor.ts';
import { msg, type Message } from '../messages/message.ts';
import { errorDetail, MessageError } from '../messages/notice.ts';

/** Why redaction cannot be done, as a Message (process-file.ts reports it as 'redaction-failed'). */
export class RedactionError extends MessageError {
  constructor(problem: Message) {
    super(problem);
    this.name = 'RedactionError';
  }
}

/** A failure inside redaction as its reason: ours keep their Message, a foreign error is an internal one. */
export const redactionProblem = (err: unknown): Message => (err instanceof MessageError ? err.problem : msg('internal-error', { detail: errorDetail(err) }));

/** Returns the data set with the boxes applied; throws RedactionError when it cannot be done. */
export function redactNativePixels(file: DicomFile, ds: Item, boxes: RedactionBox[], palette?: number): Item {
  const le = file.encoding.littleEndian;
  const px = findElement(ds, PIXEL_DATA);
  if (!px) throw new RedactionError(msg('redaction-no-pixel-data'));
  if (px.value.kind === 'fragments') throw new RedactionError(msg('redaction-not-decoded'));
  let layout;
  try {
    layout = pixelLayout(file.dataset, le);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
  let spans;
  try {
    // `palette`: the darkest entry, read by the caller (paletteFill) when the tables were left in the source.
    const fill = fillValues(layout, layout.photometricInterpretation === 'PALETTE COLOR' ? (palette ?? paletteFillSync(file.dataset, le)) : 0);
    spans = layout.bitsAllocated === 1 ? bitSpans(layout, boxes, fill[0], !le && px.vr === 'OW') : redactionSpans(layout, boxes, fill, le);
  } catch (err) {
    throw new RedactionError(redactionProblem(err));
  }
  const length = px.value.kind === 'bytes' ? px.value.bytes.length : px.value.kind === 'bulk' ? px.value.range.length : 0;
  // 1-bit frames follow each other without padding (PS3.5 §8.1.1): only the total is rounded up to bytes.
  const needed = layout.bitsAllocated === 1
    ? Math.ceil((layout.rows * layout.columns * layout.samplesPerPixel * layout.numberOfFrames) / 8)
    : layout.frameBytes * layout.numberOfFrames;
  if (length < needed) {
    throw new RedactionError(msg('redaction-pixels-short', { length, frames: layout.numberOfFrames, rows: layout.rows, columns: layout.columns, samples: layout.samplesPerPixel, needed }));
  }
  const patch = spanPatcher(spans);
  let value: Element['value'];
  if (px.value.kind === 'bulk') value = { kind: 'bulk', range: px.value.range, patch };
  else {
    const copy = (px.value as { bytes: Uint8Array }).bytes.slice();
    patch(copy, 0);
    value = { kind: 'bytes', bytes: copy };
  }
  let out = withElement(ds, { ...px, value });
  return clearOverlaysUnderBoxes(out, boxes, le, layout.numberOfFrames);
}
