// Moving and resizing a drawn redaction box with the mouse (issue 4): the store follows the
// viewer's box, and the export blacks out the new place while the old place keeps its pixels.
// A template loaded before the matching images are read applies to them when they arrive.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNativeImage } from '../core/pixels/image-fixtures.ts';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { exportZip, openSample, waitIdle } from './helpers.ts';
import { boxOf, imagePointer, showFirstOf } from './redaction-helpers.ts';

const US = fileURLToPath(new URL('../../public/samples/us-1.dcm', import.meta.url));
const W = 320;
const H = 240;

describe('editing a redaction box', () => {
  useApp();

  it('moves a box by its edge and resizes it by a corner; the export follows', async () => {
    await openSample(page, server.url);
    await showFirstOf(page, 'US');
    // Draw a 40 x 20 box at (100, 100).
    await page.getByTestId('draw-box').click();
    let at = await imagePointer(page, W, H);
    await page.mouse.move(...at(100.5, 100.5));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(...at(100.5 + 39 * i / 10, 100.5 + 19 * i / 10));
    await page.mouse.up();
    await page.getByTestId('draw-box').click();
    await expect.poll(() => page.getByTestId('redaction-box').count(), { timeout: 10_000 }).toBe(1);
    const drawn = await boxOf(page);
    // Within a pixel of the intended box (page points map to image pixels at ~1.5 px per pixel).
    for (const [k, v] of [['x', 100], ['y', 100], ['width', 40], ['height', 20]] as const) expect(Math.abs(drawn[k] - v), k).toBeLessThanOrEqual(1);

    // The panel's list grew, so the viewport (and the image in it) changed size: map again.
    at = await imagePointer(page, W, H);
    // Move: grab the top edge in its middle, drag 60 px right and 50 px down (image pixels).
    const grab: [number, number] = [drawn.x + drawn.width / 2, drawn.y];
    await page.mouse.move(...at(...grab));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(...at(grab[0] + 6 * i, grab[1] + 5 * i));
    await page.mouse.up();
    await expect.poll(async () => (await boxOf(page)).x, { timeout: 10_000 }).not.toBe(drawn.x);
    const moved = await boxOf(page);
    expect(Math.abs(moved.x - (drawn.x + 60))).toBeLessThanOrEqual(1);
    expect(Math.abs(moved.y - (drawn.y + 50))).toBeLessThanOrEqual(1);
    expect(moved.width).toBeGreaterThanOrEqual(drawn.width);

    at = await imagePointer(page, W, H);
    // Resize: drag the bottom-right corner 20 px right and 10 px down.
    const corner: [number, number] = [moved.x + moved.width, moved.y + moved.height];
    await page.mouse.move(...at(...corner));
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(...at(corner[0] + 2 * i, corner[1] + i));
    await page.mouse.up();
    await expect.poll(async () => (await boxOf(page)).width, { timeout: 10_000 }).not.toBe(moved.width);
    const resized = await boxOf(page);
    expect(resized.x).toBe(moved.x);
    expect(resized.y).toBe(moved.y);
    expect(Math.abs(resized.x + resized.width - (corner[0] + 20))).toBeLessThanOrEqual(1);
    expect(Math.abs(resized.y + resized.height - (corner[1] + 10))).toBeLessThanOrEqual(1);

    const zip = await exportZip(page);
    const outs = await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(([, b]) => nativePixels(b)));
    const us = outs.find((o) => o.modality === 'US')!;
    const orig = await nativePixels(new Uint8Array(readFileSync(US)));
    let blackInside = 0;
    let total = 0;
    let changedOutside = 0;
    let oldAreaKept = 0;
    let oldAreaTotal = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inNew = x >= resized.x && x < resized.x + resized.width && y >= resized.y && y < resized.y + resized.height;
        const inOld = x >= drawn.x && x < drawn.x + drawn.width && y >= drawn.y && y < drawn.y + drawn.height;
        for (let s = 0; s < 3; s++) {
          const i = (y * W + x) * 3 + s;
          if (inNew) {
            total++;
            if (us.pixels[i] === 0) blackInside++;
          } else if (us.pixels[i] !== orig.pixels[i]) changedOutside++;
          if (inOld && !inNew) {
            oldAreaTotal++;
            if (us.pixels[i] === orig.pixels[i]) oldAreaKept++;
          }
        }
      }
    }
    expect(blackInside).toBe(total);
    expect(changedOutside).toBe(0);
    expect(oldAreaTotal).toBeGreaterThan(0);
    expect(oldAreaKept).toBe(oldAreaTotal);
    // The old place was not black to start with (so the check above can fail).
    let oldNonZero = 0;
    for (let y = drawn.y; y < drawn.y + drawn.height; y++) for (let x = drawn.x; x < drawn.x + drawn.width; x++) oldNonZero += orig.pixels[(y * W + x) * 3] ? 1 : 0;
    expect(oldNonZero).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it('a template loaded earlier applies to matching images loaded later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-later-'));
    const other = join(dir, 'other.dcm');
    writeFileSync(other, makeNativeImage({ rows: 48, cols: 64, bitsAllocated: 8, spp: 3, pi: 'RGB' }));
    const tpl = join(dir, 'template.json');
    writeFileSync(tpl, JSON.stringify({ version: 1, templates: [{ name: 'US 320x240', match: { Rows: H, Columns: W }, boxes: [{ x: 0, y: 0, width: W, height: 14 }] }] }));
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles([other]);
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
    await showFirstOf(page, 'OT');
    await page.getByTestId('template-load').setInputFiles(tpl);
    await page.getByTestId('templates-in-use').waitFor();
    expect(await page.getByTestId('redaction-box').count()).toBe(0);
    // Now the ultrasound arrives.
    await page.getByTestId('file-input').setInputFiles([US]);
    await page.getByTestId('series-item').filter({ hasText: 'US' }).first().waitFor();
    await waitIdle(page);
    await showFirstOf(page, 'US');
    await expect.poll(() => page.getByTestId('redaction-box').count(), { timeout: 10_000 }).toBe(1);
    expect(await boxOf(page)).toMatchObject({ x: 0, y: 0, width: W, height: 14, scope: 'device' });
    const zip = await exportZip(page);
    const outs = await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(([, b]) => nativePixels(b)));
    const us = outs.find((o) => o.modality === 'US')!;
    const orig = await nativePixels(new Uint8Array(readFileSync(US)));
    expect(us.pixels.subarray(0, W * 14 * 3).every((v) => v === 0)).toBe(true);
    expect(Buffer.compare(Buffer.from(us.pixels.subarray(W * 14 * 3)), Buffer.from(orig.pixels.subarray(W * 14 * 3)))).toBe(0);
    expect(orig.pixels.subarray(0, W * 14 * 3).some((v) => v !== 0)).toBe(true);
    expect(outs.find((o) => o.modality === 'OT')!.burnedIn).not.toBe('NO');
  });
});
