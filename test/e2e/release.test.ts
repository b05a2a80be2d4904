// The leak gate and the release decision in the browser: a file the gate flags (the mapping
// CSV gave the patient their real name as the "new" name) is left out with its findings listed
// by attribute and place; with two-person release on, the operator must be named and a second,
// different person must confirm the release; the exported audit.jsonl verifies with core and
// with `veil verify-audit` on the unzipped folder, and records the release. The dialog is modal:
// the focus starts inside and stays there on Tab, and Escape is "Leave out".

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/core/audit/chain.ts';
import { FIXTURE_UID_ROOT, makeCtLike } from '../fixtures/make.ts';
import { page, ROOT, server, useApp } from './fixture.ts';
import { exportZip, text, waitIdle, writeTree } from './helpers.ts';
import { focusedTestId, focusStaysInside } from './modal-checks.ts';

useApp();

describe('release of flagged files', () => {
  it('leaves a flagged file out, then releases it with a second reviewer; the audit log verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-release-'));
    writeFileSync(join(dir, 'clean.dcm'), makeCtLike({ sopInstanceUID: `${FIXTURE_UID_ROOT}.9.1` }));
    writeFileSync(join(dir, 'leaky.dcm'), makeCtLike({ patientId: 'PID-0077', patientName: 'Roe^Richard', sopInstanceUID: `${FIXTURE_UID_ROOT}.9.2` }));
    writeFileSync(join(dir, 'mapping.csv'), 'id_old,id_new,new_name\nPID-0042,NEW-0042,\nPID-0077,NEW-0077,Roe^Richard\n');
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles([join(dir, 'clean.dcm'), join(dir, 'leaky.dcm')]);
    await expect.poll(() => page.getByTestId('series-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.locator('input[type=file][accept=".csv,text/csv"]').setInputFiles(join(dir, 'mapping.csv'));
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Mapping imported: 2 patients');
    await waitIdle(page);

    // 1. Leave out (Escape): the file is not written, its findings are in the report by digest.
    const t0 = Date.now();
    const left = await exportZip(page, async () => {
      const dialog = page.getByTestId('release-dialog');
      expect(await dialog.locator('[data-testid=flagged-file]').count()).toBe(1);
      const shown = (await dialog.textContent())!;
      expect(shown).toContain('PatientName (0010,0010) — found in element PatientName (0010,0010)');
      expect(shown).not.toMatch(/Roe|Richard/);
      await page.screenshot({ path: join(tmpdir(), 'veil-e2e-release-dialog.png') });
      expect(await focusedTestId(page)).toBe('release-leave-out');
      expect(await focusStaysInside(page, 'release-dialog')).toEqual(Array(7).fill(true));
      await page.keyboard.press('Escape'); // = Leave out
    });
    console.log(`e2e: export with one flagged file (left out) took ${Date.now() - t0} ms`);
    expect(await page.getByTestId('export-status').textContent()).toMatch(/1 file written, 1 flagged by the leak gate \(0 released\)/);
    expect(await page.locator('.failures .status.flagged').textContent()).toMatch(/^flagged: the leak gate found 1 identifying value of the original in the output \(PatientName/);
    expect(Object.keys(left).filter((n) => n.endsWith('.dcm'))).toHaveLength(1);
    const report = JSON.parse(text(left['report.json']));
    expect(report.files[1]).toMatchObject({ status: 'flagged', output: null, released: false, leaks: [{ source: 'PatientName (0010,0010)', foundIn: 'element PatientName (0010,0010)' }] });
    expect(report.summary).toMatchObject({ flagged: 1, released: 0 });
    expect(verifyAuditLog(text(left['audit.jsonl'])).problem).toBeUndefined();

    // 2. Two-person release: the operator must be named first, then a different reviewer confirms.
    await page.getByTestId('require-reviewer').check();
    await page.getByTestId('export-zip').click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toMatch(/enter your name as operator/);
    await page.getByTestId('operator-name').fill('Alice');
    const released = await exportZip(page, async () => {
      // The focus starts in the reviewer field and stays there while typing.
      await expect.poll(() => focusedTestId(page)).toBe('reviewer-name');
      await page.keyboard.type('alice');
      expect(await page.getByTestId('reviewer-name').inputValue()).toBe('alice');
      await page.getByTestId('release-include').click();
      await expect.poll(() => page.getByTestId('release-error').textContent()).toMatch(/another person than the operator/);
      await page.getByTestId('reviewer-name').fill('Bob');
      await page.getByTestId('release-include').click();
    });
    const dcm = Object.keys(released).filter((n) => n.endsWith('.dcm'));
    expect(dcm).toHaveLength(2);
    expect(JSON.parse(text(released['report.json'])).files[1]).toMatchObject({ status: 'flagged', released: true, output: expect.stringMatching(/^NEW-0077\//) });
    const auditText = text(released['audit.jsonl']);
    const audit = verifyAuditLog(auditText);
    expect(audit.problem).toBeUndefined();
    const release = audit.entries.find((e) => e.event === 'release');
    expect(release).toMatchObject({ operator: 'Alice', payload: { index: 1, releasedBy: 'Alice', reviewer: 'Bob', reviewerConfirmed: true } });
    expect(audit.entries.find((e) => e.event === 'options')?.payload).toMatchObject({ requireReviewer: true });
    for (const v of ['Roe', 'Richard', 'PID-0077', 'PID-0042', FIXTURE_UID_ROOT, 'leaky', 'clean.dcm']) expect(auditText, v).not.toContain(v);
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/veil.mjs'), 'verify-audit', writeTree(released)], { encoding: 'utf8' });
    expect(out).toContain('the chain holds; 2 outputs present and unmodified');
  });
});
