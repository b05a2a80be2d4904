// The layout on real screens, in both languages: at 1024×768, 1366×768 and 1920×1080 the viewport,
// the file tree, the side pane and the redaction panel do not overlap (bounding boxes from the
// DOM), and the top bar's buttons (Help among them), the review buttons and the viewer toolbar
// lie inside the window. A screenshot of each is written to the temp folder. With 40 redaction
// boxes and the OCR proposals on the shown image, the lists scroll inside the redaction panel and
// the review buttons stay on screen and uncovered (the point at their centre hits them). Dialogs
// (help, the review gate, the shortcut list) keep the focus inside on Tab and Shift+Tab, close on
// Escape and give the focus back to the button that opened them.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launch, type Launched } from './browser.ts';
import { server, useServer } from './fixture.ts';
import { openSample } from './helpers.ts';
import { focusedTestId, focusStaysInside } from './modal-checks.ts';
import { showFirstOf } from './viewer-actions.ts';

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

/** In the page: whether the box list scrolls, where the viewport is, and each review button's place and whether the point at its centre hits it. */
function reviewButtonsSeen() {
  const list = document.querySelector('.redaction-panel .redaction-list');
  const box = (e: Element) => e.getBoundingClientRect();
  const buttons = [...document.querySelectorAll<HTMLElement>('.review-panel button')].map((b) => {
    const r = box(b);
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return { id: b.dataset.testid ?? (b.textContent ?? '').trim(), onScreen: r.x >= 0 && r.y >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5 && r.height > 0, hit: !!hit && b.contains(hit) };
  });
  const vp = box(document.querySelector('[data-testid=viewport]')!);
  return { listScrolls: !!list && list.scrollHeight > list.clientHeight + 1, buttons, viewport: { width: vp.width, height: vp.height } };
}

const browsers: Launched[] = [];

/** A page of a browser of its own (in `locale`, if given), closed after the suite. */
async function newPage(locale?: string): Promise<Page> {
  const browser = await launch(locale ? { locale } : {});
  browsers.push(browser);
  return browser.context.pages()[0] ?? (await browser.context.newPage());
}

describe('layout on real screens', () => {
  useServer();
  afterAll(async () => {
    for (const b of browsers) await b.close();
  });

  it.each(['en-US', 'zh-CN'])('keeps the main regions apart and the controls on screen (%s)', async (locale) => {
    const page = await newPage(locale);
    await openSample(page, server.url);
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

  it.each(['en-US', 'zh-CN'])('keeps the review buttons in view under long box and proposal lists (%s)', async (locale) => {
    const page = await newPage(locale);
    await openSample(page, server.url);
    await showFirstOf(page, 'CT');
    // Review mode shows the first image to review; 40 boxes (a template matching every image) and
    // the OCR proposals land on it.
    await page.getByTestId('review-start').click();
    await page.getByTestId('review-mark-redacted').waitFor();
    const tpl = join(mkdtempSync(join(tmpdir(), 'veil-e2e-layout-')), 'many-boxes.json');
    const boxes = Array.from({ length: 40 }, (_, i) => ({ x: (i % 8) * 12, y: Math.floor(i / 8) * 12, width: 8, height: 8 }));
    writeFileSync(tpl, JSON.stringify({ version: 1, templates: [{ name: 'many', match: {}, boxes }] }));
    await page.getByTestId('template-load').setInputFiles(tpl);
    await expect.poll(() => page.getByTestId('redaction-box').count(), { timeout: 10_000 }).toBe(40);
    await page.getByTestId('ocr-run').click();
    await expect.poll(() => page.getByTestId('ocr-suggestion').count(), { timeout: 180_000 }).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(tmpdir(), `veil-e2e-layout-lists-${locale}-${w}x${h}.png`) });
      const seen = await page.evaluate(reviewButtonsSeen);
      if (!seen.listScrolls) problems.push(`${w}×${h}: the box list does not scroll inside the panel`);
      if (seen.buttons.length < 3) problems.push(`${w}×${h}: only ${seen.buttons.length} review buttons`);
      for (const b of seen.buttons) if (!b.onScreen || !b.hit) problems.push(`${w}×${h}: review button ${b.id} is ${b.onScreen ? 'covered' : 'off screen'}`);
      const vp = seen.viewport;
      if (vp.height < 150) problems.push(`${w}×${h}: the viewport is only ${Math.round(vp.height)} px high`);
    }
    expect(problems).toEqual([]);
  });

  it('traps focus in the help dialog, the shortcut list and the review gate, closes them on Escape and gives the focus back', async () => {
    const page = await newPage();
    await openSample(page, server.url);
    await page.getByRole('button', { name: /Help/ }).click();
    await page.getByTestId('help-dialog').waitFor();
    expect(await focusStaysInside(page, 'help-dialog')).toEqual(Array(7).fill(true));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-dialog').count()).toBe(0);
    // The shortcut list: focus starts on its close button, stays inside, Escape returns it.
    await page.getByTestId('shortcuts-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('shortcuts-help').waitFor();
    expect(await focusedTestId(page)).toBe('shortcuts-close');
    expect(await focusStaysInside(page, 'shortcuts-help')).toEqual(Array(7).fill(true));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts-help').count()).toBe(0);
    expect(await focusedTestId(page)).toBe('shortcuts-button');
    // The sample has images with burned-in text nobody reviewed: the export asks first.
    await page.getByTestId('export-zip').click();
    await page.getByTestId('review-gate').waitFor({ timeout: 30_000 });
    expect(await focusedTestId(page)).toBe('review-gate-review');
    expect(await focusStaysInside(page, 'review-gate')).toEqual(Array(7).fill(true));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('review-gate').count()).toBe(0);
  });
});
