// The app side of the benchmark, in headless Chromium (playwright-core, Debian's /usr/bin/chromium),
// reusing the e2e test's static server and browser launcher: load the CT series through the
// file input, time the first drawn image, record long tasks while loading (Long Tasks API,
// observer injected before the page's own scripts), then export everything to a ZIP and time it.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CpuProfile } from './profile.ts';
import { launch } from '../../test/e2e/browser.ts';
import { serveDist } from '../../test/e2e/static-server.ts';

export interface LongTaskSummary {
  count: number;
  longestMs: number;
  totalMs: number;
}

export interface AppResult {
  ok: boolean;
  error?: string;
  dist: string;
  built: boolean;
  chromium?: string;
  files: number;
  /** Page load → the app's idle warm-up done (workers started, viewer initialised; `veil-warm` mark), ms on the page clock. */
  warmMs?: number;
  /** setInputFiles → first series listed in the tree. */
  firstSeriesS?: number;
  /** The first series was already selected by the app when the bench saw it listed (no click needed). */
  autoSelected?: boolean;
  /** setInputFiles → the viewport reports it drew the first instance (series clicked as soon as listed, unless the app selected it). */
  firstImageS?: number;
  /** setInputFiles → every file read (no progress bar, nothing "still being read"). */
  loadedS?: number;
  loadingLongTasks?: LongTaskSummary;
  /** Long tasks between setInputFiles and the first drawn image. */
  firstImageLongTasks?: LongTaskSummary;
  exportS?: number;
  /** The review gate asked before the export (this many unreviewed candidates) and was answered "Export anyway". */
  reviewGate?: string;
  exportStatus?: string;
  exportLongTasks?: LongTaskSummary;
  zipBytes?: number;
  /** setInputFiles → the change event reached the page. */
  changeEventS?: number;
  /** Long tasks (ms) of Chromium's own setInputFiles work, before the app saw the files (not in loadingLongTasks). */
  fileInputLongTasks?: number[];
  /** Every long task while loading: [start s after setInputFiles, duration ms]. */
  loadingLongTaskList?: [number, number][];
}

export interface AppProfiles {
  /** Main-thread CPU profile from setInputFiles until every file is read. */
  loading?: CpuProfile;
  /** Main-thread CPU profile of the export. */
  export?: CpuProfile;
}

/** Newest modification time (ms) of any file under the given paths. */
function newest(paths: string[]): number {
  let t = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else t = Math.max(t, st.mtimeMs);
  };
  paths.forEach(visit);
  return t;
}

/**
 * dist/ when it is newer than every source of the build; otherwise a fresh build into
 * `scratch` (the repository's dist/ is left alone: other processes may be serving it).
 */
