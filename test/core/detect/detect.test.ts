// Focused tests of detectIdentifiers and redactText: spans index the original (full-width) text,
// overlaps resolve to the longer / more specific finding, labels stay readable after masking,
// PN parsing ("=" groups, "^" components), and speed (a 200-character text well under 1 ms).

import { describe, expect, it } from 'vitest';
import { createDetector, detectIdentifiers, redactText, resolveOverlaps, type Finding } from '../../../src/core/detect/index.ts';

const kinds = (fs: Finding[]): string[] => fs.map((f) => `${f.kind}:${f.text}`);

describe('detectIdentifiers', () => {
  it('returns sorted, non-overlapping findings whose text is the original slice', () => {
    const text = '患者张伟，住院号：１２３４５６７８，身份证11010519491231002X，电话13812345678，2023年5月6日';
    const found = detectIdentifiers(text, { patientNames: ['张^伟'] });
    expect(kinds(found)).toEqual([
      'patient-name:张伟',
      'hospital-number:１２３４５６７８',
      'resident-id:11010519491231002X',
      'mobile:13812345678',
      'date:2023年5月6日',
    ]);
    for (let i = 0; i < found.length; i++) {
      expect(text.slice(found[i].start, found[i].end)).toBe(found[i].text);
      if (i > 0) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
    }
  });
  it('returns nothing for empty or identifier-free text', () => {
    expect(detectIdentifiers('')).toEqual([]);
    expect(detectIdentifiers('CT BRAIN WO IVCON')).toEqual([]);
  });
  it('prefers the labelled number over a date or phone of the same span', () => {
    expect(kinds(detectIdentifiers('住院号 20230506'))).toEqual(['hospital-number:20230506']);
    expect(kinds(detectIdentifiers('MRN 13812345678'))).toEqual(['hospital-number:13812345678']);
    expect(kinds(detectIdentifiers('检查号：CT20230506001'))).toEqual(['hospital-number:CT20230506001']);
  });
  it('keeps the longer of overlapping candidates', () => {
    const r = resolveOverlaps([
      { kind: 'date', start: 0, end: 8 },
      { kind: 'hospital-number', start: 0, end: 11 },
      { kind: 'mobile', start: 20, end: 31 },
    ]);
    expect(r.map((c) => c.kind)).toEqual(['hospital-number', 'mobile']);
  });
  it('reads every component group of a PN value', () => {
    const ctx = { patientNames: ['Zhang^Wei=张^伟=ちょう^い'] };
    expect(kinds(detectIdentifiers('张伟 / Zhang Wei / Wei Zhang', ctx))).toEqual([
      'patient-name:张伟',
      'patient-name:Zhang Wei',
      'patient-name:Wei Zhang',
    ]);
  });
  it('matches pinyin only for the patient, not for other people', () => {
    expect(detectIdentifiers('Zhang Wei')).toEqual([]);
    expect(kinds(detectIdentifiers('Dr. Li Ming and Zhang Wei', { patientNames: ['张伟'] }))).toEqual(['patient-name-pinyin:Zhang Wei']);
  });
  it('matches multi-reading surnames in every plausible reading', () => {
    const ctx = { patientNames: ['曾^丽'] };
    expect(kinds(detectIdentifiers('Zeng Li; Ceng Li', ctx))).toEqual(['patient-name-pinyin:Zeng Li', 'patient-name-pinyin:Ceng Li']);
  });
  it('does not match a lone surname or single-syllable given name', () => {
    const ctx = { patientNames: ['张^伟'] };
    expect(detectIdentifiers('Dr Zhang reported; wei', ctx)).toEqual([]);
    expect(detectIdentifiers('张力增高', ctx)).toEqual([]);
  });
  it('matches the patient’s own dates in two-digit-year forms', () => {
    const ctx = { dates: ['19800304'] };
    expect(kinds(detectIdentifiers('DOB 800304; 04.03.80', ctx))).toEqual(['date:800304', 'date:04.03.80']);
    expect(detectIdentifiers('DOB 800305')).toEqual([]);
  });
  it('createDetector reuses the compiled patient context', () => {
    const detect = createDetector({ patientNames: ['欧阳^娜娜'] });
    expect(kinds(detect('Ouyang Nana'))).toEqual(['patient-name-pinyin:Ouyang Nana']);
    expect(kinds(detect('欧阳娜娜'))).toEqual(['patient-name:欧阳娜娜']);
  });
  it('handles a 200-character text well under 1 ms', () => {
    const text = (
      '左肺上叶见结节，大小约 12×15 mm，住院号：12345678，床号 12。与 2023-05-06 片对比略增大。' +
      'Pt Zhang Wei, MRN 00123456, CT CHEST WO, 5 mm, 120 kVp. 联系电话 13812345678，身份证 11010519491231002X。'
    ).padEnd(200, ' 随访');
    const ctx = { patientNames: ['张^伟', 'Zhang^Wei'], dates: ['19800304'] };
    detectIdentifiers(text, ctx);
    // Best of five batches: the test runner shares two cores with other test files.
    const runs = 400;
    let perCall = Infinity;
    for (let batch = 0; batch < 5; batch++) {
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) detectIdentifiers(text, ctx);
      perCall = Math.min(perCall, (performance.now() - t0) / runs);
    }
    console.log(`detectIdentifiers: ${(perCall * 1000).toFixed(1)} µs per 200-character text`);
    expect(perCall).toBeLessThan(1);
  });
});

describe('redactText', () => {
  it('masks only the value, keeping labels readable', () => {
    const text = '左肺上叶见结节，住院号：12345678，床号 12';
    expect(redactText(text, detectIdentifiers(text))).toBe('左肺上叶见结节，住院号：***，床号 ***');
  });
  it('accepts a mask function (kind tags)', () => {
    const text = '身份证 11010519491231002X 电话 13812345678';
    expect(redactText(text, detectIdentifiers(text), (f) => `[${f.kind}]`)).toBe('身份证 [resident-id] 电话 [mobile]');
  });
  it('skips overlapping and out-of-range findings', () => {
    const f = (start: number, end: number): Finding => ({ kind: 'date', start, end, text: '' });
    expect(redactText('abcdefgh', [f(4, 6), f(0, 3), f(2, 5), f(7, 99)])).toBe('***d***gh');
  });
});

describe('PN edge cases', () => {
  const found = (text: string, pn: string): string[] => kinds(detectIdentifiers(text, { patientNames: [pn] }));
  it('ignores a one-character CJK name and empty components', () => {
    expect(found('伟大的 wei', '伟')).toEqual([]);
    expect(found('text', '^^^')).toEqual([]);
  });
  it('splits a CJK name placed in the given-name component', () => {
    expect(found('张伟 Zhang Wei', '^张伟')).toEqual(['patient-name:张伟', 'patient-name-pinyin:Zhang Wei']);
  });
  it('matches Latin parts alone only when they are distinctive', () => {
    expect(found('Jianguo, Wang', 'Wang^Jianguo')).toEqual(['patient-name:Jianguo, Wang']);
    expect(found('seen by Dr Wang; Jianguo called', 'Wang^Jianguo')).toEqual(['patient-name:Jianguo']);
    expect(found('Lili and Wang', 'Wang^Lili')).toEqual([]);
    expect(found('no grace period for Smith', 'Smith^Grace')).toEqual(['patient-name:Smith']);
  });
});
