// Accessibility: axe-core (injected from node_modules, nothing fetched) finds no serious or
// critical violation in either theme and either language, on the empty workstation, with the
// sample loaded and an instance's header shown, with the help page open, and with the
// leak-gate release dialog open. Also: the theme is dark by default, the toggle switches it and
// is remembered, and Tab reaches the top-bar controls in order with a visible focus ring.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_UID_ROOT, makeCtLike } from '../fixtures/make.ts';
import { page, server, useApp } from './fixture.ts';
import { axeSerious, loadSampleAndSelect } from './ui-checks.ts';

useApp({ bypassCSP: true }); // axe-core is injected as an inline script

async function expectNoSerious(where: string): Promise<void> {
  const v = await axeSerious(page);
  expect(v, `axe serious/critical violations (${where})`).toEqual([]);
}

async function setUp(language: 'en' | 'zh-CN', theme: 'dark' | 'light'): Promise<void> {
  await page.goto(server.url);
  await page.evaluate(({ language, theme }) => {
    localStorage.setItem('veil.language', language);
    localStorage.setItem('veil.theme', theme);
  }, { language, theme });
  await page.reload();
  await page.getByTestId('sample-button').waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual([language, theme]);
}

describe('theme', () => {
  it('is dark by default, switches to light and remembers it', async () => {
    await page.goto(server.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bg()).toBe('rgb(14, 17, 20)');
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await bg()).toBe('rgb(243, 245, 247)');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByTestId('theme-toggle').click();
    expect(await page.evaluate(() => localStorage.getItem('veil.theme'))).toBe('dark');
  });

  it('reaches the top-bar controls with Tab, in order, with a visible focus ring', async () => {
    await page.goto(server.url);
    await page.getByTestId('sample-button').waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const cs = getComputedStyle(el);
        return { id: el.dataset.testid ?? el.textContent?.trim() ?? el.tagName, ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
      });
      seen.push(f.id);
      expect(f.ring, `focus ring on ${f.id}`).toBe(true);
    }
    const order = ['sample-button', 'language-switch', 'theme-toggle', 'help-open'].map((id) => seen.indexOf(id));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('axe-core', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    for (const theme of ['dark', 'light'] as const) {
      it(`${language}, ${theme}: empty, sample loaded, help open`, async () => {
        await setUp(language, theme);
        await expectNoSerious('empty workstation');
        await loadSampleAndSelect(page);
        for (const s of await page.locator('summary').all()) await s.click();
        await expectNoSerious('sample loaded, header shown');
        await page.getByTestId('help-open').click();
        await page.getByTestId('help-dialog').waitFor();
        await expectNoSerious('help page open');
        await page.getByTestId('help-close').click();
        await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('help-open');
      });
    }
  }

  it('release dialog open (both themes and languages)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-a11y-'));
    writeFileSync(join(dir, 'leaky.dcm'), makeCtLike({ patientId: 'PID-0077', patientName: 'Roe^Richard', sopInstanceUID: `${FIXTURE_UID_ROOT}.9.2` }));
    writeFileSync(join(dir, 'mapping.csv'), 'id_old,id_new,new_name\nPID-0077,NEW-0077,Roe^Richard\n');
    for (const language of ['en', 'zh-CN'] as const) {
      for (const theme of ['dark', 'light'] as const) {
        await setUp(language, theme);
        await page.getByTestId('file-input').setInputFiles(join(dir, 'leaky.dcm'));
        await expect.poll(() => page.getByTestId('series-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
        await page.locator('input[type=file][accept=".csv,text/csv"]').setInputFiles(join(dir, 'mapping.csv'));
        await page.locator('.notice').waitFor();
        await page.getByTestId('require-reviewer').check();
        await page.getByTestId('operator-name').fill('Op One');
        await page.getByTestId('export-zip').click();
        await page.getByTestId('release-dialog').waitFor({ timeout: 60_000 });
        await expectNoSerious(`release dialog, ${language}, ${theme}`);
        await page.getByTestId('release-include').click(); // no reviewer: the error shows
        await page.getByTestId('release-error').waitFor();
        await expectNoSerious(`release dialog with error, ${language}, ${theme}`);
        await page.getByTestId('release-leave-out').click();
        await page.getByTestId('require-reviewer').uncheck();
      }
    }
  });
});
