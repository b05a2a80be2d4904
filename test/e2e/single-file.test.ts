// The one-file delivery (issue 7): dist/veil.html opened over file:// in Chromium, as from a USB
// stick. It loads the embedded sample, shows an image (and a JPEG 2000 corpus file, decoded by
// the inlined WASM in the inlined loader worker), draws a redaction box, exports a ZIP through a
// blob: download, and the exported DICOM has the boxed area black; a teaching slide downloads too. Only file:, blob: and data:
// requests are allowed: the page must not touch any network.

import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pngChunks } from '../../src/slides/slide-png.ts';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { browser, DIST_SINGLE, page, pageErrors, useBrowser } from './fixture.ts';
import { CORPUS, corpusPresent } from './corpus.ts';
import { exportZip, slideAnyway, waitIdle } from './helpers.ts';
import { decodePng, imageStats } from './png.ts';
import { drawBox, showFirstOf, type Box } from './viewer-actions.ts';

const W = 320;
const H = 240;

const consoleErrors: string[] = [];
const consoleAll: string[] = [];

const foreign = (urls: string[]) => urls.filter((u) => !/^(?:file|blob|data):/.test(u));

/** Opening the 52 MB file (OCR runtime and models inlined as data: URLs) on a busy 2-core machine takes a while. */
const OPEN_MS = 180_000;

describe('single-file delivery (dist/veil.html over file://)', () => {
  beforeAll(() => {
    if (!existsSync(DIST_SINGLE)) throw new Error('dist/veil.html is missing: run `npm run build` (or the e2e global setup)');
    const size = statSync(DIST_SINGLE).size;
    console.log(`dist/veil.html: ${(size / 1e6).toFixed(2)} MB raw, ${(gzipSync(readFileSync(DIST_SINGLE)).length / 1e6).toFixed(2)} MB gzipped`);
  });
  useBrowser();
  beforeAll(() => {
    page.on('console', (m) => {
      consoleAll.push(m.text());
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  it('is one file with its own CSP, no service worker and no external references', () => {
    const html = readFileSync(DIST_SINGLE, 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"[^>]+default-src 'none'/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/);
    expect(html).not.toContain('sw.js');
  });

  it('loads the sample, redacts the ultrasound image and exports a ZIP from file://', async () => {
    await page.goto(pathToFileURL(DIST_SINGLE).href, { timeout: OPEN_MS });
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').nth(1).waitFor({ timeout: 60_000 });
    await waitIdle(page);
    await showFirstOf(page, 'US');
    await drawBox(page, W, H, [1, 0.5], [319.5, 15.5]);
    const boxItem = page.getByTestId('redaction-box');
    await expect.poll(() => boxItem.count(), { timeout: 10_000 }).toBe(1);
    const box = JSON.parse((await boxItem.first().getAttribute('data-box'))!) as Box;
    expect(box.width * box.height).toBeGreaterThan(1000);

    const zip = await exportZip(page);
    const dcm = Object.entries(zip).filter(([n]) => n.endsWith('.dcm'));
    expect(dcm).toHaveLength(5);
    const us = (await Promise.all(dcm.map(([, b]) => nativePixels(b)))).find((o) => o.modality === 'US');
    expect(us, 'the ultrasound image is exported').toBeDefined();
    let inside = 0;
    let lit = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inBox = x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
        for (let s = 0; s < 3; s++) {
          const v = us!.pixels[(y * W + x) * 3 + s];
          if (inBox) inside += v;
          else if (v) lit++;
        }
      }
    }
    expect(inside, 'every sample in the box is 0').toBe(0);
    expect(lit, 'the rest of the image is still there').toBeGreaterThan(1000);

    // A teaching slide downloads from file:// too, with only the critical PNG chunks.
    const slideDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('slide-export').click();
    await slideAnyway(page);
    const slide = await slideDownload;
    expect(slide.suggestedFilename()).toBe('slide-001.png');
    const slidePath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-single-slide-')), 'slide.png');
    await slide.saveAs(slidePath);
    expect([...new Set(pngChunks(new Uint8Array(readFileSync(slidePath))).map((c) => c.type))]).toEqual(['IHDR', 'IDAT', 'IEND']);

    // No service worker on file:// (Chromium refuses them there; the app must not even try).
    expect(consoleAll.filter((m) => /service worker/i.test(m))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(foreign(browser.requests)).toEqual([]);
  });

  // OCR (PP-OCR on ONNX Runtime Web in its own worker) runs from file:// too: the worker is
  // inlined, the runtime's WebAssembly and the models are data: URLs the page hands it.
  it('finds the burned-in name of the sample with OCR from file://', async () => {
    await page.goto(pathToFileURL(DIST_SINGLE).href, { timeout: OPEN_MS });
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').nth(1).waitFor({ timeout: 60_000 });
    await waitIdle(page);
    await showFirstOf(page, 'US');
    await page.getByTestId('ocr-run').click();
    const items = page.getByTestId('ocr-suggestion');
    await expect.poll(() => items.count(), { timeout: 180_000 }).toBeGreaterThan(0);
    const boxes = await items.evaluateAll((els) => els.map((e) => JSON.parse(e.getAttribute('data-box')!) as { x: number; y: number; width: number; height: number }));
    expect(boxes.some((b) => b.y <= 4 && b.width >= 200), JSON.stringify(boxes)).toBe(true);
    await items.first().getByTestId('ocr-accept').click();
    await expect.poll(() => page.getByTestId('redaction-box').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    expect(foreign(browser.requests)).toEqual([]);
  });

  it.skipIf(!corpusPresent())('shows and redacts a JPEG 2000 file with the inlined codecs', async () => {
    await page.goto(pathToFileURL(DIST_SINGLE).href, { timeout: OPEN_MS });
    await page.getByTestId('file-input').setInputFiles([CORPUS + 'pydicom/MR_small_jp2klossless.dcm']);
    await page.getByTestId('series-item').first().waitFor({ timeout: 60_000 });
    await waitIdle(page);
    await showFirstOf(page, 'MR');
    await expect.poll(() => page.locator('.viewport-message').count()).toBe(0);
    const shot = imageStats(decodePng(new Uint8Array(await page.getByTestId('viewport').screenshot())));
    expect(shot.litShare, 'the decoded MR image is on screen').toBeGreaterThan(0.05);
    expect(shot.levels).toBeGreaterThan(8);
    await drawBox(page, 64, 64, [0.5, 0.5], [31.5, 15.5]);
    const boxItem = page.getByTestId('redaction-box');
    await expect.poll(() => boxItem.count(), { timeout: 10_000 }).toBe(1);
    const box = JSON.parse((await boxItem.first().getAttribute('data-box'))!) as Box;
    const zip = await exportZip(page);
    const out = Object.entries(zip).filter(([n]) => n.endsWith('.dcm'));
    expect(out).toHaveLength(1);
    const p = await nativePixels(out[0][1]);
    const v = new DataView(p.pixels.buffer, p.pixels.byteOffset, p.pixels.byteLength);
    const inBox = new Set<number>();
    for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) inBox.add(v.getUint16((y * 64 + x) * 2, true));
    expect(inBox.size, 'one fill value in the box').toBe(1);
    expect(pageErrors).toEqual([]);
    expect(foreign(browser.requests)).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  });
});
