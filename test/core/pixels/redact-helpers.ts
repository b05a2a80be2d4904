// Running a file through deidentifyFile with redaction and reading the output back.

import { findElement, type Item } from '../../../src/core/dicom/dataset.ts';
import { readPart10, type DicomFile } from '../../../src/core/dicom/reader.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { deidentifyFile, type ProcessOptions } from '../../../src/core/deid/process-file.ts';
import { verifyOutput } from '../../../src/core/deid/verify-output.ts';
import { asciiValue } from '../../../src/core/dicom/value-text.ts';
import { makeTestSession } from '../helpers.ts';
import { T } from '../../fixtures/make.ts';
import { reasonText } from '../../helpers/messages.ts';

export async function redact(bytes: Uint8Array, options: ProcessOptions, session = makeTestSession()) {
  const sink = new MemorySink();
  const result = await deidentifyFile(new MemorySource(bytes), sink, session, options);
  if (result.status !== 'ok') throw new Error(`${result.status}: ${reasonText(result)}`);
  const out = sink.bytes();
  const file = await readPart10(new MemorySource(out));
  const problems = await verifyOutput(new MemorySource(out), { transferSyntaxUID: result.transferSyntaxUID!, sopInstanceUID: result.outcome!.ids.sopInstanceUID, pixel: result.pixel! });
  return { result, out, file, problems };
}

export async function pixelDataOf(file: DicomFile): Promise<Uint8Array> {
  const px = findElement(file.dataset, T.PixelData);
  if (!px) throw new Error('no pixel data');
  if (px.value.kind === 'bytes') return px.value.bytes;
  if (px.value.kind === 'bulk') return file.source.read(px.value.range.offset, px.value.range.length);
  throw new Error(`pixel data is ${px.value.kind}`);
}

export const str = (ds: Item, t: number) => {
  const el = findElement(ds, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : undefined;
};

export function methodCodes(ds: Item): string[] {
  const seq = findElement(ds, T.DeidentificationMethodCodeSequence);
  if (!seq || seq.value.kind !== 'sequence') return [];
  return seq.value.items.map((it) => str(it, T.CodeValue) ?? '');
}