export function ensureDist(root: string, scratch: string, log: (s: string) => void, withSourceMaps: boolean): { dist: string; built: boolean } {
  const dist = join(root, 'dist');
  const index = join(dist, 'index.html');
  const sources = ['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) => join(root, p));
  const fresh = existsSync(index) && statSync(index).mtimeMs >= newest(sources);
  if (fresh && !withSourceMaps) return { dist, built: false };
  const out = join(scratch, 'dist');
  log(withSourceMaps ? 'app: building a copy with source maps into the temp dir (for the profile)'
    : existsSync(index) ? 'app: dist/ is older than its sources; building a fresh copy into the temp dir' : 'app: no dist/; building into the temp dir');
  const t0 = performance.now();
  // With source maps (never fetched by the page; they let the profile name TypeScript sources).
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', out, '--emptyOutDir', '--sourcemap', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  log(`app: built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dist: out, built: true };
}

declare global {
  interface Window {
    __benchLongTasks?: [number, number][];
    /** When the file input's change event reached the page (page clock). */
    __benchChangeAt?: number;
  }
}

/**
 * Chromium's own work for setInputFiles (making 1,000 File objects) is one long task that ends by
 * dispatching the change event; it is there on a blank page with no app code too (~300 ms here).
 * A task that started before the change event and ended within 20 ms after it is that one.
 */
const beforeApp = (start: number, duration: number, changeAt: number | undefined): boolean => changeAt !== undefined && start < changeAt && start + duration <= changeAt + 20;

async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTaskSummary> {
  const { all, changeAt } = await page.evaluate(() => ({ all: window.__benchLongTasks ?? [], changeAt: window.__benchChangeAt }));
  const within = all.filter(([start, d]) => start >= from && start <= to && !beforeApp(start, d, changeAt)).map(([, d]) => d);
  return { count: within.length, longestMs: within.length ? Math.max(...within) : 0, totalMs: within.reduce((a, b) => a + b, 0) };
}

export async function benchApp(root: string, scratch: string, files: string[], log: (s: string) => void, timeoutS: number, profile: boolean): Promise<{ result: AppResult; profiles: AppProfiles; serverUrl: string }> {
  const { dist, built } = ensureDist(root, scratch, log, profile);
  const result: AppResult = { ok: false, dist, built, files: files.length };
  const profiles: AppProfiles = {};
  const server = await serveDist(dist);
  const browser = await launch();
  try {
    result.chromium = browser.context.browser()?.version();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__benchLongTasks = [];
      document.addEventListener('change', () => (window.__benchChangeAt ??= performance.now()), true);
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__benchLongTasks!.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        /* no Long Tasks API: nothing recorded */
      }
    });
    await page.goto(server.url);
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    await page.waitForTimeout(1000); // let the page settle (service worker install, first paint)
    // The app warms up while idle before files arrive (workers, viewer): an operator who opens the
    // page and then picks files finds it done; wait for it (if the build has it) so it is not timed.
    result.warmMs = await page
      .waitForFunction(() => performance.getEntriesByName('veil-warm')[0]?.startTime, null, { timeout: 15_000, polling: 50 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => undefined);

    const cdp = profile ? await browser.context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const pageT0 = await page.evaluate(() => performance.now());
    const t0 = performance.now();
    const since = () => (performance.now() - t0) / 1000;
    const setFiles = page.getByTestId('file-input').setInputFiles(files, { timeout: timeoutS * 1000 });
    const firstSeries = page.getByTestId('series-item').first();
    await firstSeries.waitFor({ timeout: timeoutS * 1000 });
    result.firstSeriesS = since();
    // The app selects the first series by itself once it is listed; click it only if it has not.
    result.autoSelected = /\bselected\b/.test((await firstSeries.getAttribute('class')) ?? '');
    if (!result.autoSelected) await firstSeries.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=viewport]')?.hasAttribute('data-shown-file') ?? false, null, { timeout: timeoutS * 1000, polling: 10 });
    result.firstImageS = since();
    const pageFirst = await page.evaluate(() => performance.now());
    await setFiles;
    await page.waitForFunction(() => !document.querySelector('.load-progress [role=progressbar]') && !document.body.textContent?.includes('still being read'), null, { timeout: timeoutS * 1000, polling: 50 });
    result.loadedS = since();
    const pageLoaded = await page.evaluate(() => performance.now());
    if (cdp) profiles.loading = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
    result.loadingLongTasks = await longTasksBetween(page, pageT0, pageLoaded);
    result.loadingLongTaskList = (await page.evaluate(() => window.__benchLongTasks ?? []))
      .filter(([start]) => start >= pageT0 && start <= pageLoaded)
      .map(([start, d]) => [Math.round(start - pageT0) / 1000, Math.round(d)]);
    result.firstImageLongTasks = await longTasksBetween(page, pageT0, pageFirst);
    const changeAt = await page.evaluate(() => window.__benchChangeAt);
    const browserTasks = (result.loadingLongTaskList ?? []).filter(([s, d]) => beforeApp(pageT0 + s * 1000, d, changeAt));
    if (changeAt !== undefined) {
      result.changeEventS = Math.round(changeAt - pageT0) / 1000;
      result.fileInputLongTasks = browserTasks.map(([, d]) => d);
      log(`app: the change event reached the page ${result.changeEventS.toFixed(2)} s after setInputFiles; Chromium's own file-input task(s) before it, not counted as the app's: ${browserTasks.map(([, d]) => `${d} ms`).join(', ') || 'none'}`);
    }
    log(`app: first series listed ${result.firstSeriesS.toFixed(2)} s (${result.autoSelected ? 'selected by the app' : 'clicked'}); long tasks while loading [s after setInputFiles, ms]: ${(result.loadingLongTaskList ?? []).map(([s, d]) => `${s.toFixed(2)}:${d}`).join(' ')}`);
    const viewMsg = await page.locator('.viewport-message').textContent({ timeout: 100 }).catch(() => null);
    if (viewMsg) log(`app: viewport says: ${viewMsg}`);

    await page.waitForTimeout(500);
    if (cdp) await cdp.send('Profiler.start');
    const pageE0 = await page.evaluate(() => performance.now());
    const e0 = performance.now();
    const downloadP = page.waitForEvent('download', { timeout: timeoutS * 1000 });
    downloadP.catch(() => {}); // a failed export throws below; its missing download is not a second, unhandled error
    await page.getByTestId('export-zip').click();
    // Images the app takes for burned-in text candidates and nobody reviewed: the export asks
    // first (review-gate.ts); answer "Export anyway" at once, as an operator who has looked would.
    const gate = await page.waitForFunction(() => {
      if (/Export (done|failed|cancelled)/.test(document.querySelector('[data-testid=export-status]')?.textContent ?? '')) return 'status';
      return document.querySelector('[data-testid=review-gate-export]') ? 'gate' : false;
    }, null, { timeout: timeoutS * 1000, polling: 20 }).then((h) => h.jsonValue());
    if (gate === 'gate') {
      result.reviewGate = (await page.getByTestId('review-gate').textContent())?.match(/\d+/)?.[0] ?? '?';
      await page.getByTestId('review-gate-export').click();
    }
    await page.waitForFunction(() => /Export (done|failed|cancelled)/.test(document.querySelector('[data-testid=export-status]')?.textContent ?? ''), null, { timeout: timeoutS * 1000, polling: 50 });
    result.exportS = (performance.now() - e0) / 1000;
    const pageE1 = await page.evaluate(() => performance.now());
    if (cdp) profiles.export = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
    result.exportStatus = (await page.getByTestId('export-status').textContent()) ?? '';
    result.exportLongTasks = await longTasksBetween(page, pageE0, pageE1);
    if (!result.exportStatus.includes('done')) throw new Error(result.exportStatus);
    const download = await downloadP;
    const zip = join(scratch, 'app-export.zip');
    await download.saveAs(zip);
    result.zipBytes = statSync(zip).size;
    if (errors.length) log(`app: page errors: ${errors.slice(0, 3).join(' | ')}`);
    result.ok = true;
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
  } finally {
    await browser.close();
    await server.close();
  }
  for (const [k, p] of Object.entries(profiles)) if (p) writeFileSync(join(scratch, `app-${k}.cpuprofile`), JSON.stringify(p));
  return { result, profiles, serverUrl: server.url };
}
