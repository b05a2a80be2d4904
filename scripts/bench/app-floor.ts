// The floor of the app's export, measured beside it by `npm run bench`: scripts/bench/app-floor/
// (a page built here with Vite from the app's own modules) sends the CT series through a pool of
// the export's size doing the export's plumbing with no DICOM work — Blob read, WebCrypto SHA-256
// of input and output, the output copied into a new buffer, CRC-32, the transfer back, the stored
// ZIP in Blob parts and its download — and, in a second run, core's reader over every input and
// output too. Driven like the app (file input, click, wait for the status), in the same Chromium.

import { join } from 'node:path';
import { launch } from '../../test/e2e/browser.ts';
import { serveDist } from '../../test/e2e/static-server.ts';

export interface AppFloorResult {
  /** Seconds from the click to the status "done": plumbing only. */
  plainS?: number;
  /** The same with every input and output parsed by core's reader. */
  parsedS?: number;
  error?: string;
}

async function buildFloorPage(root: string, out: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(root, 'scripts/bench/app-floor'),
    base: './',
    logLevel: 'error',
    worker: { format: 'es' },
    build: { outDir: out, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
}

export async function benchAppFloor(root: string, scratch: string, files: string[], timeoutS: number): Promise<AppFloorResult> {
  const dist = join(scratch, 'app-floor-dist');
  const result: AppFloorResult = {};
  try {
    await buildFloorPage(root, dist);
  } catch (err) {
    return { error: `could not build the floor page: ${(err as Error).message.split('\n')[0]}` };
  }
  const server = await serveDist(dist);
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    for (const parse of [false, true]) {
      await page.goto(`${server.url}${parse ? '?parse=1' : ''}`);
      await page.getByTestId('file-input').setInputFiles(files, { timeout: timeoutS * 1000 });
      await page.waitForTimeout(500);
      const download = page.waitForEvent('download', { timeout: timeoutS * 1000 });
      download.catch(() => {});
      const t0 = performance.now();
      await page.getByTestId('run-floor').click();
      await page.waitForFunction(() => /done|failed/.test(document.querySelector('[data-testid=floor-status]')?.textContent ?? ''), null, { timeout: timeoutS * 1000, polling: 50 });
      const s = (performance.now() - t0) / 1000;
      const status = (await page.getByTestId('floor-status').textContent()) ?? '';
      if (!status.startsWith('done')) throw new Error(status);
      await download;
      if (parse) result.parsedS = s;
      else result.plainS = s;
    }
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
  } finally {
    await browser.close();
    await server.close();
  }
  return result;
}
