// Helpers of the burned-in text e2e tests: show an instance, map image pixels to page points
// (the image fits the viewport, centred), read the listed box, and read native pixel data.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { tag } from '../../src/core/dicom/tag.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';

export type ListedBox = { x: number; y: number; width: number; height: number; scope: string };

export async function showFirstOf(p: Page, series: string): Promise<void> {
  await p.getByTestId('series-item').filter({ hasText: series }).first().click();
  const item = p.getByTestId('instance-item').first();
  const fileId = await item.getAttribute('data-file-id');
  await item.click();
  await expect.poll(() => p.getByTestId('viewport').getAttribute('data-shown-file'), { timeout: 20_000 }).toBe(fileId);
  await p.waitForTimeout(300);
}

/** Page coordinates of an image point (continuous image pixels) with the default camera. */
export async function imagePointer(p: Page, w: number, h: number): Promise<(x: number, y: number) => [number, number]> {
  const r = (await p.getByTestId('viewport').boundingBox())!;
  const scale = Math.min(r.width / w, r.height / h);
  const ox = r.x + (r.width - w * scale) / 2;
  const oy = r.y + (r.height - h * scale) / 2;
  return (x, y) => [ox + x * scale, oy + y * scale];
}

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
