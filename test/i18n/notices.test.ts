// The app's notices (notice.* codes) render in English as the sentences the app showed before
// they became codes, and in Chinese without falling back to English — nested messages included
// (a write failure names what happened, where and what was left; several notices in a row).
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/core/messages/message.ts';
import { notice, sentences } from '../../src/core/messages/notice.ts';
import { NOTICE_NAMES } from '../../src/core/messages/notice-codes.ts';
import { bundledResources } from '../../src/i18n/index.ts';
import { inEnglish, renderMessage } from '../../src/i18n/render-code.ts';

const zh = createInstance();
beforeAll(async () => {
  await zh.init({ resources: { 'zh-CN': bundledResources()['zh-CN']! }, lng: 'zh-CN', fallbackLng: false, defaultNS: 'codes', initAsync: false });
});

describe('notices', () => {
  it('say in English what the app said before', () => {
    expect(inEnglish(notice('done', { n: 12, refused: 1, skipped: 0, seconds: '3.4' }))).toBe('Export done: 12 files written, 1 refused, 0 skipped, in 3.4 s.');
    expect(inEnglish(notice('cancelled', { what: notice('archiveDiscarded') }))).toBe('Export cancelled: the archive was discarded.');
    const write = notice('writeFailure', { what: notice('writeQuota'), where: 'P/S/b.dcm', left: notice('writeFolderLeft', { count: 1 }) });
    expect(inEnglish(write)).toBe("the disk is full (or the browser's storage quota is used up) while writing P/S/b.dcm; the 1 file written before it are complete and verified; nothing partial was left");
    expect(inEnglish(notice('viewNotDecoded', { reason: msg('codestream-larger-than-declared', { width: 9, height: 9, columns: 8, rows: 8 }) })))
      .toBe('This image is not shown: the compressed frame says 9 × 9 pixels, but the header declares 8 × 8: the file is corrupt or crafted, so it is not decoded.');
    expect(inEnglish(sentences([notice('zipEntryRefused', { name: 'a.zip' }), notice('keyImported')])))
      .toBe('a.zip: 1 entry was refused and not extracted (unsafe names or sizes); see Other files. Project key imported: pseudonyms and UIDs now follow this key.');
  });

  it('every notice renders in Chinese, without English fallback', () => {
    for (const name of NOTICE_NAMES) {
      const text = renderMessage(zh, notice(name, { count: 2, n: 2, items: [notice('rememberOff')] }));
      expect(text, name).not.toBe(`notice.${name}`);
      expect(text, name).toMatch(/[\u3400-\u9fff]|^\{\{|^$|^[^A-Za-z]*$/);
    }
    expect(renderMessage(zh, notice('doneFlagged', { n: 3, flagged: 1, released: 0, refused: 0, skipped: 0, seconds: '1.0' }))).toMatch(/^导出完成：写出 3 个文件/);
  });
});
