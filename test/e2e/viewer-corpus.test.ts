// The viewer over every ../shared/corpus file that has pixel data, loaded in batches through the
// app's file input: each instance is selected in the tree and, once drawn, the viewport must not
// be nearly black unless a message (viewport-message) or a notice (viewport-notice) says why.
// One bad image must not break the ones after it: each batch runs in one page, in order.

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { page, server, useApp } from './fixture.ts';
import { CORPUS, corpusImages } from './corpus.ts';
import { waitIdle } from './helpers.ts';

const BATCH = 40;
const images = corpusImages().filter((p) => new RegExp(process.env.VEIL_E2E_ONLY ?? '').test(p)).slice(0, Number(process.env.VEIL_E2E_LIMIT ?? Infinity));


type Seen = { file: string; state: 'drawn' | 'message' | 'notice' | 'black' | 'timeout'; detail: string };

/** In the page: the share of the viewport canvas brighter than 24 of 255 (as png.ts imageStats). */
function canvasLitShare(): { lit: number; notice: string | null } {
  const notice = document.querySelector('[data-testid=viewport-notice]')?.textContent ?? null;
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=viewport] canvas');
  const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  if (!data) return { lit: 0, notice };
  let lit = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) > 24) lit++;
  return { lit: lit / (data.length / 4), notice };
}

/** Select an instance; wait for its drawing or for a message about it; judge the viewport. */
async function judge(p: Page, id: string, name: string): Promise<Seen> {
  await p.locator(`[data-testid=instance-item][data-file-id="${id}"]`).click();
  const settled = await p
    .waitForFunction((fid) => {
      const msg = document.querySelector('[data-testid=viewport-message]');
      if (msg && msg.getAttribute('data-file-id') === fid) return { kind: 'message', text: msg.textContent ?? '' };
      const vp = document.querySelector('[data-testid=viewport]');
      return vp?.getAttribute('data-shown-file') === fid && !msg ? { kind: 'drawn', text: '' } : null;
    }, id, { timeout: 25_000, polling: 50 })
    .then((h) => h.jsonValue(), () => null);
  if (!settled) return { file: name, state: 'timeout', detail: '' };
  if (settled.kind === 'message') return { file: name, state: 'message', detail: settled.text };
  await p.waitForTimeout(60);
  const { lit, notice } = await p.evaluate(canvasLitShare);
  if (notice) return { file: name, state: 'notice', detail: notice };
  return { file: name, state: lit < 0.01 ? 'black' : 'drawn', detail: `lit ${lit.toFixed(3)}` };
}

describe.skipIf(images.length === 0)('viewer over the corpus', () => {
  useApp();
  beforeAll(() => {
    if (process.env.VEIL_E2E_TRACE) page.on('console', (m) => console.log('page:', m.type(), m.text().slice(0, 300)));
  });

  const seen: Seen[] = [];
  const batches = Array.from({ length: Math.ceil(images.length / BATCH) }, (_, k) => images.slice(k * BATCH, (k + 1) * BATCH));
  it.each(batches.map((b, k) => [k + 1, b] as const))('batch %i: shows each image, or says why not', async (k, batch) => {
    const t0 = Date.now();
    const before = seen.length;
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles(batch.map((p) => CORPUS + p));
    await page.getByTestId('series-item').first().waitFor({ timeout: 60_000 });
    await waitIdle(page);
    const series = await page.getByTestId('series-item').count();
    for (let s = 0; s < series; s++) {
      await page.getByTestId('series-item').nth(s).click();
      const items = page.getByTestId('instance-item');
      const n = await items.count();
      for (let i = 0; i < n; i++) {
        const item = items.nth(i);
        const id = (await item.getAttribute('data-file-id'))!;
        const t = Date.now();
        seen.push(await judge(page, id, (await item.getAttribute('title')) ?? id));
        if (process.env.VEIL_E2E_TRACE) console.log(Date.now() - t, JSON.stringify(seen.at(-1)));
      }
    }
    const mine = seen.slice(before);
    const count = (k: Seen['state']) => mine.filter((s) => s.state === k).length;
    console.log(`e2e viewer: ${batch.length} files, ${mine.length} instances in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${count('drawn')} drawn, ${count('notice')} with a notice, ${count('message')} with a message, ${count('black')} black, ${count('timeout')} timed out`);
    for (const s of mine.filter((x) => x.state !== 'drawn')) console.log(`  ${s.state}: ${s.file} ${s.detail}`);
    expect(mine.filter((s) => s.state === 'black' || s.state === 'timeout')).toEqual([]);
    // Messages are words, never an exception's text.
    expect(mine.filter((s) => /Error|exception|past end|undefined|\.js\b/i.test(s.detail))).toEqual([]);
  });

  it('reached most corpus images (the rest are duplicates or refused files)', () => {
    expect(seen.length).toBeGreaterThan(images.length * 0.8);
  });
});
