// `npm run screenshots`: README screenshots of the workstation in English and in Chinese, with
// the built-in synthetic sample loaded (no real patient data), 1440×900, dark theme. Builds
// nothing itself: serves the existing dist/ (run `npm run build` first) on 127.0.0.1 and drives
// Debian's Chromium (VEIL_CHROMIUM to override) with playwright-core. Writes
// docs/screenshots/veil-en.png and docs/screenshots/veil-zh-CN.png.

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { serveDist } from '../test/e2e/static-server.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.VEIL_CHROMIUM ?? '/usr/bin/chromium';

async function waitFor(p: Page, fn: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await p.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function shoot(url: string, locale: 'en' | 'zh-CN'): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'veil-screenshots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1,
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
  try {
    const p = context.pages()[0] ?? (await context.newPage());
    await p.goto(url);
    await p.getByTestId('sample-button').click();
    await waitFor(p, async () => (await p.getByTestId('series-item').count()) > 0, 'the sample');
    await waitFor(p, () => p.evaluate(() => !document.querySelector('.load-progress [role=progressbar]') && !document.querySelector('.tree .pad')), 'reading to end');
    await p.getByTestId('series-item').first().click();
    await p.getByTestId('instance-item').nth(1).click();
    await waitFor(p, async () => (await p.getByTestId('header-row').count()) > 5, 'the header plan');
    const viewport = p.getByTestId('viewport');
    await waitFor(p, async () => (await viewport.getAttribute('data-shown-file')) !== null, 'the image').catch(() => undefined);
    await p.mouse.move(1439, 899);
    await p.waitForTimeout(600);
    const file = join(OUT, `veil-${locale}.png`);
    await p.screenshot({ path: file });
    return file;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const server = await serveDist(DIST);
try {
  for (const locale of ['en', 'zh-CN'] as const) console.log(`wrote ${await shoot(server.url, locale)}`);
} finally {
  await server.close();
}
