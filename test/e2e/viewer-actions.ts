// Viewer actions shared by the e2e tests: show the first instance of a series, map image pixels to
// page points (the image fits the viewport, centred) and draw a redaction box with the mouse.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function showFirstOf(p: Page, series: string): Promise<void> {
  await p.getByTestId('series-item').filter({ hasText: series }).first().click();
  const item = p.getByTestId('instance-item').first();
  const fileId = await item.getAttribute('data-file-id');
  await item.click();
  await expect.poll(() => p.getByTestId('viewport').getAttribute('data-shown-file'), { timeout: 30_000 }).toBe(fileId);
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

/** Draw a box between two image points; leaves draw mode. */
export async function drawBox(p: Page, w: number, h: number, from: [number, number], to: [number, number]): Promise<void> {
  await p.getByTestId('draw-box').click();
  const at = await imagePointer(p, w, h);
  await p.mouse.move(...at(...from));
  await p.mouse.down();
  for (let i = 1; i <= 10; i++) await p.mouse.move(...at(from[0] + ((to[0] - from[0]) * i) / 10, from[1] + ((to[1] - from[1]) * i) / 10));
  await p.mouse.up();
  await p.getByTestId('draw-box').click();
}

export type Box = { x: number; y: number; width: number; height: number };
