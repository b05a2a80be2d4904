// Version 2 template conditions: each test on an attribute (case and spaces ignored, multi-valued
// attributes), all / any / not nested, tags or keywords, and parse errors that name the path.

import { errorInEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { conditionHolds, parseCondition, type AttributeLookup } from '../../../src/core/redaction/template-condition.ts';
import { parseTemplateFile, templateMatches } from '../../../src/core/redaction/template.ts';

const attrs: Record<string, string> = { ImageType: 'DERIVED\\SECONDARY\\SCREEN SAVE', SeriesDescription: ' Dose Report ', '00081090': 'LOGIQ E9', BurnedInAnnotation: '' };
const lookup: AttributeLookup = (a) => attrs[a.replace(/[^0-9A-Za-z]/g, '').toUpperCase() === '00081090' ? '00081090' : a];

/** What a call throws, in English (as the CLI prints it). */
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return errorInEnglish(err);
  }
  return 'accepted';
};

describe('template conditions (format version 2)', () => {
  it.each([
    [{ attribute: 'ImageType', equals: 'secondary' }, true],
    [{ attribute: 'ImageType', equals: 'DERIVED' }, true],
    [{ attribute: 'ImageType', equals: 'SCREEN' }, false],
    [{ attribute: 'ImageType', contains: 'screen save' }, true],
    [{ attribute: 'SeriesDescription', equals: 'dose report' }, true],
    [{ attribute: 'SeriesDescription', startsWith: 'DOSE' }, true],
    [{ attribute: 'SeriesDescription', endsWith: 'report' }, true],
    [{ attribute: 'SeriesDescription', matches: 'do.e\\s+rep' }, true],
    [{ attribute: '(0008,1090)', startsWith: 'logiq' }, true],
    [{ attribute: 'StationName', missing: true }, true],
    [{ attribute: 'BurnedInAnnotation', missing: true }, false],
    [{ attribute: 'BurnedInAnnotation', empty: true }, true],
    [{ attribute: 'StationName', empty: true }, false],
    [{ attribute: 'StationName', contains: '' }, false],
  ])('%j holds: %s', (c, want) => {
    expect(conditionHolds(parseCondition(c, 'when'), lookup)).toBe(want);
  });

  it('combines with all, any and not, nested', () => {
    const c = parseCondition({ all: [{ any: [{ attribute: 'Modality', equals: 'US' }, { attribute: 'ImageType', contains: 'SECONDARY' }] }, { not: { attribute: 'SeriesDescription', contains: 'Localizer' } }] }, 'when');
    expect(conditionHolds(c, lookup)).toBe(true);
    expect(conditionHolds({ not: c }, lookup)).toBe(false);
    expect(conditionHolds({ all: [] }, lookup)).toBe(true);
    expect(conditionHolds({ any: [] }, lookup)).toBe(false);
  });

  it.each([
    [{ attribute: 'ImageType' }, /when: expected exactly one test/],
    [{ attribute: 'ImageType', contains: 'A', equals: 'B' }, /when: expected exactly one test/],
    [{ attribute: 'Image Type', contains: 'A' }, /when\.attribute: expected a keyword/],
    [{ attribute: 'ImageType', resembles: 'A' }, /when\.resembles: unknown test/],
    [{ attribute: 'ImageType', missing: 'yes' }, /when\.missing: expected true/],
    [{ attribute: 'ImageType', matches: '(' }, /when\.matches: not a regular expression/],
    [{ all: [{ attribute: 'X', equals: 1 }] }, /when\.all\[0\]\.equals: expected a string/],
    [{ all: [], any: [] }, /"all" stands alone/],
  ])('rejects %j', (c, err) => {
    expect(refusal(() => parseCondition(c, 'when'))).toMatch(err);
  });

  it('reads a version 2 file and matches with the condition as well as match', () => {
    const file = parseTemplateFile(JSON.stringify({ version: 2, templates: [{ name: 'dose', match: { Modality: 'CT' }, when: { attribute: 'SeriesDescription', contains: 'dose' }, boxes: [{ x: 0, y: -10, width: 5, height: 10 }] }] }));
    const img = { Modality: 'CT', Manufacturer: '', ManufacturerModelName: '', Rows: 64, Columns: 64, lookup };
    expect(templateMatches(file.templates[0], img)).toBe(true);
    expect(templateMatches(file.templates[0], { ...img, Modality: 'MR' })).toBe(false);
    expect(templateMatches(file.templates[0], { ...img, lookup: () => undefined })).toBe(false);
  });
});
