// Teaching slides (issue 7) end to end on the served app: load the sample, draw a box on the
// ultrasound image, save a PNG slide with a caption and check the downloaded bytes: only
// IHDR/IDAT/IEND chunks, the boxed area black, the caption band drawn, and no patient name,
// patient ID, caption text or file name anywhere in the file. Then a JPEG slide (no APPn/COM
// segment), a batch of the CT series (a stored ZIP of slide-001.png…), and a batch of two CT
// images ticked in the tree (one with the keyboard): exactly two slides, the same pixels as those
// images' slides in the series batch.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { jpegProblems, jpegSegments } from '../../src/slides/slide-jpeg.ts';
import { pngChunks } from '../../src/slides/slide-png.ts';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { tag } from '../../src/core/dicom/tag.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { openSample, slideAnyway } from './helpers.ts';
import { decodePng } from './png.ts';
import { drawBox, showFirstOf, type Box } from './viewer-actions.ts';

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const W = 320;
const H = 240;
const CAPTION = 'Teaching caption 教学';

let seriesSlides: Record<string, Uint8Array> = {};

async function identity(file: string): Promise<string[]> {
  const f = await readPart10(new MemorySource(new Uint8Array(readFileSync(SAMPLES + file))));
  const str = (t: number) => {
    const el = findElement(f.dataset, t);
    return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes).trim() : '';
  };
  return [str(tag(0x0010, 0x0010)), str(tag(0x0010, 0x0020)), str(tag(0x0020, 0x000d))].filter((v) => v.length >= 3);
}

