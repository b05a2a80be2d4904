// The served site offers the single-file edition for USB sticks (issue 7): a visible, labelled
// "Download for USB" link to ./veil.html with the download attribute, whose href resolves to
// dist/veil.html and downloads exactly that file; the service worker does not precache it; and
// the single file itself, opened over file://, does not offer it.

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIST, DIST_SINGLE, page, pageErrors, server, useApp } from './fixture.ts';

useApp();

describe('the single-file download on the served site', () => {
  it('shows a link to ./veil.html that downloads dist/veil.html', async () => {
    await page.goto(server.url);
    const link = page.getByTestId('single-file-download');
    await link.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await link.getAttribute('href')).toBe('./veil.html');
    expect(await link.getAttribute('download')).toBe('veil.html');
    expect((await link.textContent())?.trim()).toBe('Download for USB');
    expect(await link.getAttribute('title')).toMatch(/veil\.html/);

    // The href resolves, next to index.html, to the file in dist/.
    const resolved = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(resolved).toBe(new URL('veil.html', server.url).href);
    const rel = new URL(resolved).pathname.replace(/^\//, '');
    const local = join(DIST, rel);
    expect(statSync(local).size).toBeGreaterThan(1_000_000);

    const downloaded = page.waitForEvent('download', { timeout: 60_000 });
    await link.click();
    const d = await downloaded;
    expect(d.suggestedFilename()).toBe('veil.html');
    const saved = join(mkdtempSync(join(tmpdir(), 'veil-e2e-single-')), 'veil.html');
    await d.saveAs(saved);
    expect(Buffer.compare(readFileSync(saved), readFileSync(local))).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('is not in the service worker precache', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    expect(sw).toContain('./index.html');
    expect(sw).not.toContain('veil.html');
  });

  it('is not offered by the single file itself (file://)', async () => {
    await page.goto(pathToFileURL(DIST_SINGLE).href, { timeout: 180_000 });
    await page.getByTestId('sample-button').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('single-file-download').count()).toBe(0);
  });
});
