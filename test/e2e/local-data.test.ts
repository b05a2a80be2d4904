// Local data hygiene in the browser: without opt-in nothing is stored (no IndexedDB database,
// no localStorage, not even after an image was drawn); with "Remember on this computer" the
// project key survives a reload; "Forget everything on this computer" deletes it (the next
// visit has a new key and no database) and keeps the app shell cache.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { page, server, useApp } from './fixture.ts';
import { openSample } from './helpers.ts';

const stored = (p: Page) =>
  p.evaluate(async () => ({ dbs: (await indexedDB.databases()).map((d) => d.name), local: localStorage.length, session: sessionStorage.length }));
const fingerprint = (p: Page) => p.getByTestId('key-fingerprint').textContent();

useApp();

describe('what Veil keeps on this computer', () => {
  it('keeps nothing by default; remembers the key when asked; forgets everything on request', async () => {
    await openSample(page, server.url);
    await page.getByTestId('series-item').first().click();
    await page.locator('[data-testid=viewport][data-shown-file]').waitFor({ timeout: 30_000 });
    expect(await stored(page)).toEqual({ dbs: [], local: 0, session: 0 });
    await page.reload();
    await page.getByTestId('key-fingerprint').waitFor();
    expect(await stored(page)).toEqual({ dbs: [], local: 0, session: 0 });
    expect(await page.getByTestId('remember-toggle').isChecked()).toBe(false);

    // Opt in: the key (and options, settings) survive a reload.
    await page.getByTestId('ttl-hours').fill('24');
    await page.getByTestId('ttl-hours').press('Enter');
    await page.getByTestId('remember-toggle').check();
    const remembered = await fingerprint(page);
    await expect.poll(async () => (await stored(page)).dbs).toEqual(['veil-local']);
    await page.waitForTimeout(300); // the save is debounced
    await page.reload();
    await expect.poll(() => page.getByTestId('remember-toggle').isChecked()).toBe(true);
    await expect.poll(() => fingerprint(page)).toBe(remembered);
    expect(await page.getByTestId('ttl-hours').inputValue()).toBe('24');
    const items = await page.evaluate(() => new Promise<{ key: string; savedAt: number; ttlMs: number }[]>((resolve, reject) => {
      const req = indexedDB.open('veil-local');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const all = db.transaction('items').objectStore('items').openCursor();
        const out: { key: string; savedAt: number; ttlMs: number }[] = [];
        all.onsuccess = () => {
          const c = all.result;
          if (!c) {
            db.close();
            resolve(out);
            return;
          }
          out.push({ key: String(c.key), savedAt: c.value.savedAt, ttlMs: c.value.ttlMs });
          c.continue();
        };
      };
    }));
    expect(items.map((i) => i.key).sort()).toEqual(['key', 'mapping', 'options', 'settings']);
    for (const i of items) {
      expect(i.ttlMs).toBe(24 * 3_600_000);
      expect(Math.abs(Date.now() - i.savedAt)).toBeLessThan(120_000);
    }

    // Forget everything: the database is deleted, the session gets a new key, the app shell stays.
    await page.getByTestId('forget-everything').click();
    await expect.poll(() => fingerprint(page)).not.toBe(remembered);
    await expect.poll(async () => (await stored(page)).dbs).toEqual([]);
    await page.reload();
    await page.getByTestId('key-fingerprint').waitFor();
    await page.waitForTimeout(300);
    expect(await fingerprint(page)).not.toBe(remembered);
    expect(await page.getByTestId('remember-toggle').isChecked()).toBe(false);
    expect(await stored(page)).toEqual({ dbs: [], local: 0, session: 0 });
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames.every((n) => /^veil-[0-9a-f]{12}$/.test(n))).toBe(true);
  });
});