async function save(d: Download): Promise<{ name: string; bytes: Uint8Array }> {
  const path = join(mkdtempSync(join(tmpdir(), 'veil-e2e-slide-')), 'slide');
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

async function slide(p: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const downloaded = p.waitForEvent('download', { timeout: 60_000 });
  await p.getByTestId('slide-export').click();
  await slideAnyway(p); // the sample's images say Burned In Annotation YES and are not reviewed
  return save(await downloaded);
}

function assertNoIdentity(bytes: Uint8Array, values: string[]): void {
  const latin = Buffer.from(bytes).toString('latin1');
  const utf8 = Buffer.from(bytes).toString('utf8');
  for (const v of [...values, 'us-1', 'ct-1', '.dcm', 'sample', 'Teaching caption']) {
    expect(latin.includes(v) || utf8.includes(v), `the slide contains "${v}"`).toBe(false);
  }
}

describe('teaching slides', () => {
  useApp();
  beforeAll(() => openSample(page, server.url));

  it('saves a PNG slide with the box burned in, a caption and no metadata', async () => {
    await showFirstOf(page, 'US');
    await drawBox(page, W, H, [1, 0.5], [319.5, 15.5]);
    const boxItem = page.getByTestId('redaction-box');
    await expect.poll(() => boxItem.count(), { timeout: 10_000 }).toBe(1);
    const box = JSON.parse((await boxItem.first().getAttribute('data-box'))!) as Box;
    await page.getByTestId('slide-caption').fill(CAPTION);
    await page.getByTestId('slide-format').selectOption('png');
    const { name, bytes } = await slide(page);
    expect(name).toBe('slide-001.png');
    expect([...new Set(pngChunks(bytes).map((c) => c.type))]).toEqual(['IHDR', 'IDAT', 'IEND']);
    assertNoIdentity(bytes, await identity('us-1.dcm'));

    const img = decodePng(bytes);
    expect(img.width).toBe(W);
    expect(img.height).toBeGreaterThan(H); // the caption band
    let inBox = 0;
    let litOutside = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 4;
        const v = img.data[i] + img.data[i + 1] + img.data[i + 2];
        if (x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height) inBox += v;
        else if (v > 30) litOutside++;
      }
    }
    expect(inBox, 'the boxed area is black').toBe(0);
    expect(litOutside, 'the image itself is there').toBeGreaterThan(W * H * 0.05);
    let captionInk = 0;
    for (let y = H; y < img.height; y++) for (let x = 0; x < W; x++) if (img.data[(y * W + x) * 4] > 128) captionInk++;
    expect(captionInk, 'the caption is drawn under the image').toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('slide-status').textContent()).toContain('slide-001.png');
    // The status follows a language switch: it is rendered from what happened, not kept as a sentence.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('slide-status').textContent()).toBe('已保存 slide-001.png：共 1 张，不含元数据。');
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('slide-status').textContent()).toBe('Saved slide-001.png: 1 slide(s), no metadata.');
  });

  it('saves a JPEG slide without APPn or COM segments', async () => {
    await page.getByTestId('slide-format').selectOption('jpeg');
    const { name, bytes } = await slide(page);
    expect(name).toBe('slide-001.jpg');
    expect(jpegProblems(bytes)).toEqual([]);
    const markers = jpegSegments(bytes).map((s) => s.marker);
    expect(markers[0]).toBe(0xd8);
    expect(markers.at(-1)).toBe(0xd9);
    expect(markers).toContain(0xda);
    assertNoIdentity(bytes, await identity('us-1.dcm'));
  });

  it('saves every image of a series as slide-001.png… in a stored ZIP', async () => {
    await showFirstOf(page, 'CT');
    await page.getByTestId('slide-format').selectOption('png');
    await page.getByTestId('slide-caption').fill('');
    await page.getByTestId('slide-batch').check();
    const { name, bytes } = await slide(page);
    expect(name).toBe('slides.zip');
    const files = unzipSync(bytes);
    seriesSlides = files;
    expect(Object.keys(files).sort()).toEqual(['slide-001.png', 'slide-002.png', 'slide-003.png', 'slide-004.png']);
    const ids = await identity('ct-1.dcm');
    for (const png of Object.values(files)) {
      expect([...new Set(pngChunks(png).map((c) => c.type))]).toEqual(['IHDR', 'IDAT', 'IEND']);
      assertNoIdentity(png, ids);
      expect(decodePng(png).width).toBeGreaterThanOrEqual(512);
    }
    assertNoIdentity(bytes, ids);
    await page.getByTestId('slide-batch').uncheck();
    expect(pageErrors).toEqual([]);
  });

  it('saves only the images ticked in the tree, one PNG each', async () => {
    const picks = page.getByTestId('instance-select');
    await expect.poll(() => picks.count()).toBe(4);
    await expect.poll(() => page.getByTestId('series-select').count()).toBeGreaterThanOrEqual(2);
    await picks.nth(0).check();
    await picks.nth(2).focus();
    await page.keyboard.press('Space');
    expect(await picks.nth(2).isChecked()).toBe(true);
    expect(await picks.nth(1).isChecked()).toBe(false);
    // The series box shows "some ticked".
    const ctSeries = page.locator('.series-row').filter({ has: page.locator('.series.selected') }).getByTestId('series-select');
    expect(await ctSeries.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    expect(await picks.nth(0).getAttribute('aria-label')).toMatch(/Tick image/);

    await page.getByTestId('slide-batch').check();
    await expect.poll(() => page.getByTestId('slide-batch-source').getAttribute('data-source')).toBe('selected');
    expect(await page.getByTestId('slide-batch-source').textContent()).toContain('2 images ticked');
    const { name, bytes } = await slide(page);
    expect(name).toBe('slides.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['slide-001.png', 'slide-002.png']);
    const ids = await identity('ct-1.dcm');
    for (const png of Object.values(files)) {
      expect([...new Set(pngChunks(png).map((c) => c.type))]).toEqual(['IHDR', 'IDAT', 'IEND']);
      assertNoIdentity(png, ids);
    }
    // The first and third image of the series, rendered exactly as in the whole-series batch.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(decodePng(a).data), Buffer.from(decodePng(b).data)) === 0;
    expect(same(files['slide-001.png']!, seriesSlides['slide-001.png']!)).toBe(true);
    expect(same(files['slide-002.png']!, seriesSlides['slide-003.png']!)).toBe(true);
    expect(same(files['slide-002.png']!, files['slide-001.png']!)).toBe(false);

    // Nothing ticked: back to the shown series, and the panel says so.
    await page.getByTestId('slide-clear-selection').click();
    await expect.poll(() => page.getByTestId('slide-batch-source').getAttribute('data-source')).toBe('series');
    expect(await picks.nth(0).isChecked()).toBe(false);

    // Shift+click ticks the range from the last box; the series box then shows "all".
    await picks.nth(0).check();
    await picks.nth(3).click({ modifiers: ['Shift'] });
    for (let i = 0; i < 4; i++) expect(await picks.nth(i).isChecked(), `image ${i + 1}`).toBe(true);
    expect(await ctSeries.isChecked()).toBe(true);
    expect(await ctSeries.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(false);
    await ctSeries.uncheck();
    for (let i = 0; i < 4; i++) expect(await picks.nth(i).isChecked()).toBe(false);

    // A series that is not shown (the ultrasound, ticked with its series box): rendered at its own
    // window/level, with the box drawn on it in the first test burned in.
    const usPick = page.locator('.series-row').filter({ hasText: 'US' }).getByTestId('series-select');
    await usPick.check();
    await expect.poll(() => page.getByTestId('slide-batch-source').getAttribute('data-source')).toBe('selected');
    const us = unzipSync((await slide(page)).bytes);
    expect(Object.keys(us)).toEqual(['slide-001.png']);
    const img = decodePng(us['slide-001.png']!);
    expect([img.width, img.height]).toEqual([W, H]);
    let inBox = 0;
    let lit = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const v = img.data[(y * W + x) * 4] + img.data[(y * W + x) * 4 + 1] + img.data[(y * W + x) * 4 + 2];
        if (y < 15 && x >= 1 && x < 319) inBox += v;
        else if (v > 30) lit++;
      }
    }
    expect(inBox, 'the boxed area is black').toBe(0);
    expect(lit, 'the image itself is there').toBeGreaterThan(W * H * 0.05);
    assertNoIdentity(us['slide-001.png']!, await identity('us-1.dcm'));
    await usPick.uncheck();
    await page.getByTestId('slide-batch').uncheck();
    expect(pageErrors).toEqual([]);
  });
});
