// "Keep only the ultrasound regions": the boxes that cover everything outside the file's
// Sequence of Ultrasound Regions (core), read in a worker.

import { readPart10 } from '../core/dicom/reader.ts';
import type { ByteSource } from '../core/io/byte-source.ts';
import type { RedactionBox } from '../core/pixels/redaction-box.ts';
import { keepOnlyUltrasoundRegions } from '../core/redaction/ultrasound-regions.ts';

export async function ultrasoundRegionBoxes(source: ByteSource): Promise<RedactionBox[]> {
  const file = await readPart10(source);
  return keepOnlyUltrasoundRegions(file.dataset, file.encoding.littleEndian);
}
