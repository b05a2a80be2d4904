// Text read in the pixels is marked identifying when it holds the patient's name (汉字 or
// pinyin), the patient ID, a resident ID or a date; device captions are not.

import { describe, expect, it } from 'vitest';
import { identifyingTest } from '../../src/ocr/identifying.ts';

describe('identifying OCR text', () => {
  const isId = identifyingTest({ patientNames: ['Zhang^Wei=张^伟'], patientIds: ['MRN-00123'], dates: ['19800102'] });
  it('marks names, IDs and dates', () => {
    expect(isId('姓名:张伟')).toBe(true);
    expect(isId('ZHANG WEI')).toBe(true);
    expect(isId('PID MRN00123')).toBe(true);
    expect(isId('11010519491231002X')).toBe(true);
    expect(isId('2023-05-01')).toBe(true);
  });
  it('leaves device text alone', () => {
    expect(isId('SIEMENS')).toBe(false);
    expect(isId('L 12.5 cm')).toBe(false);
    expect(isId('')).toBe(false);
  });
});
