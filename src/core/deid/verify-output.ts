// Re-reads a written output before it is kept: it must parse as Part 10 in the same transfer
// syntax, carry the new SOP Instance UID in its file meta (PS3.10 §7.1), say Patient Identity
// Removed = YES, and hold pixel data of exactly the input's layout and length.
// checkParsedOutput() does the same on an output already parsed (the per-file contract parses the
// written bytes once and hands the result to this check and to the leak gate). Problems are Messages.

import type { ByteSource } from '../io/byte-source.ts';
import { findElement } from '../dicom/dataset.ts';
import { readPart10, type DicomFile } from '../dicom/reader.ts';
import { tag } from '../dicom/tag.ts';
import { asciiValue } from '../dicom/value-text.ts';
import { pixelSignature, type PixelSignature } from './process-file.ts';
import { msg, type Message } from '../messages/message.ts';

export interface Expected {
  transferSyntaxUID: string;
  sopInstanceUID: string;
  pixel: PixelSignature;
}

const str = (ds: { elements: { tag: number; value: { kind: string } }[] }, t: number): string => {
  const el = findElement(ds as never, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
};

/** Returns a list of problems; empty when the output is sound. */
export async function verifyOutput(source: ByteSource, expected: Expected): Promise<Message[]> {
  let file;
  try {
    file = await readPart10(source);
  } catch (err) {
    return [msg('reread-unreadable', { detail: (err as Error).message })];
  }
  return checkParsedOutput(file, expected);
}

/** The checks of verifyOutput on an output parsed with readPart10 from the written bytes. */
export function checkParsedOutput(file: DicomFile, expected: Expected): Message[] {
  const problems: Message[] = [];
  if (file.transferSyntaxUID !== expected.transferSyntaxUID) {
    problems.push(msg('reread-ts-changed', { from: expected.transferSyntaxUID, to: file.transferSyntaxUID }));
  }
  const mediaUid = str(file.meta, tag(0x0002, 0x0003));
  if (mediaUid !== expected.sopInstanceUID) problems.push(msg('reread-media-uid'));
  const sop = str(file.dataset, tag(0x0008, 0x0018));
  if (sop && sop !== mediaUid) problems.push(msg('reread-sop-differs'));
  if (str(file.dataset, tag(0x0012, 0x0062)) !== 'YES') problems.push(msg('reread-identity-removed'));
  const px = pixelSignature(file);
  if (px.kind !== expected.pixel.kind || px.length !== expected.pixel.length || px.fragments !== expected.pixel.fragments) {
    problems.push(msg('reread-pixels-changed', { kind: px.kind, length: px.length, fragments: px.fragments, expectedKind: expected.pixel.kind, expectedLength: expected.pixel.length, expectedFragments: expected.pixel.fragments }));
  }
  return problems;
}
