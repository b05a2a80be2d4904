// Checks the generated Table E.1-1 and E.3.10-1 data (PS3.15 2026c Annex E) row by row and
// column by column against the reference JSON in ../shared/reference, when that folder exists.
// Without it the comparison tests are reported as skipped, with the path that was looked for.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_INFO, OPTION_KEYS } from '../../../src/core/profile/options.ts';
import { PROFILE_ROWS, PRIVATE_ROW_TAG } from '../../../src/core/profile/profile-table.ts';
import { TABLE_E1_1 } from '../../../src/core/profile/table-e1-1.data.ts';
import { SAFE_PRIVATE_ATTRIBUTES } from '../../../src/core/profile/safe-private.data.ts';

const refDir = resolve(process.cwd(), '../shared/reference');
const e11Path = resolve(refDir, 'ps3.15-table-e1-1.json');
const safePath = resolve(refDir, 'ps3.15-table-e3.10-1-safe-private.json');
const present = existsSync(e11Path) && existsSync(safePath);

type RefRow = Record<string, string>;

const refTag = (s: string): string =>
  s === PRIVATE_ROW_TAG ? s : s.replace(/[(),]/g, '').toUpperCase().replace(/X/g, 'x');

describe('generated profile data (no reference needed)', () => {
  it('has every row of both tables', () => {
    expect(TABLE_E1_1).toHaveLength(656);
    expect(PROFILE_ROWS).toHaveLength(656);
    expect(SAFE_PRIVATE_ATTRIBUTES).toHaveLength(479);
  });
  it('writes tags as 8 upper-case hex digits with lower-case x wildcards', () => {
    const odd = TABLE_E1_1.map((r) => r[0]).filter((t) => !/^[0-9A-F]{8}$/.test(t));
    expect(odd).toEqual(['50xxxxxx', '60xx4000', '60xx3000', PRIVATE_ROW_TAG]);
    for (const [el] of SAFE_PRIVATE_ATTRIBUTES) expect(el).toMatch(/^[0-9A-F]{4}xx[0-9A-F]{2}$/);
  });
});

if (!present) {
  console.warn(`reference-agreement: ${refDir} not found; the row-by-row PS3.15 comparison is SKIPPED`);
  describe('reference agreement', () => {
    it.skip(`SKIPPED: reference folder ${refDir} not found; generated data NOT compared with PS3.15 JSON`, () => {});
  });
} else {
  const e11 = JSON.parse(readFileSync(e11Path, 'utf8')) as { attributes: RefRow[] };
  const safe = JSON.parse(readFileSync(safePath, 'utf8')) as { attributes: RefRow[] };
  const known = new Set(['name', 'tag', 'id', 'retired', 'stdCompIOD', 'basicProfile', ...OPTION_KEYS.map((k) => OPTION_INFO[k].column)]);

  describe('Table E.1-1 agrees with the reference JSON', () => {
    it('has the same number of rows', () => {
      expect(e11.attributes).toHaveLength(TABLE_E1_1.length);
    });
    it('reference rows use only known columns', () => {
      for (const r of e11.attributes) for (const f of Object.keys(r)) expect(known.has(f), `${r.tag}: ${f}`).toBe(true);
    });
    it('agrees on every row and every column, in table order', () => {
      let compared = 0;
      e11.attributes.forEach((ref, i) => {
        const [tag, name, retired, stdCompIOD, basic, options] = TABLE_E1_1[i];
        const row = PROFILE_ROWS[i];
        const where = `row ${i} ${ref.tag}`;
        expect(tag, where).toBe(refTag(ref.tag));
        expect(row.tag, where).toBe(tag);
        expect(name, where).toBe(ref.name);
        expect(row.name, where).toBe(ref.name);
        expect(retired, where).toBe(ref.retired === 'Y');
        expect(row.retired, where).toBe(ref.retired === 'Y');
        expect(stdCompIOD, where).toBe(ref.stdCompIOD === 'Y');
        expect(row.stdCompIOD, where).toBe(ref.stdCompIOD === 'Y');
        expect(basic, where).toBe(ref.basicProfile);
        expect(row.basic, where).toBe(ref.basicProfile);
        for (const k of OPTION_KEYS) {
          const want = ref[OPTION_INFO[k].column];
          expect((options as Record<string, string | undefined>)[k], `${where} ${k}`).toBe(want);
          expect(row.options[k], `${where} ${k}`).toBe(want);
        }
        compared++;
      });
      expect(compared).toBe(656);
    });
  });

  describe('Table E.3.10-1 agrees with the reference JSON', () => {
    it('agrees on every row and every column, in table order', () => {
      expect(safe.attributes).toHaveLength(SAFE_PRIVATE_ATTRIBUTES.length);
      safe.attributes.forEach((ref, i) => {
        const [el, creator, vr, vm, meaning] = SAFE_PRIVATE_ATTRIBUTES[i];
        const where = `row ${i} ${ref.dataElement}`;
        expect(el, where).toBe(ref.dataElement.replace(/[(),]/g, '').toUpperCase().replace(/XX/, 'xx'));
        expect(creator, where).toBe(ref.privateCreator);
        expect(vr, where).toBe(ref.vr);
        expect(vm, where).toBe(ref.vm);
        expect(meaning, where).toBe(ref.meaning);
      });
    });
  });
}
