// Messages made in English outside the UI (src/state notices, export status, worker errors) are
// shown in Chinese when they are catalogued sentences: placeholders captured and re-inserted,
// numbers formatted, nested messages and "; "-separated lists translated part by part, and an
// uncatalogued text shown unchanged.

import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledResources } from '../../src/i18n/index.ts';
import { translateText } from '../../src/i18n/translate-text.ts';

const zh = createInstance();
const en = createInstance();
beforeAll(async () => {
  const base = { resources: bundledResources(), fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false }, initAsync: false };
  await zh.init({ ...base, lng: 'zh-CN' });
  await en.init({ ...base, lng: 'en' });
});

describe('translateText (messages)', () => {
  it('translates catalogued sentences with their parts', () => {
    expect(translateText(zh, 'messages', 'Mapping imported: 2 patients.')).toBe('已导入对照表：2 名患者。');
    expect(translateText(zh, 'messages', 'Export done: 1234 files written, 0 refused, 1 skipped, in 12.5 s.'))
      .toBe('导出完成：写出 1,234 个文件，拒绝 0 个，跳过 1 个，用时 12.5 秒。');
    expect(translateText(zh, 'messages', 'Export done: 1 file written, 1 flagged by the leak gate (0 released), 0 refused, 0 skipped, in 0.4 s.'))
      .toBe('导出完成：写出 1 个文件，泄漏检查标记 1 个（放行 0 个），拒绝 0 个，跳过 0 个，用时 0.4 秒。');
  });
  it('translates nested messages and lists part by part', () => {
    expect(translateText(zh, 'messages', 'Export cancelled: the archive was discarded.')).toBe('导出已取消：压缩包已丢弃。');
    expect(translateText(zh, 'messages', 'the leak gate found 2 identifying values of the original in the output (PatientName (0010,0010) in element PatientName (0010,0010); PatientID (0010,0020) in byte offset 812); it was left out'))
      .toBe('泄漏检查在输出中发现了原始文件的 2 个可识别信息（PatientName (0010,0010)，位于元素 PatientName (0010,0010)；PatientID (0010,0020)，位于字节偏移 812），已将其排除');
  });
  it('leaves unknown text and English alone', () => {
    expect(translateText(zh, 'messages', 'Something nobody catalogued.')).toBe('Something nobody catalogued.');
    expect(translateText(en, 'messages', 'Mapping imported: 2 patients.')).toBe('Mapping imported: 2 patients.');
  });
});

describe('translateText (core and ZIP reasons)', () => {
  it('translates refusals of files and ZIP entries', () => {
    expect(translateText(zh, 'messages', 'this ZIP entry was refused and not extracted: its name holds ".." (it would point outside the archive)'))
      .toBe('此 ZIP 条目被拒绝、未解压：文件名中含有“..”（会指向压缩包以外）');
    expect(translateText(zh, 'messages', 'not DICOM: the file is only 5 bytes long')).toBe('不是 DICOM：文件只有 5 字节');
  });
});
