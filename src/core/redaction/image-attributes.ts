// The attributes redaction templates match on, read from the original data set (before
// de-identification, since Manufacturer and model are what identify a device's screen layout),
// any other attribute for version 2 conditions, and the ultrasound regions.

import type { DicomFile } from '../dicom/reader.ts';
import { findElement } from '../dicom/dataset.ts';
import { PX, stringValue, usValue } from '../pixels/pixel-layout.ts';
import type { ImageAttributes } from './template.ts';
import { attributeLookup } from './attribute-lookup.ts';
import { ultrasoundRegions } from './ultrasound-regions.ts';

export function imageAttributes(file: DicomFile): ImageAttributes {
  const ds = file.dataset;
  const le = file.encoding.littleEndian;
  return {
    Modality: stringValue(ds, PX.Modality),
    Manufacturer: stringValue(ds, PX.Manufacturer),
    ManufacturerModelName: stringValue(ds, PX.ManufacturerModelName),
    Rows: usValue(findElement(ds, PX.Rows), le) ?? 0,
    Columns: usValue(findElement(ds, PX.Columns), le) ?? 0,
    lookup: attributeLookup(file),
    ultrasoundRegions: ultrasoundRegions(ds, le),
  };
}
