// The Chinese UI is complete: with the browser's language set to zh-CN the app starts in Chinese,
// and after loading the sample, opening a series and an instance, expanding every details
// section, opening the help page and running an export, no visible text, placeholder, title or
// aria-label holds an English word, except DICOM keywords, tags, values, file names, UIDs and
// commands (marked data-i18n-skip) and terms that are the same in Chinese (ALLOWED); the same
// for the leak gate's release dialog, its errors and the list of files left out. The switch
// in the top bar changes the language at once and the choice is remembered.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_UID_ROOT, makeCtLike } from '../fixtures/make.ts';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { exportAnyway } from './helpers.ts';
import { englishLeft, loadSampleAndSelect } from './ui-checks.ts';

/** Names, standards and units written the same way in Chinese technical text. */
const ALLOWED = ['Veil', 'DICOM', 'DICOMDIR', 'PS', 'UID', 'UIDs', 'ID', 'ZIP', 'CSV', 'JSON', 'OCR', 'IOD', 'SOP', 'VR', 'AE', 'GPS', 'HL7', 'ROI', 'URI', 'UDI', 'MAC', 'SHA', 'KB', 'MB', 'GB', 'TB', 'http', 'Node.js', 'Node', 'js', 'English', 'kVp', 'CT', 'MR', 'US', 'EXIF', 'PNG', 'JPEG', 'YES', 'NO', 'gggg', 'eeee', 'SR', 'SE'];
/**
 * Regions other helpers translate in their own namespaces (issue 7 split): the viewer's toolbar
 * and messages and the redaction panel (redact-ui). Remove an entry once that work is merged.
 */
const OTHER_HELPERS: string[] = [];

useApp({ locale: 'zh-CN' });

async function expectChinese(where: string): Promise<void> {
  const left = await englishLeft(page, ALLOWED, OTHER_HELPERS);
  expect(left, `English left in the Chinese UI (${where})`).toEqual([]);
}

describe('Chinese UI', () => {
  it('starts in Chinese from the browser language, before anything is loaded', async () => {
    await page.goto(server.url);
    await page.getByTestId('sample-button').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('sample-button').textContent()).toBe('试用示例数据');
    expect(await page.getByTestId('language-switch').inputValue()).toBe('zh-CN');
    expect(await page.title()).toBe('Veil · DICOM 去标识化');
    await expectChinese('empty workstation');
  });

  it('has no English left with the sample loaded, details open, help open and after an export', async () => {
    await loadSampleAndSelect(page);
    // Keyword + Chinese name in the header table.
    const nameRow = page.getByTestId('header-row').filter({ hasText: 'PatientName' }).first();
    expect(await nameRow.textContent()).toContain('患者姓名');
    expect(await nameRow.locator('[role=cell]').last().textContent()).toMatch(/[\u4e00-\u9fff]/);
    for (const s of await page.locator('summary').all()) await s.click();
    await expectChinese('sample loaded');

    // Filter by one action and "identifying only": still Chinese.
    await page.locator('.action-filters button').first().click();
    await page.locator('.filters input[type=checkbox]').check();
    await expectChinese('filtered header');
    await page.locator('.action-filters button').first().click();
    await page.locator('.filters input[type=checkbox]').uncheck();

    await page.getByTestId('help-open').click();
    await page.getByTestId('help-dialog').waitFor();
    expect(await page.getByTestId('help-dialog').textContent()).toContain('泄漏检查');
    await expectChinese('help page');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('help-dialog').count()).toBe(0);

    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-zip').click();
    await page.getByTestId('review-gate-export').waitFor();
    await expectChinese('review gate');
    await exportAnyway(page, true); // the sample's ultrasound image is a burned-in candidate: the gate opens
    await downloaded;
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toMatch(/^导出完成：写出 \d+ 个文件/);
    await expectChinese('after export');
    expect(pageErrors).toEqual([]);
  });

  it('switches to English at once and remembers the choice', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('sample-button').textContent()).toBe('Try the sample');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByTestId('export-status').textContent()).toMatch(/^Export done: \d+ files written/);
    await page.reload();
    await page.getByTestId('sample-button').waitFor();
    expect(await page.getByTestId('sample-button').textContent()).toBe('Try the sample');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('sample-button').textContent()).toBe('试用示例数据');
  });

  it('shows the release dialog, its error and the files left out in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-e2e-i18n-'));
    writeFileSync(join(dir, 'leaky.dcm'), makeCtLike({ patientId: 'PID-0077', patientName: 'Roe^Richard', sopInstanceUID: `${FIXTURE_UID_ROOT}.9.2` }));
    writeFileSync(join(dir, 'mapping.csv'), 'id_old,id_new,new_name\nPID-0077,NEW-0077,Roe^Richard\n');
    await page.reload();
    await page.getByTestId('file-input').setInputFiles(join(dir, 'leaky.dcm'));
    // A fresh page starts its worker pool first: seconds on a loaded machine.
    await expect.poll(() => page.getByTestId('series-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.locator('input[type=file][accept=".csv,text/csv"]').setInputFiles(join(dir, 'mapping.csv'));
    await expect.poll(() => page.locator('.notice').textContent()).toContain('已导入对照表：1 名患者。');
    await page.getByTestId('require-reviewer').check();
    await page.getByTestId('export-zip').click();
    await expect.poll(() => page.getByTestId('export-status').textContent()).toMatch(/^已开启双人放行/);
    await page.getByTestId('operator-name').fill('Op One');
    await page.getByTestId('export-zip').click();
    await page.getByTestId('release-dialog').waitFor({ timeout: 60_000 });
    expect(await page.locator('#release-title').textContent()).toBe('泄漏检查标记了 1 个文件');
    await page.getByTestId('release-include').click();
    await expect.poll(() => page.getByTestId('release-error').textContent()).toBe('放行需要第二个人确认：请填写复核人姓名。');
    await expectChinese('release dialog');
    await page.getByTestId('release-leave-out').click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toMatch(/^导出完成：写出 0 个文件，泄漏检查标记 1 个/);
    expect(await page.locator('.failures .status.flagged').textContent()).toMatch(/^已标记：泄漏检查在输出中发现了原始文件的 \d 个可识别信息（PatientName/);
    await expectChinese('files left out');
  });
});
