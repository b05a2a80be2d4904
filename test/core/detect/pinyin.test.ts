// Pinyin generation from the compact table: readings of common and multi-reading characters,
// compound surnames, and the romanisations generated for 张伟, 欧阳娜娜 and 单丽 (Shan/Dan).

import { describe, expect, it } from 'vitest';
import { hanziReadings, namePinyin, splitChineseName } from '../../../src/core/detect/index.ts';
import { PINYIN_TABLE } from '../../../src/core/detect/pinyin-table.data.ts';

describe('pinyin table', () => {
  it('covers the common characters and keeps all readings', () => {
    expect(hanziReadings('张')).toEqual(['zhang']);
    expect(hanziReadings('单')).toEqual(expect.arrayContaining(['dan', 'shan', 'chan']));
    expect(hanziReadings('曾')).toEqual(expect.arrayContaining(['zeng', 'ceng']));
    expect(hanziReadings('吕')).toEqual(['lv']);
    expect(hanziReadings('張')).toEqual(['zhang']); // traditional form
    expect(hanziReadings('喆')).toEqual(['zhe']); // name character outside GB2312
    expect(hanziReadings('A')).toEqual([]);
  });
  it('is compact: ~9,000 characters in ~411 syllables', () => {
    const chars = PINYIN_TABLE.reduce((n, e) => n + e.replace(/^[a-z]+/, '').length, 0);
    expect(PINYIN_TABLE.length).toBeGreaterThan(400);
    expect(chars).toBeGreaterThan(8000);
    expect(PINYIN_TABLE.join('').length).toBeLessThan(15000);
  });
});

describe('names', () => {
  it('splits compound surnames', () => {
    expect(splitChineseName('欧阳娜娜')).toEqual({ family: '欧阳', given: '娜娜' });
    expect(splitChineseName('张伟')).toEqual({ family: '张', given: '伟' });
    expect(splitChineseName('司马相如')).toEqual({ family: '司马', given: '相如' });
  });
  it('romanises 张伟, 欧阳娜娜, 单丽', () => {
    expect(namePinyin('张伟')).toEqual(['Zhang Wei']);
    expect(namePinyin('欧阳娜娜')).toContain('Ouyang Nana');
    expect(namePinyin('单丽')).toEqual(expect.arrayContaining(['Shan Li', 'Dan Li']));
    expect(namePinyin('吕小明')).toContain('Lü Xiaoming');
    expect(namePinyin('单丽', '单')).toContain('Shan Li');
  });
});
