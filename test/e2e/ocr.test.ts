// Burned-in text found and cleared in the app (issues 4, 13), end to end in Chromium: the OCR assist
// (PP-OCR on ONNX Runtime Web, shipped in the build) proposes boxes, the operator accepts them, the export blacks
// them out; the exported file is decoded and OCR (tesseract in Node, same model) reads no text in
// the boxes while it does read the text in the same place of the original (the positive control).
// Review mode: the export asks about unreviewed candidates; "confirmed clean" gives 113101.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { browser, page, pageErrors, server, useApp } from './fixture.ts';
import { CORPUS, corpusPresent } from './corpus.ts';
import { exportZip, text, waitIdle } from './helpers.ts';
import { boxOf, imagePointer, showFirstOf, type ListedBox } from './redaction-helpers.ts';
import { crop, readFrame, stopNodeOcr } from '../ocr/node-ocr.ts';
import { nodePaddle } from '../ocr/node-paddle.ts';
import { ocrFrame } from '../../src/ocr/frame-ocr.ts';
import { residentIdCheckDigit } from '../../src/core/detect/index.ts';
import { imageElements } from '../core/pixels/image-fixtures.ts';
import { makePart10, T, TS } from '../fixtures/make.ts';
import { deidMethodCodes } from '../fixtures/deid-method-codes.ts';

const US = fileURLToPath(new URL('../../public/samples/us-1.dcm', import.meta.url));
const CJK = ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'].find(existsSync);

const consoleErrors: string[] = [];

type Box = { x: number; y: number; width: number; height: number };
const inside = (b: Box, x: number, y: number) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;

/** Every sample in the boxes is 0, every other sample is the original's. */
function checkRedacted(out: Uint8Array, orig: Uint8Array, w: number, h: number, boxes: Box[]): { black: number; inBoxes: number; changedOutside: number } {
  let black = 0;
  let inBoxes = 0;
  let changedOutside = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const hit = boxes.some((b) => inside(b, x, y));
      for (let s = 0; s < 3; s++) {
        const i = (y * w + x) * 3 + s;
        if (hit) {
          inBoxes++;
          if (out[i] === 0) black++;
        } else if (out[i] !== orig[i]) changedOutside++;
      }
    }
  }
  return { black, inBoxes, changedOutside };
}

async function loadSampleUs(p: Page): Promise<void> {
  await p.goto(server.url);
  await p.getByTestId('sample-button').click();
  await p.getByTestId('series-item').nth(1).waitFor();
  await waitIdle(p);
  await showFirstOf(p, 'US');
}

async function ocrSuggestions(p: Page): Promise<(Box & { n: number })[]> {
  const t0 = Date.now();
  await p.getByTestId('ocr-run').click();
  const items = p.getByTestId('ocr-suggestion');
  await expect.poll(() => items.count(), { timeout: 180_000 }).toBeGreaterThan(0);
  console.log(`e2e: OCR (engine start included) took ${Date.now() - t0} ms`);
  const out: (Box & { n: number })[] = [];
  for (let n = 0; n < (await items.count()); n++) out.push({ n, ...(JSON.parse((await items.nth(n).getAttribute('data-box'))!) as Box) });
  return out;
}

