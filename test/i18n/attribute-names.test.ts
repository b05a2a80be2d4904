// Every attribute of PS3.15 Table E.1-1 (the reference JSON, 2026c) has a Chinese name for the
// header panel, found by its PS3.6 keyword (or, for attributes newer than the dictionary, the
// keyword the standard derives from the name); and the names are really Chinese.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupTag } from '../../src/core/dicom/dictionary.ts';
import { ATTRIBUTE_NAMES_ZH, attributeNameZh } from '../../src/i18n/attribute-names.zh-CN.ts';

interface Row { name: string; tag: string }
const table = JSON.parse(readFileSync(new URL('../../../shared/reference/ps3.15-table-e1-1.json', import.meta.url), 'utf8')) as { attributes: Row[] };
const CJK = /[\u3400-\u9fff]/;

function keywordOf(row: Row): string | null {
  const m = /^\(([0-9A-Fx]{4}),([0-9A-Fx]{4})\)$/i.exec(row.tag);
  if (!m) return null; // the private-attribute row "(gggg,eeee) where gggg is odd"
  const entry = lookupTag(parseInt((m[1]! + m[2]!).replace(/x/gi, '0'), 16));
  return entry?.keyword ?? row.name.replace(/[^A-Za-z0-9]/g, '');
}

describe('Chinese attribute names', () => {
  it('covers every attribute of Table E.1-1', () => {
    const keywords = table.attributes.map(keywordOf).filter((k): k is string => k !== null);
    expect(keywords.length).toBeGreaterThan(600);
    const missing = keywords.filter((k) => attributeNameZh(k) === undefined);
    expect(missing).toEqual([]);
  });
  it('names are Chinese, and retired keywords find their name', () => {
    const notChinese = Object.entries(ATTRIBUTE_NAMES_ZH).filter(([, v]) => !CJK.test(v) && v !== 'UID').map(([k]) => k);
    expect(notChinese).toEqual([]);
    expect(attributeNameZh('PatientName')).toBe('患者姓名');
    expect(attributeNameZh('RETIRED_AcquisitionComments')).toBe('采集备注');
    expect(attributeNameZh('NoSuchKeyword')).toBeUndefined();
  });
});
