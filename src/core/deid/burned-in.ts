// Images whose Burned In Annotation (0028,0301) is YES (PS3.3 C.7.6.1.1.5: "the image contains
// sufficient burned in annotation to identify the patient") and that no redaction box covers.
// PS3.15 E.3.1 (Clean Pixel Data) is what removes such text; without it the pixels go out as they
// came in. A batch run without review either says so per file (a warning with the code
// burned-in-not-redacted) or, for pipelines that must never release such pixels, refuses the file.

import type { DicomFile } from '../dicom/reader.ts';
import { findElement } from '../dicom/dataset.ts';
import { PIXEL_DATA, tag } from '../dicom/tag.ts';
import { asciiValues } from '../dicom/value-text.ts';
import { floatPixelElement } from '../pixels/float-redactor.ts';
import { msg, type Message } from '../messages/message.ts';

const BURNED_IN_ANNOTATION = tag(0x0028, 0x0301);

/** What to do with an image that says YES and gets no redaction. */
export type BurnedInPolicy = 'warn' | 'refuse';

/** Top-level pixel data and Burned In Annotation YES. */
export function saysBurnedIn(file: DicomFile): boolean {
  if (!findElement(file.dataset, PIXEL_DATA) && !floatPixelElement(file.dataset)) return false;
  const el = findElement(file.dataset, BURNED_IN_ANNOTATION);
  if (!el || el.value.kind !== 'bytes') return false;
  return asciiValues(el.value.bytes).some((v) => v.trim().toUpperCase() === 'YES');
}

/** The per-file warning (code burned-in-not-redacted). */
export function burnedInNotRedacted(): Message {
  return msg('burned-in-not-redacted');
}

/** The refusal under --require-clean-pixels (code burned-in-refused). */
export function burnedInRefused(): Message {
  return msg('burned-in-refused');
}
