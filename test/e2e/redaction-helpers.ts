// Helpers of the burned-in text e2e tests: read the listed box (viewer actions — show an
// instance, image-to-page points, drawing — live in viewer-actions.ts; native pixel data is read
// by test/fixtures/native-pixels.ts).

import type { Page } from 'playwright-core';

export { imagePointer, showFirstOf } from './viewer-actions.ts';

export type ListedBox = { x: number; y: number; width: number; height: number; scope: string };

export async function boxOf(p: Page, n = 0): Promise<ListedBox> {
  return JSON.parse((await p.getByTestId('redaction-box').nth(n).getAttribute('data-box'))!) as ListedBox;
}
