// Redaction templates, format version 1: parsing and validation (errors name the path), matching
// on Modality / Manufacturer / ManufacturerModelName / Rows / Columns, the optional matchContains
// extension, the union of boxes of every matching template, and the round trip through the
// formatter. Also: templates applied by process-file to a real image.

import { errorInEnglish } from '../../../src/i18n/render-code.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { boxesFor, formatTemplateFile, parseTemplateFile, templateMatches, type ImageAttributes, type TemplateFile } from '../../../src/core/redaction/template.ts';
import { T } from '../../fixtures/make.ts';
import { makeNativeImage, pixelBytes, type ImageSpec } from '../pixels/image-fixtures.ts';
import { pixelDataOf, redact } from '../pixels/redact-helpers.ts';

const US: ImageAttributes = { Modality: 'US', Manufacturer: 'GE Healthcare', ManufacturerModelName: 'LOGIQE9', Rows: 480, Columns: 640 };

const FILE = {
  version: 1,
  templates: [
    { name: 'banner', match: { Modality: 'US', Rows: 480, Columns: 640 }, boxes: [{ x: 0, y: 0, width: 640, height: 48 }] },
    { name: 'GE side panel', match: { Manufacturer: ' ge healthcare ' }, boxes: [{ x: 600, y: 48, width: 40, height: 100 }] },
    { name: 'CT only', match: { Modality: 'CT' }, boxes: [{ x: 0, y: 0, width: 10, height: 10 }] },
  ],
};

/** What a call throws, in English (as the CLI prints it). */
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    return errorInEnglish(err);
  }
  return 'accepted';
};

describe('template file version 1', () => {
  it('parses, matches (case and spaces ignored) and unions the boxes of every match', () => {
    const file = parseTemplateFile(JSON.stringify(FILE));
    const hit = boxesFor(file, US);
    expect(hit.templates).toEqual(['banner', 'GE side panel']);
    expect(hit.boxes).toEqual([{ x: 0, y: 0, width: 640, height: 48 }, { x: 600, y: 48, width: 40, height: 100 }]);
    expect(boxesFor(file, { ...US, Rows: 600 }).templates).toEqual(['GE side panel']);
  });

  it('matches every image with an empty match', () => {
    const file = parseTemplateFile('{"version":1,"templates":[{"match":{},"boxes":[{"x":0,"y":0,"width":1,"height":1}]}]}');
    expect(file.templates[0].name).toBe('template 1');
    expect(templateMatches(file.templates[0], US)).toBe(true);
  });

  it('round-trips through the formatter', () => {
    const file = parseTemplateFile(JSON.stringify(FILE));
    expect(parseTemplateFile(formatTemplateFile(file))).toEqual(file);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not JSON', '{', /not valid JSON/],
    ['wrong version', { version: 3, templates: [] }, /version: expected 1 or 2, found 3/],
    ['a version 2 field in version 1', { version: 1, templates: [{ when: { attribute: 'ImageType', contains: 'X' }, boxes: [] }] }, /templates\[0\]\.when: needs "version": 2/],
    ['templates missing', { version: 1 }, /templates: expected an array/],
    ['unknown match field', { version: 1, templates: [{ match: { StationName: 'X' }, boxes: [] }] }, /templates\[0\]\.match\.StationName: unknown field/],
    ['Rows not a positive integer', { version: 1, templates: [{ match: { Rows: 1.5 }, boxes: [] }] }, /templates\[0\]\.match\.Rows: expected a positive integer/],
    ['box width zero', { version: 1, templates: [{ match: {}, boxes: [{ x: 0, y: 0, width: 0, height: 3 }] }] }, /templates\[0\]\.boxes\[0\]: width and height must be positive/],
    ['box x missing', { version: 1, templates: [{ match: {}, boxes: [{ y: 0, width: 1, height: 3 }] }] }, /templates\[0\]\.boxes\[0\]\.x: expected a number/],
    ['matchContains unknown field', { version: 1, templates: [{ match: {}, matchContains: { SeriesDescription: 'x' }, boxes: [] }] }, /matchContains\.SeriesDescription: unknown field/],
    ['matchContains empty string', { version: 1, templates: [{ match: {}, matchContains: { Manufacturer: [' '] }, boxes: [] }] }, /matchContains\.Manufacturer: expected a non-empty string/],
  ];
  for (const [name, value, error] of bad) {
    it(`rejects: ${name}`, () => {
      expect(refusal(() => parseTemplateFile(typeof value === 'string' ? value : JSON.stringify(value)))).toMatch(error);
    });
  }
});

describe('matchContains (compatible extension of version 1)', () => {
  const file = parseTemplateFile(JSON.stringify({
    version: 1,
    templates: [
      { name: 'logiq', match: { Modality: 'US' }, matchContains: { Manufacturer: 'ge', ManufacturerModelName: ['LOGIQ', 'e9'] }, boxes: [{ x: 0, y: 0, width: 960, height: 70 }] },
      { name: '512 rows', match: {}, matchContains: { Rows: '512' }, boxes: [{ x: 0, y: 0, width: 512, height: 25 }] },
    ],
  }));

  it('accepts a string or a list and keeps lists', () => {
    expect(file.templates[0].matchContains).toEqual({ Manufacturer: ['ge'], ManufacturerModelName: ['LOGIQ', 'e9'] });
  });

  it('needs every listed string, ignoring case; Rows and Columns are matched as decimal text', () => {
    expect(templateMatches(file.templates[0], US)).toBe(true);
    expect(templateMatches(file.templates[0], { ...US, ManufacturerModelName: 'LOGIQ S8' })).toBe(false);
    expect(templateMatches(file.templates[1], { ...US, Rows: 512 })).toBe(true);
    expect(templateMatches(file.templates[1], { ...US, Rows: 1512 })).toBe(true);
    expect(templateMatches(file.templates[1], { ...US, Rows: 600 })).toBe(false);
  });

  it('is absent from templates that do not use it, so plain version 1 files stay as they were', () => {
    const plain = parseTemplateFile(JSON.stringify(FILE));
    expect(plain.templates.every((t) => !('matchContains' in t))).toBe(true);
    expect(formatTemplateFile(plain)).not.toMatch(/matchContains/);
  });
});

describe('templates applied to an image', () => {
  it('redacts the boxes of the matching templates only', async () => {
    const s: ImageSpec = {
      rows: 20, cols: 30, bitsAllocated: 8, pi: 'MONOCHROME2',
      extra: [{ tag: T.Modality, vr: 'CS', value: 'US' }, { tag: T.Manufacturer, vr: 'LO', value: 'GE Healthcare' }, { tag: T.ManufacturerModelName, vr: 'LO', value: 'LOGIQE9' }],
    };
    const templates: TemplateFile = {
      version: 1,
      templates: [
        { name: 'banner', match: { Modality: 'US', Rows: 20 }, matchContains: { ManufacturerModelName: ['logiq'] }, boxes: [{ x: 0, y: 0, width: 30, height: 3 }] },
        { name: 'not this one', match: { Modality: 'US', Columns: 31 }, boxes: [{ x: 0, y: 10, width: 30, height: 3 }] },
      ],
    };
    const { file, result } = await redact(makeNativeImage(s), { redactionTemplates: templates });
    expect(result.warnings.map(inEnglish).join(' ')).toMatch(/template\(s\) banner/);
    expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(s, true, [{ x: 0, y: 0, width: 30, height: 3 }])))).toBe(true);
  });
});
