// Helpers of the burned-in text e2e tests: read the listed box and native pixel data (viewer
// actions — show an instance, image-to-page points, drawing — live in viewer-actions.ts).

import type { Page } from 'playwright-core';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { tag } from '../../src/core/dicom/tag.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';

export { imagePointer, showFirstOf } from './viewer-actions.ts';

export type ListedBox = { x: number; y: number; width: number; height: number; scope: string };

export async function boxOf(p: Page, n = 0): Promise<ListedBox> {
  return JSON.parse((await p.getByTestId('redaction-box').nth(n).getAttribute('data-box'))!) as ListedBox;
}

export async function nativePixels(bytes: Uint8Array) {
  const f = await readPart10(new MemorySource(bytes));
  const px = findElement(f.dataset, tag(0x7fe0, 0x0010));
  if (!px || (px.value.kind !== 'bytes' && px.value.kind !== 'bulk')) throw new Error('no native pixel data');
  const pixels = px.value.kind === 'bytes' ? px.value.bytes : bytes.subarray(px.value.range.offset, px.value.range.offset + px.value.range.length);
  const str = (t: number) => {
    const el = findElement(f.dataset, t);
    return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes).trim() : '';
  };
  return { f, pixels, modality: str(tag(0x0008, 0x0060)), burnedIn: str(tag(0x0028, 0x0301)), transferSyntaxUID: f.transferSyntaxUID };
}
