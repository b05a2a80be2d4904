// The app end to end in Chromium: load the sample and corpus files through the file input, see
// the tree and the header plan, see rendered images, change an option, export a ZIP, check the
// ZIP with core (identifying values gone, UIDs consistent, mapping CSVs and report, the audit
// log verifies with core and with `veil verify-audit` on the unzipped folder), keep nothing in
// the browser's storage, work offline from the service worker, and never make a request to
// another origin.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { sha256Hex } from '../../src/core/audit/hashing.ts';
import { makeCharsetCodec } from '../../src/core/charset/specific-character-set.ts';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { tag } from '../../src/core/dicom/tag.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { browser, page, pageErrors, ROOT, server, useApp } from './fixture.ts';
import { CORPUS, CORPUS_FILES, corpusPresent } from './corpus.ts';
import { decodePng, imageStats } from './png.ts';
import { exportAnyway, savePrivateRecords, waitIdle } from './helpers.ts';

const SAMPLE_COUNT = 5;
const RESIDENT_ID = '11010519491231002X';

/** Select an instance and wait until the viewport has drawn it; returns its pixel statistics. */
async function showInstance(p: Page, fileId: string): Promise<{ litShare: number; levels: number } | string> {
  await p.locator(`[data-testid=instance-item][data-file-id="${fileId}"]`).click();
  const viewport = p.getByTestId('viewport');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const message = await p.locator('.viewport-message').textContent({ timeout: 50 }).catch(() => null);
    if (message) return message;
    if ((await viewport.getAttribute('data-shown-file')) === fileId) {
      await p.waitForTimeout(150);
      return imageStats(decodePng(await viewport.screenshot()));
    }
    await p.waitForTimeout(100);
  }
  return 'timed out waiting for the image to be drawn';
}

function str(ds: Parameters<typeof findElement>[0], t: number): string {
  const el = findElement(ds, t);
  return el && el.value.kind === 'bytes' ? asciiValue(el.value.bytes) : '';
}

function includesBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('Veil in the browser', () => {
  useApp();
  beforeAll(async () => {
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.addStyleTag({ content: '' }).catch(() => {});
  });

  it('loads, inspects, views and exports with no request to another origin', async () => {
    await page.goto(server.url);
    await page.addStyleTag({ content: '.viewport-overlay { display: none !important; }' });

    // The sample, one click away.
    const t0 = Date.now();
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').nth(1).waitFor();
    await waitIdle(page);
    const sampleLoadMs = Date.now() - t0;
    await page.getByTestId('series-item').first().click();
    const firstCt = await page.getByTestId('instance-item').first().getAttribute('data-file-id');
    const ctStats = await showInstance(page, firstCt!);
    const sampleFirstImageMs = Date.now() - t0;
    console.log(`e2e: sample read in ${sampleLoadMs} ms, first image drawn after ${sampleFirstImageMs} ms`);
    expect(ctStats, 'sample CT slice drawn').toMatchObject({});
    expect(typeof ctStats === 'string' ? ctStats : ctStats.litShare).toBeGreaterThan(0.1);
    await page.screenshot({ path: join(tmpdir(), 'veil-e2e-sample.png') });

    // The header plan of the selected instance.
    await page.getByTestId('header-row').first().waitFor();
    const allRows = await page.getByTestId('header-row').count();
    expect(allRows).toBeGreaterThan(15);
    const nameRow = page.getByTestId('header-row').filter({ hasText: 'PatientName' });
    await expect.poll(() => nameRow.count()).toBeGreaterThan(0);
    expect(await nameRow.first().textContent()).toContain('张');
    await page.getByRole('checkbox', { name: 'identifying only' }).check();
    await expect.poll(() => page.getByTestId('header-row').filter({ hasText: 'Modality' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'identifying only' }).uncheck();

    // Changing an option re-plans at once.
    const sopRow = () => page.getByTestId('header-row').filter({ hasText: 'SOPInstanceUID' }).locator('.c-act').first();
    await expect.poll(() => sopRow().textContent()).toBe('U');
    await page.locator('input[data-option=retainUIDs]').check();
    await expect.poll(() => sopRow().textContent()).toBe('K');
    await page.locator('input[data-option=retainUIDs]').uncheck();
    await expect.poll(() => sopRow().textContent()).toBe('U');

    // Corpus files through the file input, plus a file that is not DICOM.
    const notDicom = join(mkdtempSync(join(tmpdir(), 'veil-e2e-')), 'README.txt');
    writeFileSync(notDicom, 'not a DICOM file\n');
    // A ZIP archive with a DICOM file in a nested folder (opened in the browser with zip.js), and
    // an entry whose name climbs out of the archive: listed as refused, never extracted.
    const archive = join(mkdtempSync(join(tmpdir(), 'veil-e2e-')), 'archive.zip');
    const zipped = readFileSync(fileURLToPath(new URL('../../public/samples/ct-3.dcm', import.meta.url)));
    // A new SOP Instance UID (file meta and data set), same study: "….32795.1.1.3" → "….32795.1.1.9".
    for (let at = zipped.indexOf('32795.1.1.3'); at >= 0; at = zipped.indexOf('32795.1.1.3', at + 1)) zipped[at + 10] = 0x39;
    writeFileSync(archive, zipSync({ 'nested/dir/slice.dcm': new Uint8Array(zipped), '__MACOSX/nested/._slice.dcm': new Uint8Array([0, 5, 22]), '../evil.dcm': new Uint8Array(zipped) }));
    let loaded = SAMPLE_COUNT;
    if (corpusPresent()) {
      await page.getByTestId('file-input').setInputFiles([...CORPUS_FILES.map((f) => CORPUS + f.path), notDicom, archive]);
      loaded += CORPUS_FILES.length + 3;
    } else {
      console.log(`e2e: corpus not found at ${CORPUS}: only the sample and a non-DICOM file are loaded`);
      await page.getByTestId('file-input').setInputFiles([notDicom, archive]);
      loaded += 3;
    }
    await expect.poll(() => page.locator('[data-testid=other-item]').count()).toBeGreaterThan(0);
    await waitIdle(page);
    expect(await page.locator('[data-testid=other-item]', { hasText: 'evil.dcm' }).textContent()).toContain('refused: this ZIP entry was refused and not extracted: its name holds ".."');
    expect(await page.locator('.notice').textContent()).toContain('1 entry was refused and not extracted');

    // Every viewable instance is drawn (non-blank pixels), series by series.
    const seriesCount = await page.getByTestId('series-item').count();
    const shown: string[] = [];
    for (let s = 0; s < seriesCount; s++) {
      await page.getByTestId('series-item').nth(s).click();
      const items = page.getByTestId('instance-item');
      const n = await items.count();
      for (let i = 0; i < n; i++) {
        const id = (await items.nth(i).getAttribute('data-file-id'))!;
        const label = (await items.nth(i).locator('.instance-name').textContent()) ?? id;
        const stats = await showInstance(page, id);
        expect(typeof stats, `${label}: ${String(stats)}`).toBe('object');
        if (typeof stats === 'object') {
          expect(stats.litShare, `${label} lit pixels`).toBeGreaterThan(0.01);
          expect(stats.levels, `${label} grey levels`).toBeGreaterThan(4);
        }
        shown.push(label);
      }
    }
    console.log(`e2e: ${shown.length} instances drawn: ${shown.join(', ')}`);
    expect(shown).toContain('slice.dcm');
    const expectedShown = SAMPLE_COUNT + 1 + (corpusPresent() ? CORPUS_FILES.filter((f) => f.viewable).length : 0);
    expect(shown.length).toBe(expectedShown);

    // Export everything with the current options.
    const t1 = Date.now();
    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-zip').click();
    await exportAnyway(page);
    // Should the leak gate flag a file, the export waits for a decision: leave it out (logged).
    const dialog = page.getByTestId('release-dialog');
    await expect.poll(async () => (await dialog.isVisible()) || (await page.getByTestId('export-status').textContent())?.includes('done'), { timeout: 60_000 }).toBe(true);
    if (await dialog.isVisible()) {
      console.log(`e2e: the leak gate flagged: ${(await dialog.locator('[data-testid=flagged-file]').allTextContents()).join(' | ')}`);
      await page.getByTestId('release-leave-out').click();
    }
    const download = await downloaded;
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toContain('done');
    const zipPath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-zip-')), 'export.zip');
    await download.saveAs(zipPath);
    console.log(`e2e: export of ${loaded} files took ${Date.now() - t1} ms (${(await page.getByTestId('gate-time').textContent().catch(() => '')) ?? ''})`);
    const status = (await page.getByTestId('export-status').textContent())!;

    // The ZIP is what gets shared: de-identified DICOM only. The mapping CSVs, the report and the
    // audit log re-identify the patients: they come from "Save private records", apart.
    const shared = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const names = Object.keys(shared);
    const dcm = names.filter((n) => n.endsWith('.dcm'));
    expect(status).toContain(`${dcm.length} file`);
    expect(names).toEqual(dcm);
    const keep = await savePrivateRecords(page);
    expect(Object.keys(keep).sort()).toEqual(['audit.jsonl', 'patid_mapping.csv', 'report.json', 'uid_mapping.csv']);
    const zip = { ...shared, ...keep };
    for (const n of dcm) expect(n).toMatch(/^VEIL-[A-Z0-9]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+(_\d+)?\.dcm$/);
    expect(names.join('\n')).not.toMatch(/ct-1|sample|MR_small|README|DICOMDIR/);

    const report = JSON.parse(new TextDecoder().decode(zip['report.json'])) as { files: { input: string; output: string | null; status: string; error: string | null; actions: Record<string, number> }[] };
    expect(report.files).toHaveLength(loaded);
    for (const f of report.files) {
      expect(f.input).toMatch(/^#\d+ sha256:[0-9a-f]{16}$/);
      expect(Object.keys(f.actions).sort()).toEqual(['C', 'D', 'K', 'U', 'X', 'Z']);
      if (f.status !== 'ok') expect(f.error, f.input).toBeTruthy();
    }
    expect(report.files.filter((f) => f.status === 'ok' && f.output).length).toBe(dcm.length);
    expect(report.files.filter((f) => f.status === 'skipped').length).toBe(corpusPresent() ? 2 : 1);
    expect(report.files.filter((f) => f.status === 'refused' && /not extracted/.test(f.error ?? ''))).toHaveLength(1);

    // Identifying values are gone; the CT slices share one new study; the mappings agree.
    const gb = makeCharsetCodec(['GB18030']).codec;
    const secrets = [gb.encode('张', 'PN'), gb.encode('伟', 'PN'), new TextEncoder().encode(RESIDENT_ID), new TextEncoder().encode('MRN0042137'), new TextEncoder().encode('Zhang')];
    const uidCsv = new TextDecoder().decode(zip['uid_mapping.csv']).trim().split('\n');
    const patCsv = new TextDecoder().decode(zip['patid_mapping.csv']).trim().split('\n');
    expect(uidCsv[0]).toBe('id_old,id_new');
    expect(patCsv[0]).toBe('id_old,id_new');
    const uidMap = new Map(uidCsv.slice(1).map((l) => l.split(',') as [string, string]));
    const ctStudies = new Set<string>();
    for (const n of dcm) {
      const bytes = zip[n];
      const file = await readPart10(new MemorySource(bytes));
      // Everything before the pixel data (two-byte GB18030 patterns occur by chance in pixels).
      const header = bytes.subarray(0, findElement(file.dataset, tag(0x7fe0, 0x0010))?.offset ?? bytes.length);
      for (const s of secrets) expect(includesBytes(header, s), `${n} still holds an identifying value`).toBe(false);
      expect(str(file.dataset, tag(0x0012, 0x0062))).toBe('YES');
      expect(n.split('/')[1]).toBe(str(file.dataset, tag(0x0020, 0x000d)));
      // Two inputs with one SOP Instance UID: the second gets a _2 suffix (src/core/deid/output-claims.ts).
      const sop = str(file.dataset, tag(0x0008, 0x0018));
      expect([`${sop}.dcm`, ...[2, 3, 4].map((k) => `${sop}_${k}.dcm`)]).toContain(n.split('/')[3]);
      if (n.startsWith(patCsv.find((l) => l.startsWith('MRN0042137,'))!.split(',')[1] + '/') && str(file.dataset, tag(0x0008, 0x0060)) === 'CT') ctStudies.add(str(file.dataset, tag(0x0020, 0x000d)));
    }
    expect(ctStudies.size).toBe(1);
    expect(dcm.filter((n) => n.includes(`/${[...ctStudies][0]}/`))).toHaveLength(5); // 4 sample slices + the one from the ZIP
    expect(uidMap.get('2.25.31415926535897932384626433832795.1')).toBe([...ctStudies][0]);
    const rows = uidCsv.slice(1).map((l) => l.split(',')[0]);
    expect([...rows].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(rows);

    // The audit log: the chain verifies with core, one file entry per input, outputs by new-UID
    // path and SHA-256, no identifying value; `veil verify-audit` holds on the unzipped export
    // with the private records beside it (output paths are relative to the ZIP's root).
    const auditText = new TextDecoder().decode(zip['audit.jsonl']);
    const audit = verifyAuditLog(auditText);
    expect(audit.problem).toBeUndefined();
    expect(audit.entries[0]).toMatchObject({ event: 'run-start', payload: { command: 'export', inputs: loaded } });
    expect(audit.entries.at(-1)).toMatchObject({ event: 'run-end', payload: { files: loaded, interrupted: false, written: { 'report.json': sha256Hex(zip['report.json']) } } });
    const fileEntries = audit.entries.filter((e) => e.event === 'file');
    expect(fileEntries).toHaveLength(loaded);
    for (const e of fileEntries) expect(e.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(fileEntries.filter((e) => typeof e.payload.output === 'string').map((e) => e.payload.output).sort()).toEqual([...dcm].sort());
    for (const e of fileEntries.filter((x) => typeof x.payload.output === 'string')) expect(e.payload.outputSha256).toBe(sha256Hex(zip[e.payload.output as string]));
    for (const v of ['Zhang', 'MRN0042137', RESIDENT_ID, '2.25.31415926535897932384626433832795', 'sample/', 'ct-1', 'archive.zip', 'README', 'evil']) expect(auditText, v).not.toContain(v);
    const unzipped = mkdtempSync(join(tmpdir(), 'veil-e2e-unzipped-'));
    for (const [n, bytes] of Object.entries(zip)) {
      mkdirSync(dirname(join(unzipped, n)), { recursive: true });
      writeFileSync(join(unzipped, n), bytes);
    }
    const verified = execFileSync(process.execPath, [join(ROOT, 'bin/veil.mjs'), 'verify-audit', unzipped], { encoding: 'utf8' }); // throws unless exit 0
    expect(verified).toContain(`the chain holds; ${dcm.length} outputs present and unmodified`);

    // Nothing was stored in the browser without the operator opting in.
    expect(await page.evaluate(async () => ({ dbs: (await indexedDB.databases()).map((d) => d.name), local: localStorage.length, session: sessionStorage.length }))).toEqual({ dbs: [], local: 0, session: 0 });

    // Offline: the service worker serves the app and the sample with the network gone.
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state === 'activated'), null, { timeout: 30_000 });
    await browser.context.setOffline(true);
    await page.reload();
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').first().waitFor({ timeout: 30_000 });
    await browser.context.setOffline(false);

    // Nothing but this origin (and its own blob:/data: URLs) was ever requested.
    const foreign = browser.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith(`blob:${server.url}`) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(pageErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
