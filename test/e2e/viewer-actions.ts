// Viewer actions shared by the delivery e2e tests (single file, slides, shortcuts): show the
// first instance of a series and draw a redaction box with the mouse in image coordinates.

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

/** Draw a box between two image points (the image fits the viewport, centred); leaves draw mode. */
export async function drawBox(p: Page, w: number, h: number, from: [number, number], to: [number, number]): Promise<void> {
  const viewport = p.getByTestId('viewport');
  await p.getByTestId('draw-box').click();
  const r = (await viewport.boundingBox())!;
  const scale = Math.min(r.width / w, r.height / h);
  const ox = r.x + (r.width - w * scale) / 2;
  const oy = r.y + (r.height - h * scale) / 2;
  const at = (x: number, y: number) => [ox + x * scale, oy + y * scale] as const;
  await p.mouse.move(...at(...from));
  await p.mouse.down();
  for (let i = 1; i <= 10; i++) await p.mouse.move(...at(from[0] + ((to[0] - from[0]) * i) / 10, from[1] + ((to[1] - from[1]) * i) / 10));
  await p.mouse.up();
  await p.getByTestId('draw-box').click();
}

export type Box = { x: number; y: number; width: number; height: number };