describe('finding and clearing burned-in text', () => {
  useApp();
  beforeAll(() => {
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  });

  afterAll(async () => {
    await stopNodeOcr();
  });

  it('"Find text" then "Accept all" on the sample: the export is black there and OCR reads no name or ID', async () => {
    await loadSampleUs(page);
    const proposals = await ocrSuggestions(page);
    await expect.poll(() => page.getByTestId('ocr-status').getAttribute('data-state')).toBe('done');
    // Outlined on the viewer, dashed.
    await expect.poll(() => page.locator('[data-testid=viewport] svg rect[stroke-dasharray]').count()).toBeGreaterThan(0);
    // The name, ID and date line at (4, 4), 7 px high and ~230 px long is one proposal, marked identifying.
    const name = proposals.find((b) => b.x <= 4 && b.y <= 4 && b.y + b.height >= 11 && b.x + b.width >= 230);
    expect(name, JSON.stringify(proposals)).toBeDefined();
    await expect.poll(() => page.getByTestId('ocr-suggestion').nth(name!.n).getByTestId('ocr-identifying').count()).toBe(1);
    await page.getByTestId('ocr-accept-all').click();
    await expect.poll(() => page.getByTestId('ocr-suggestion').count()).toBe(0);
    await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(proposals.length);
    const boxes: ListedBox[] = [];
    for (let n = 0; n < proposals.length; n++) boxes.push(await boxOf(page, n));
    expect(boxes.every((b) => b.scope === 'instance')).toBe(true);
    // Review: every sample image says BurnedInAnnotation YES (the CT slices carry text too);
    // the ultrasound marked redacted, the other four stay unreviewed (the helper exports anyway).
    await expect.poll(() => page.getByTestId('review-status').getAttribute('data-open')).toBe('5');
    await page.getByTestId('review-mark-redacted').click();
    await expect.poll(() => page.getByTestId('review-status').getAttribute('data-open')).toBe('4');
    const zip = await exportZip(page);
    const report = JSON.parse(text(zip['report.json'])) as { files: { burnedInReview?: string; reviewReasons?: string[]; redactionBoxes?: number }[] };
    expect(report.files.filter((f) => f.burnedInReview === 'redacted')).toEqual([
      expect.objectContaining({ reviewReasons: ['burned-in-annotation', 'modality', 'ocr-text'], redactionBoxes: proposals.length }),
    ]);
    expect(report.files.filter((f) => f.burnedInReview === 'unreviewed')).toHaveLength(4);

    const outs = await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(([, b]) => nativePixels(b)));
    const us = outs.find((o) => o.modality === 'US')!;
    const orig = await nativePixels(new Uint8Array(readFileSync(US)));
    const r = checkRedacted(us.pixels, orig.pixels, 320, 240, boxes);
    expect(r.black).toBe(r.inBoxes);
    expect(r.changedOutside).toBe(0);
    expect(us.burnedIn).toBe('NO');
    // OCR (tesseract in Node, and the app's own engine) reads the name and ID in the original and
    // neither anywhere in the export.
    const frame = (px: Uint8Array) => ({ width: 320, height: 240, components: 3, pixels: px });
    const before = await readFrame(crop(frame(orig.pixels), 0, 0, 320, 40));
    expect(before.words.map((w) => w.text).join(' ')).toMatch(/ZHANG/);
    const after = await readFrame(frame(us.pixels));
    expect(after.words.map((w) => w.text).join(' ')).not.toMatch(/ZHANG|WEI|\d{6,}/);
    const own = await ocrFrame(await nodePaddle(), frame(us.pixels));
    expect(own.map((p) => p.text).join(' ')).not.toMatch(/ZHANG|WEI|\d{6,}/);
    expect(pageErrors).toEqual([]);
  });

  it('a box drawn over the sample name exports black, and OCR finds no text there', async () => {
    await loadSampleUs(page);
    await page.getByTestId('draw-box').click();
    const at = await imagePointer(page, 320, 240);
    await page.mouse.move(...at(2.5, 2.5));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(...at(2.5 + 238 * i / 10, 2.5 + 11 * i / 10));
    await page.mouse.up();
    await page.getByTestId('draw-box').click();
    await expect.poll(() => page.getByTestId('redaction-box').count(), { timeout: 10_000 }).toBe(1);
    const box: ListedBox = await boxOf(page);
    expect(box.x).toBeLessThanOrEqual(3);
    expect(box.x + box.width).toBeGreaterThanOrEqual(240);
    // Not reviewed: the export asks; the e2e helper answers "Export anyway", the report says so.
    const zip = await exportZip(page);
    const report = JSON.parse(text(zip['report.json'])) as { files: { burnedInReview?: string }[] };
    expect(report.files.map((f) => f.burnedInReview)).toEqual(Array(5).fill('unreviewed'));
    const us = (await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(([, b]) => nativePixels(b)))).find((o) => o.modality === 'US')!;
    const orig = await nativePixels(new Uint8Array(readFileSync(US)));
    const r = checkRedacted(us.pixels, orig.pixels, 320, 240, [box]);
    expect(r.black).toBe(r.inBoxes);
    expect(r.changedOutside).toBe(0);
    const frame = (px: Uint8Array) => ({ width: 320, height: 240, components: 3, pixels: px });
    const before = await readFrame(crop(frame(orig.pixels), box.x, box.y, box.width, box.height));
    expect(before.words.map((w) => w.text).join(' ')).toMatch(/ZHANG/);
    const after = await readFrame(crop(frame(us.pixels), box.x, box.y, box.width, box.height));
    expect(after.words.filter((w) => /[\p{L}\p{N}]/u.test(w.text))).toEqual([]);
  });

  it('review mode: the export asks first; confirmed clean exports 113101 with the pixels untouched', async () => {
    await loadSampleUs(page);
    await page.getByTestId('export-zip').click();
    await page.getByTestId('review-gate').waitFor();
    await page.getByTestId('review-gate-review').click();
    await expect.poll(() => page.getByTestId('review-gate').count()).toBe(0);
    await page.getByTestId('review-next').waitFor();
    // Step through all five: each "Confirmed clean" moves on to the next unreviewed image.
    for (let open = 5; open > 0; open--) {
      await expect.poll(() => page.getByTestId('review-status').getAttribute('data-open')).toBe(String(open));
      await expect.poll(() => page.getByTestId('review-current').getAttribute('data-status')).toBe('unreviewed');
      await page.getByTestId('review-confirm-clean').click();
    }
    await expect.poll(() => page.getByTestId('review-status').getAttribute('data-open')).toBe('0');
    const zip = await exportZip(page);
    const report = JSON.parse(text(zip['report.json'])) as { files: { burnedInReview?: string }[] };
    expect(report.files.map((f) => f.burnedInReview)).toEqual(Array(5).fill('confirmed-clean'));
    const outs = await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(async ([, b]) => ({ b, p: await nativePixels(b) })));
    const us = outs.find((o) => o.p.modality === 'US')!;
    expect(us.p.burnedIn).toBe('NO');
    expect(await deidMethodCodes(us.b)).toContain('113101');
    const orig = await nativePixels(new Uint8Array(readFileSync(US)));
    expect(Buffer.compare(Buffer.from(us.p.pixels), Buffer.from(orig.pixels))).toBe(0);
    for (const o of outs) expect(o.p.burnedIn).toBe('NO');
  });

  it('reads every image of a series: the four CT slices each get proposals over their name line', async () => {
    await page.goto(server.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').nth(1).waitFor();
    await waitIdle(page);
    await showFirstOf(page, 'CT');
    await page.getByTestId('ocr-run-series').click();
    await expect.poll(() => page.getByTestId('ocr-status').textContent(), { timeout: 180_000 }).toMatch(/OCR proposed \d+ box/);
    // The shown slice lists its own proposals; the other three slices' are counted apart.
    await expect.poll(() => page.getByTestId('ocr-suggestion').count()).toBeGreaterThan(0);
    const own = await page.getByTestId('ocr-suggestion').count();
    const first = JSON.parse((await page.getByTestId('ocr-suggestion').first().getAttribute('data-box'))!) as Box;
    expect(first.y).toBeLessThanOrEqual(3);
    expect(await page.getByText(/more proposals? on other images/).textContent()).toMatch(/^(\d+) more/);
    const elsewhere = Number(/^(\d+)/.exec((await page.getByText(/more proposals? on other images/).textContent())!)![1]);
    expect(elsewhere).toBeGreaterThanOrEqual(3 * own - 3);
    // OCR hits make the slices review candidates for that reason too.
    await expect.poll(() => page.getByTestId('review-current').textContent()).toMatch(/OCR found text/);
  });

  it.skipIf(!corpusPresent())('clears deid/ultrasounds/RGB_IMAGE.dcm with accepted OCR proposals', async () => {
    const path = CORPUS + 'deid/ultrasounds/RGB_IMAGE.dcm';
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles([path]);
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
    await showFirstOf(page, 'US');
    const proposals = await ocrSuggestions(page);
    // The identifying header lines (name, MRN, date and time, accession, institution) are proposed.
    const top = proposals.filter((b) => b.y < 60);
    expect(top.length, JSON.stringify(proposals)).toBeGreaterThanOrEqual(3);
    await page.getByTestId('ocr-accept-all').click();
    await expect.poll(() => page.getByTestId('ocr-suggestion').count()).toBe(0);
    await expect.poll(() => page.getByTestId('redaction-box').count()).toBe(proposals.length);
    const boxes: Box[] = [];
    for (let n = 0; n < proposals.length; n++) boxes.push(await boxOf(page, n));
    await page.getByTestId('review-mark-redacted').click();
    const zip = await exportZip(page);
    const out = Object.entries(zip).filter(([n]) => n.endsWith('.dcm'));
    expect(out).toHaveLength(1);
    const ex = await nativePixels(out[0][1]);
    const orig = await nativePixels(new Uint8Array(readFileSync(path)));
    expect(ex.pixels.length).toBe(1024 * 768 * 3);
    const r = checkRedacted(ex.pixels, orig.pixels, 1024, 768, boxes);
    expect(r.black).toBe(r.inBoxes);
    expect(r.changedOutside).toBe(0);
    expect(ex.burnedIn).toBe('NO');
    // OCR on the top band: the original shows the name and MRN, the export none of them.
    const frame = (px: Uint8Array) => ({ width: 1024, height: 768, components: 3, pixels: px });
    const before = (await readFrame(crop(frame(orig.pixels), 0, 0, 900, 60))).words.map((w) => w.text).join(' ');
    expect(before).toMatch(/ZZZDOWNTIME/);
    expect(before).toMatch(/00047431395/);
    const after = (await readFrame(crop(frame(ex.pixels), 0, 0, 900, 60))).words.map((w) => w.text).join(' ');
    expect(after).not.toMatch(/ZZZ|DOWNTIME|MARY|0004743|120907|CLEVELAND/);
    // OCR fetched nothing from elsewhere (models, ONNX Runtime and worker script are the app's
    // own) and left nothing in browser storage.
    const origin = new URL(server.url).origin;
    expect(browser.requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u))).toEqual([]);
    expect(browser.requests.some((u) => /ch_PP-OCRv4_rec_infer.*\.onnx$/.test(u))).toBe(true);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!CJK)('proposes a Chinese name and ID burned into 16-bit pixels under a window that shows them black', async () => {
    const w = 256;
    const id17 = '11010519491231002';
    const id = id17 + residentIdCheckDigit(id17);
    GlobalFonts.registerFromPath(CJK!, 'E2ECJK');
    const c = createCanvas(w, w);
    const g = c.getContext('2d');
    g.fillStyle = '#000';
    g.fillRect(0, 0, w, w);
    g.fillStyle = '#fff';
    g.font = '14px E2ECJK';
    g.fillText('张伟', 8, 20);
    g.fillText(id, 8, 44);
    const rgba = g.getImageData(0, 0, w, w).data;
    const px = new Uint16Array(w * w);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) px[y * w + x] = Math.round(60 + 40 * Math.sin(x / 9) * Math.cos(y / 13) ** 2 + Math.max(0, 80 - Math.hypot(x - 150, y - 150)));
    for (let i = 0; i < px.length; i++) px[i] = Math.round(px[i] * (1 - rgba[i * 4] / 255) + 255 * (rgba[i * 4] / 255));
    // Stored 0..255 with a CT-like window (centre 1064, width 400): the viewer shows it black.
    const file = makePart10(imageElements({ rows: w, cols: w, bitsAllocated: 16, pi: 'MONOCHROME2', extra: [
      { tag: T.WindowCenter, vr: 'DS', value: '1064' }, { tag: T.WindowWidth, vr: 'DS', value: '400' },
    ] }, { tag: T.PixelData, vr: 'OW', value: new Uint8Array(px.buffer) }), { transferSyntax: TS.ExplicitLE });
    const path = join(mkdtempSync(join(tmpdir(), 'veil-ocr-e2e-')), 'hidden-name.dcm');
    writeFileSync(path, file);
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles([path]);
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
    await showFirstOf(page, 'OT');
    const proposals = await ocrSuggestions(page);
    await expect.poll(() => page.getByTestId('ocr-status').getAttribute('data-state')).toBe('done');
    const texts = await page.getByTestId('ocr-suggestion').allTextContents();
    expect(texts.join(' | ')).toContain('张伟');
    expect(proposals.some((b) => b.x <= 8 && b.y <= 9 && b.x + b.width >= 36 && b.y + b.height >= 21), JSON.stringify(proposals)).toBe(true);
    // The ID line is read and marked identifying (a valid resident ID).
    const idItem = page.getByTestId('ocr-suggestion').filter({ hasText: id });
    await expect.poll(() => idItem.getByTestId('ocr-identifying').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
