// Launches Debian's Chromium through playwright-core, headless, with a fresh profile and no
// background networking, and records every request a page makes (to fail on other origins).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.VEIL_CHROMIUM ?? '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  requests: string[];
  close(): Promise<void>;
}

/**
 * `locale` sets navigator.languages and Accept-Language (the default keeps the app in English);
 * `bypassCSP` only for tests that inject a checker (axe-core) into the page.
 */
export async function launch(opts: { locale?: string; bypassCSP?: boolean } = {}): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'veil-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    locale: opts.locale ?? 'en-US',
    bypassCSP: opts.bypassCSP ?? false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  return {
    context,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
