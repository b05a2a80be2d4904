// Whether a file's pixel data may be decoded at all (frame-bounds.ts), asked before the viewer,
// OCR or a slide hand it to a decoder: the declared frame against the memory budget, and for
// encapsulated pixel data (PS3.5 A.4) the first frame's compressed bytes against what they can
// expand to. The redactor checks every frame again as it decodes it.

import { findElement } from '../dicom/dataset.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { PIXEL_DATA } from '../dicom/tag.ts';
import { readFrame, splitFrames } from './encapsulated-frames.ts';
import { DEFAULT_DECODE_LIMITS, frameBoundsProblem, frameBudgetProblem, type DecodeLimits, type FrameBoundsProblem } from './frame-bounds.ts';
import type { FrameInfo } from './frame-codec.ts';
import { pixelLayout } from './pixel-layout.ts';

/** The first reason not to decode this file's pixel data, or null (also when it has none, or no layout). */
export async function decodeProblem(file: DicomFile, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Promise<FrameBoundsProblem | null> {
  const px = findElement(file.dataset, PIXEL_DATA);
  if (!px) return null;
  let info: FrameInfo;
  try {
    const l = pixelLayout(file.dataset, file.encoding.littleEndian);
    info = {
      rows: l.rows, columns: l.columns, samplesPerPixel: l.samplesPerPixel, bitsAllocated: l.bitsAllocated, bitsStored: l.bitsStored,
      pixelRepresentation: l.pixelRepresentation, photometricInterpretation: l.photometricInterpretation, planarConfiguration: l.planarConfiguration,
    };
    if (px.value.kind !== 'fragments') return frameBudgetProblem(info, limits);
    const budget = frameBudgetProblem(info, limits);
    if (budget) return budget;
    const split = await splitFrames(file.source, file.dataset, px.value.fragments, l.numberOfFrames, file.transferSyntaxUID);
    if (split.frames.length === 0) return null;
    return frameBoundsProblem(file.transferSyntaxUID, info, await readFrame(file.source, split.frames[0]), limits);
  } catch {
    return null; // an unusable layout or fragment table is reported where the pixels are used
  }
}
