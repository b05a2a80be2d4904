// Every message code of the core (MESSAGE_CODES) has an English and a Chinese text in the `codes`
// namespace, and the catalogue holds no text for a code that does not exist. Plural codes
// (rendered with `count`) have _one/_other forms in English and at least _other in Chinese.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CODES, msg, type MessageCode } from '../../src/core/messages/message.ts';
import { inEnglish, renderMessage } from '../../src/i18n/render-code.ts';
import en from '../../src/i18n/locales/en/codes.json';
import zh from '../../src/i18n/locales/zh-CN/codes.json';

const has = (cat: Record<string, string>, code: string): boolean => code in cat || `${code}_other` in cat;

describe('message codes', () => {
  it('every code has an English and a Chinese text', () => {
    expect(MESSAGE_CODES.filter((c) => !has(en, c))).toEqual([]);
    expect(MESSAGE_CODES.filter((c) => !has(zh, c))).toEqual([]);
  });
  it('the catalogues hold no text for an unknown code', () => {
    const known = new Set<string>(MESSAGE_CODES);
    const base = (k: string) => k.replace(/_(one|other)$/, '');
    expect(Object.keys(en).filter((k) => !known.has(base(k)))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !known.has(base(k)))).toEqual([]);
  });
  it('renders nested messages, plurals and numbers in each language', async () => {
    const zhI18n = i18next.createInstance();
    await zhI18n.init({ resources: { 'zh-CN': { codes: zh } }, lng: 'zh-CN', ns: ['codes'], initAsync: false });
    const m = msg('leak-flagged', { count: 1, where: [msg('leak-where', { source: 'PatientID (0010,0020)', place: msg('leak-in-path') })] });
    expect(inEnglish(m)).toBe('the leak gate found 1 identifying value of the original in the output (PatientID (0010,0020) in output path); no output was kept');
    expect(renderMessage(zhI18n, m)).toBe('泄漏检查在输出中发现了原始文件的 1 个可识别信息（PatientID (0010,0020)，位于输出路径），未保留输出');
    expect(inEnglish(msg('pixels-redacted', { count: 3 }))).toBe('pixel data redacted: 3 boxes');
    for (const code of MESSAGE_CODES as readonly MessageCode[]) expect(renderMessage(zhI18n, msg(code, { count: 2 }))).not.toBe(code);
  });
});
