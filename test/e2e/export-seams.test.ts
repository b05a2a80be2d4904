// The seams of an export in Chromium (issue 11): the sample's ZIP — what a user shares — holds
// de-identified DICOM only and the outside checker finds no leak in it, while "Save private
// records" holds the mapping CSVs, report.json and the audit log apart; clicking "Download ZIP"
// while 100 files are still loading waits for all of them, asks the review gate, and writes all
// 100; a box drawn over part of the sample's name and exported with "Export anyway" blacks out
// those pixels but claims nothing (Burned In Annotation stays YES, no code 113101).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { expectDicomOnly, exportShared, exportZip, openSample, savePrivateRecords, text, writeTree } from './helpers.ts';
import { drawBox, showFirstOf } from './viewer-actions.ts';
import { FIXTURE_UID_ROOT, makeCtLike, T } from '../fixtures/make.ts';
import { deidMethodCodes } from '../fixtures/deid-method-codes.ts';

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const DEID_CHECK = fileURLToPath(new URL('../../../shared/tools/deid_check.py', import.meta.url));

describe('what an export shares, and when', () => {
  useApp();

  it("the sample's ZIP holds DICOM only with no leak; Save private records holds the CSVs, the report and the audit log", async () => {
    await openSample(page, server.url);
    await expect.poll(() => page.getByTestId('export-private').isDisabled()).toBe(true); // nothing exported yet
    const shared = await exportShared(page);
    expectDicomOnly(shared);
    expect(Object.keys(shared).filter((n) => /\.(csv|json|jsonl)$/i.test(n))).toEqual([]);
    expect(Object.keys(shared)).toHaveLength(5);
    for (const n of Object.keys(shared)) expect(n).toMatch(/^VEIL-[A-Z0-9]+\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);

    // The outside checker over the unzipped bundle, paired with the originals: no leak.
    const out = writeTree(shared);
    const json = join(mkdtempSync(join(tmpdir(), 'veil-e2e-deid-check-')), 'report.json');
    // Its exit status also counts the sample's burned-in text (violations, not leaks): read the JSON.
    spawnSync('/usr/bin/python3', [DEID_CHECK, SAMPLES, out, '--json', json], { encoding: 'utf8' });
    const check = JSON.parse(text(new Uint8Array(readFileSync(json)))) as { summary: { leaks: number; files_paired: number; unpaired_outputs: number } };
    expect(check.summary).toMatchObject({ leaks: 0, files_paired: 5, unpaired_outputs: 0 });

    const keep = await savePrivateRecords(page);
    expect(Object.keys(keep).sort()).toEqual(['audit.jsonl', 'patid_mapping.csv', 'report.json', 'uid_mapping.csv']);
    const uid = text(keep['uid_mapping.csv']).trim().split('\n');
    const pat = text(keep['patid_mapping.csv']).trim().split('\n');
    expect(uid[0]).toBe('id_old,id_new');
    expect(pat[0]).toBe('id_old,id_new');
    expect(pat.slice(1).map((l) => l.split(',')[0])).toContain('MRN0042137');
    expect(uid.length).toBeGreaterThan(5);
    const report = JSON.parse(text(keep['report.json'])) as { summary: { files: number; ok: number; flagged: number } };
    expect(report.summary).toMatchObject({ files: 5, ok: 5, flagged: 0 });
    // The audit log names each output by its path inside the shared ZIP.
    const audit = verifyAuditLog(text(keep['audit.jsonl']));
    expect(audit.problem).toBeUndefined();
    expect(audit.entries.filter((e) => e.event === 'file').map((e) => e.payload.output).sort()).toEqual(Object.keys(shared).sort());
    // The warning says what the records are, in plain words.
    expect(await page.getByTestId('private-records').textContent()).toMatch(/re-identify the patients/);
    expect(pageErrors).toEqual([]);
  });

  it('clicking Download ZIP while 100 files load waits for all of them, asks the review gate, and writes 100', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-hundred-'));
    const paths: string[] = [];
    for (let i = 0; i < 100; i++) {
      // Secondary captures that say Burned In Annotation YES: every one is a review candidate.
      const bytes = makeCtLike({
        sopInstanceUID: `${FIXTURE_UID_ROOT}.100.${i + 1}`, patientId: `PID-${String(i % 7).padStart(4, '0')}`,
        extra: [{ tag: T.BurnedInAnnotation, vr: 'CS', value: 'YES' }],
      });
      const p = join(dir, `file-${String(i).padStart(3, '0')}.dcm`);
      writeFileSync(p, bytes);
      paths.push(p);
    }
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles(paths);
    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    // As soon as the first files are listed, while the rest are still being read: the button waits for them.
    await page.getByTestId('series-item').first().waitFor({ timeout: 60_000 });
    console.log(`e2e: Download ZIP clicked while the button said "${await page.getByTestId('export-zip').textContent()}"`);
    await page.getByTestId('export-zip').click({ timeout: 60_000 });
    await page.getByTestId('review-gate').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('review-gate').textContent()).toMatch(/100 images may carry/);
    await page.getByTestId('review-gate-export').click();
    const download = await downloaded;
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toContain('done');
    expect(await page.getByTestId('export-status').textContent()).toMatch(/Export done: 100 files written, 0 refused, 0 skipped/);
    const zipPath = join(mkdtempSync(join(tmpdir(), 'veil-e2e-zip-')), 'export.zip');
    await download.saveAs(zipPath);
    const zip = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expectDicomOnly(zip);
    expect(Object.keys(zip)).toHaveLength(100);
    const report = JSON.parse(text((await savePrivateRecords(page))['report.json'])) as { files: { status: string; burnedInReview?: string }[] };
    expect(report.files).toHaveLength(100);
    expect(report.files.every((f) => f.status === 'ok' && f.burnedInReview === 'unreviewed')).toBe(true);
  });

  it("a box over part of the sample's name, exported anyway, keeps Burned In Annotation YES and claims no clean pixels", async () => {
    await openSample(page, server.url);
    await showFirstOf(page, 'US');
    // The name line runs from x≈3 to x≈240 in the top 13 rows; the box covers its first third.
    await drawBox(page, 320, 240, [2.5, 2.5], [80.5, 13.5]);
    await expect.poll(() => page.getByTestId('redaction-box').count(), { timeout: 10_000 }).toBe(1);
    const zip = await exportZip(page); // answers the review gate with "Export anyway"
    const outs = await Promise.all(Object.entries(zip).filter(([n]) => n.endsWith('.dcm')).map(async ([, b]) => ({ b, p: await nativePixels(b) })));
    const us = outs.find((o) => o.p.modality === 'US')!;
    expect(us.p.burnedIn).toBe('YES');
    expect(await deidMethodCodes(us.b)).not.toContain('113101');
    for (const o of outs) expect(await deidMethodCodes(o.b)).not.toContain('113101');
    // The box was applied all the same: its pixels are black.
    expect(us.p.pixels.subarray((5 * 320 + 10) * 3, (5 * 320 + 70) * 3).every((v) => v === 0)).toBe(true);
    const report = JSON.parse(text(zip['report.json'])) as { files: { burnedInReview?: string; redactionBoxes?: number }[] };
    expect(report.files.find((f) => f.redactionBoxes === 1)).toMatchObject({ burnedInReview: 'unreviewed' });
    expect(pageErrors).toEqual([]);
  });

  it('a teaching slide of an unreviewed candidate asks first; "Review first" saves nothing and starts review', async () => {
    await openSample(page, server.url);
    await showFirstOf(page, 'US');
    let downloads = 0;
    page.on('download', () => void downloads++);
    await page.getByTestId('slide-export').click();
    await page.getByTestId('slide-review-ask').waitFor();
    expect(await page.getByTestId('slide-review-ask').textContent()).toMatch(/not been reviewed/);
    await page.getByTestId('slide-review-first').click();
    await page.getByTestId('review-next').waitFor();
    await expect.poll(() => page.getByTestId('slide-review-ask').count()).toBe(0);
    expect(downloads).toBe(0);
  });
});
