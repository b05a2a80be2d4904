// Keyboard shortcuts (issue 7) on the served app: ? opens the help overlay (Esc closes it),
// ↓/J/PageDown and ↑/K move through the series' images, N/P through the series, B toggles draw
// mode, Delete removes the box on the shown image, E starts the export, and none of these keys
// act while the operator types in a field.

import { beforeAll, describe, expect, it } from 'vitest';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { exportAnyway, openSample } from './helpers.ts';
import { drawBox, showFirstOf } from './viewer-actions.ts';

// The viewer selects the image it shows 150 ms after showing it; let that settle between keys.
const settle = () => page.waitForTimeout(300);
const shown = () => page.getByTestId('viewport').getAttribute('data-shown-file');

async function fileIds(): Promise<string[]> {
  return page.getByTestId('instance-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-file-id')!));
}

describe('keyboard shortcuts', () => {
  useApp();
  beforeAll(() => openSample(page, server.url));

  it('opens and closes the help overlay with ? and Esc; other keys wait while it is open', async () => {
    await showFirstOf(page, 'CT');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
    expect(await help.textContent()).toContain('Next image of the series');
    await page.keyboard.press('b');
    await page.waitForTimeout(200);
    expect(await page.getByTestId('draw-box').getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    await page.getByTestId('shortcuts-button').click(); // the top bar's button opens it too
    await help.waitFor();
    await help.getByRole('button').last().click();
    await expect.poll(() => help.count()).toBe(0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('b');
    await expect.poll(() => page.getByTestId('draw-box').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape'); // leaves draw mode
    await expect.poll(() => page.getByTestId('draw-box').getAttribute('aria-pressed')).toBe('false');
  });

  it('moves through images and series', async () => {
    await showFirstOf(page, 'CT');
    const ids = await fileIds();
    expect(ids.length).toBe(4);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowDown');
    await expect.poll(shown, { timeout: 10_000 }).toBe(ids[1]);
    await settle();
    await page.keyboard.press('j');
    await expect.poll(shown, { timeout: 10_000 }).toBe(ids[2]);
    await settle();
    await page.keyboard.press('PageDown');
    await expect.poll(shown, { timeout: 10_000 }).toBe(ids[3]);
    await settle();
    await page.keyboard.press('PageDown'); // stays on the last image
    await page.keyboard.press('k');
    await expect.poll(shown, { timeout: 10_000 }).toBe(ids[2]);
    await settle();
    const before = await shown();
    await page.keyboard.press('n');
    await expect.poll(shown, { timeout: 10_000 }).not.toBe(before);
    await settle();
    const usIds = await fileIds();
    expect(usIds).toHaveLength(1);
    await page.keyboard.press('p');
    await expect.poll(shown, { timeout: 10_000 }).toBe(ids[0]);
  });

  it('toggles draw mode with B and deletes the box with Delete', async () => {
    await showFirstOf(page, 'US');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const draw = page.getByTestId('draw-box');
    await page.keyboard.press('b');
    await expect.poll(() => draw.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('b');
    await expect.poll(() => draw.getAttribute('aria-pressed')).toBe('false');
    await drawBox(page, 320, 240, [10, 10], [200, 40]);
    const boxes = page.getByTestId('redaction-box');
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(1);
    // A second box: Delete removes the one just drawn (selected in the viewer), Backspace the other.
    await drawBox(page, 320, 240, [40, 120], [200, 200]);
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(2);
    const first = await boxes.first().getAttribute('data-box');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Delete');
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(1);
    expect(await boxes.first().getAttribute('data-box')).toBe(first);
    await page.keyboard.press('Backspace');
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(0);
  });

  it('ignores shortcuts while typing, and E starts the export', async () => {
    const field = page.getByTestId('slide-caption');
    await field.click();
    await page.keyboard.type('bj?e');
    expect(await field.inputValue()).toBe('bj?e');
    expect(await page.getByTestId('draw-box').getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('shortcuts-help').count()).toBe(0);
    await field.fill('');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    await page.keyboard.press('e');
    await exportAnyway(page); // the sample's images all say BurnedInAnnotation YES: the review gate asks first
    const d = await downloaded;
    expect(d.suggestedFilename()).toMatch(/^veil-export-.*\.zip$/);
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toContain('done');
    expect(pageErrors).toEqual([]);
  });
});
