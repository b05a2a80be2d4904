// Small helpers shared by the e2e tests: wait until loading is over, run an export to the end
// (answering the release dialog when it opens) and unzip the download — the shareable ZIP, which
// must hold DICOM only, and the private records saved apart ("Save private records").

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function waitIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => !document.querySelector('.load-progress [role=progressbar]') && !document.body.textContent?.includes('still being read'), null, { timeout: 60_000 });
}

/** Open the app at `url`, load the built-in sample (a CT and an ultrasound series) and wait until it is read. */
export async function openSample(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await p.getByTestId('sample-button').click();
  await p.getByTestId('series-item').nth(1).waitFor();
  await waitIdle(p);
}

/** Images that may carry burned-in text and were not reviewed: the export asks first (issue 4); export anyway. */
export async function exportAnyway(p: Page, expected = false): Promise<void> {
  const anyway = p.getByTestId('review-gate-export');
  // `expected`: the gate is known to open (unreviewed images): wait as long as a loaded machine needs.
  if (await anyway.waitFor({ timeout: expected ? 60_000 : 1500 }).then(() => true, () => false)) await anyway.click();
}

/** The shown images may carry unreviewed burned-in text: the slide panel asks first (issue 11); save anyway. */
export async function slideAnyway(p: Page): Promise<void> {
  const anyway = p.getByTestId('slide-export-anyway');
  if (await anyway.waitFor({ timeout: 1500 }).then(() => true, () => false)) await anyway.click();
}

/** The shareable bundle holds DICOM only (a DICOMDIR when asked for): no CSV, JSON or log. */
export function expectDicomOnly(zip: Record<string, Uint8Array>): void {
  // Every entry is a Part 10 file ("DICM" after the preamble), whatever its name (.dcm, or a PS3.10 file ID).
  const latin1 = new TextDecoder('latin1');
  expect(Object.entries(zip).filter(([n, b]) => latin1.decode(b.subarray(128, 132)) !== 'DICM').map(([n]) => n)).toEqual([]);
}

/** Click "Save private records" (enabled once an export is done) and return the unzipped records. */
export async function savePrivateRecords(p: Page): Promise<Record<string, Uint8Array>> {
  const downloaded = p.waitForEvent('download', { timeout: 60_000 });
  await p.getByTestId('export-private').click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^veil-private-records-.*\.zip$/);
  const zipPath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-private-')), 'private.zip');
  await download.saveAs(zipPath);
  return unzipSync(new Uint8Array(readFileSync(zipPath)));
}

/**
 * Click "Download ZIP", let `onDialog` answer the release dialog if it opens; returns the
 * unzipped archive (checked to hold DICOM only) together with the private records.
 */
export async function exportZip(p: Page, onDialog?: () => Promise<void>): Promise<Record<string, Uint8Array>> {
  const shared = await exportShared(p, onDialog);
  expectDicomOnly(shared);
  return { ...shared, ...(await savePrivateRecords(p)) };
}

/** Click "Download ZIP" and return the unzipped shareable archive alone. */
export async function exportShared(p: Page, onDialog?: () => Promise<void>): Promise<Record<string, Uint8Array>> {
  const downloaded = p.waitForEvent('download', { timeout: 120_000 });
  await p.getByTestId('export-zip').click();
  // The review gate asks once every file is read (seconds on a loaded machine): answer it whenever it opens.
  let finished = false;
  void downloaded.finally(() => (finished = true)).catch(() => {});
  const anyway = p.getByTestId('review-gate-export');
  void (async () => {
    while (!finished) {
      if (await anyway.isVisible().catch(() => false)) return void (await anyway.click().catch(() => {}));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  if (onDialog) {
    await p.getByTestId('release-dialog').waitFor({ timeout: 60_000 });
    await onDialog();
  }
  const download = await downloaded;
  await expect.poll(() => p.getByTestId('export-status').textContent(), { timeout: 60_000 }).toContain('done');
  const zipPath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-zip-')), 'export.zip');
  await download.saveAs(zipPath);
  return unzipSync(new Uint8Array(readFileSync(zipPath)));
}

/** Write an unzipped archive into a new folder; returns the folder. */
export function writeTree(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-unzipped-'));
  for (const [n, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, n)), { recursive: true });
    writeFileSync(join(dir, n), bytes);
  }
  return dir;
}

export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
