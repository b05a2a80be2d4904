// Every UI string exists in English and Simplified Chinese: the same keys in every namespace,
// and no Chinese value left as its English text (a few terms are the same in both: allowlisted).

import { describe, expect, it } from 'vitest';
import { bundledResources, detectLanguage } from '../../src/i18n/index.ts';

/** Values that are legitimately identical in both languages (names, DICOM terms, symbols). */
const SAME_IN_BOTH = /^(?:[\s\d.,:;/()%×#+\-–—→←↑↓…✕✓?!'"“”|<>=*&{}[\]_]*|English|中文|DICOM|PNG|JPEG|ZIP|CSV|JSON|OCR|UID|CLI|PS3\.15|Veil|W\/L|VR|\{\{[^}]+\}\}[\s\S]*)$/;
const CJK = /[\u3400-\u9fff]/;

function flatten(obj: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

describe('locales', () => {
  const res = bundledResources();
  it('has English and Chinese with the same namespaces', () => {
    expect(Object.keys(res).sort()).toEqual(['en', 'zh-CN']);
    expect(Object.keys(res['zh-CN']!).sort()).toEqual(Object.keys(res.en!).sort());
  });
  for (const ns of Object.keys(res.en ?? {})) {
    it(`namespace ${ns}: same keys, Chinese translated`, () => {
      const en = flatten(res.en![ns]!);
      const zh = flatten(res['zh-CN']![ns] ?? {});
      expect([...zh.keys()].sort(), `keys of zh-CN/${ns}.json`).toEqual([...en.keys()].sort());
      const untranslated = [...zh].filter(([k, v]) => v === en.get(k) && !SAME_IN_BOTH.test(v) && !CJK.test(v)).map(([k]) => k);
      expect(untranslated, `zh-CN/${ns}.json values left in English`).toEqual([]);
      const emptyZh = [...zh].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(emptyZh).toEqual([]);
      // Interpolation placeholders must survive translation.
      for (const [k, v] of en) {
        const want = (v.match(/\{\{[^}]+\}\}/g) ?? []).sort();
        expect((zh.get(k)!.match(/\{\{[^}]+\}\}/g) ?? []).sort(), `${ns}:${k} placeholders`).toEqual(want);
      }
    });
  }
  it('follows the browser language unless the user chose one', () => {
    expect(detectLanguage(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(detectLanguage(null, ['zh-TW'])).toBe('zh-CN');
    expect(detectLanguage(null, ['fr', 'en-GB'])).toBe('en');
    expect(detectLanguage(null, ['fr'])).toBe('en');
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage('xx', ['zh-CN'])).toBe('zh-CN');
  });
});

describe('dates and numbers per language', () => {
  it('formats DICOM dates and numbers in the UI language', async () => {
    const { i18n, formatDicomDateLocale, formatNumber } = await import('../../src/i18n/index.ts');
    await i18n.changeLanguage('zh-CN');
    expect(formatDicomDateLocale('20240305')).toBe('2024年3月5日');
    expect(formatNumber(12345.5)).toBe('12,345.5');
    await i18n.changeLanguage('en');
    expect(formatDicomDateLocale('20240305')).toBe('Mar 5, 2024');
    expect(formatDicomDateLocale('2024')).toBe('2024');
    expect(formatDicomDateLocale('20241341')).toBe('20241341');
  });
});
