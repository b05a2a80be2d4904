// The layout on real screens, in both languages: at 1024×768, 1366×768 and 1920×1080 the viewport,
// the file tree, the side pane and the redaction panel do not overlap (bounding boxes from the
// DOM), and the top bar's buttons (Help among them), the review buttons and the viewer toolbar
// lie inside the window. A screenshot of each is written to the temp folder. Dialogs (help, the
// review gate) keep the focus inside on Tab and Shift+Tab and close on Escape.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, type Launched } from './browser.ts';
import { server, useServer } from './fixture.ts';
import { waitIdle } from './helpers.ts';

const SIZES = [[1024, 768], [1366, 768], [1920, 1080]] as const;

type Rect = { x: number; y: number; width: number; height: number };
const overlap = (a: Rect, b: Rect): number => Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** In the page: the rectangles of the main regions and of every control that must stay reachable. */
function measure() {
  const r = (el: Element | null) => {
    if (!el) return null;
    const b = el.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  };
  const named = (sel: string) => [...document.querySelectorAll(sel)].map((e) => ({ name: (e.textContent ?? '').trim().slice(0, 30) || sel, rect: r(e)! }));
  return {
    regions: {
      viewport: r(document.querySelector('[data-testid=viewport]')),
      tree: r(document.querySelector('.tree-pane')),
      side: r(document.querySelector('.side-pane')),
      redaction: r(document.querySelector('.redaction-panel')),
    },
    controls: [...named('.topbar button, .topbar a.btn, .topbar select'), ...named('.viewer-tools button, .viewer-tools select'), ...named('[data-testid^=review-] button, button[data-testid^=review-]'), ...named('[data-testid=export-zip]')],
  };
}

const browsers: Launched[] = [];

describe('layout on real screens', () => {
  useServer();
  afterAll(async () => {
    for (const b of browsers) await b.close();
  });

  it.each(['en-US', 'zh-CN'])('keeps the main regions apart and the controls on screen (%s)', async (locale) => {
    const browser = await launch({ locale });
    browsers.push(browser);
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
    await page.getByTestId('series-item').first().click();
    await page.locator('[data-testid=viewport][data-shown-file]').waitFor({ timeout: 30_000 });
    const problems: string[] = [];
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(tmpdir(), `veil-e2e-layout-${locale}-${w}x${h}.png`) });
      const m = await page.evaluate(measure);
      const vp = m.regions.viewport!;
      if (vp.width < 200 || vp.height < 150) problems.push(`${w}×${h}: the viewport is only ${Math.round(vp.width)}×${Math.round(vp.height)}`);
      for (const k of ['tree', 'side', 'redaction'] as const) {
        const other = m.regions[k];
        if (other && overlap(vp, other) > 1) problems.push(`${w}×${h}: ${k} covers the viewport`);
      }
      if (m.regions.tree && m.regions.side && overlap(m.regions.tree, m.regions.side) > 1) problems.push(`${w}×${h}: tree and side pane overlap`);
      for (const c of m.controls) {
        const { x, y, width, height } = c.rect;
        if (width === 0 && height === 0) continue; // not rendered
        if (x < 0 || y < 0 || x + width > w + 0.5 || y + height > h + 0.5) problems.push(`${w}×${h}: "${c.name}" is off screen at ${Math.round(x)},${Math.round(y)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('traps focus in the help dialog and the review gate, and closes them on Escape', async () => {
    const browser = await launch();
    browsers.push(browser);
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
    const insideAfterTabs = async (testId: string): Promise<boolean[]> => {
      const seen: boolean[] = [];
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        seen.push(await page.evaluate((id) => !!document.querySelector(`[data-testid=${id}]`)?.contains(document.activeElement), testId));
      }
      return seen;
    };
    await page.getByRole('button', { name: /Help/ }).click();
    await page.getByTestId('help-dialog').waitFor();
    expect(await insideAfterTabs('help-dialog')).toEqual(Array(7).fill(true));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-dialog').count()).toBe(0);
    // The sample has images with burned-in text nobody reviewed: the export asks first.
    await page.getByTestId('export-zip').click();
    await page.getByTestId('review-gate').waitFor({ timeout: 30_000 });
    expect(await insideAfterTabs('review-gate')).toEqual(Array(7).fill(true));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('review-gate').count()).toBe(0);
  });
});
