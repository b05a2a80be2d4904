// The real rule files in ../shared/reference/redaction-rules (CTP's DicomPixelAnonymizer.script and
// pydicom deid's recipes, read in place): every rule that has a region imports; what is reported
// skipped has no region at all. Skipped, with a message, when the reference folder is absent.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCtpPixelScript, importDeidRecipe } from '../../../src/core/redaction/rule-import.ts';
import { boxesFor, formatTemplateFile, parseTemplateFile } from '../../../src/core/redaction/template.ts';

const DIR = fileURLToPath(new URL('../../../../shared/reference/redaction-rules/', import.meta.url));
const present = existsSync(DIR + 'ctp-DicomPixelAnonymizer.script');
if (!present) console.log(`reference-rules: ${DIR} is absent; the tests on the real rule files are skipped`);
const read = (name: string) => readFileSync(DIR + name, 'utf8');

describe.skipIf(!present)('the real CTP and deid rule files', () => {
  it('imports every one of CTP\'s 53 signatures (30 before version 2)', () => {
    const r = importCtpPixelScript(read('ctp-DicomPixelAnonymizer.script'));
    expect(r.skipped).toEqual([]);
    expect(r.file.templates.length).toBe(53);
    expect(r.file.version).toBe(2);
    expect(parseTemplateFile(formatTemplateFile(r.file))).toEqual(r.file);
    // A dose report screen (SeriesDescription, a version 2 condition) gets its box, a plain CT does not.
    const img = { Modality: 'CT', Manufacturer: 'GE MEDICAL SYSTEMS', ManufacturerModelName: 'LightSpeed', Rows: 512, Columns: 512 };
    const dose = { ...img, lookup: (a: string) => ({ SeriesDescription: 'Dose Report', Manufacturer: img.Manufacturer, Rows: '512' })[a] };
    expect(boxesFor(r.file, dose).boxes.length).toBeGreaterThan(0);
    expect(boxesFor(r.file, { ...img, lookup: (a: string) => ({ SeriesDescription: 'Head 5mm', Manufacturer: img.Manufacturer, Rows: '512' })[a] }).templates).not.toContain(boxesFor(r.file, dose).templates[0]);
  });

  it.each(['deid-deid.dicom', 'deid-deid.dicom.ultrasound', 'deid-deid.dicom.xray.chest'])('imports every deid rule with coordinates in %s', (name) => {
    const r = importDeidRecipe(read(name));
    for (const s of r.skipped) expect(inEnglish(s.reason)).toMatch(/^no coordinates: in deid this rule only flags images/);
    expect(parseTemplateFile(formatTemplateFile(r.file))).toEqual(r.file);
  });

  it('imports 119 deid rules (78 before version 2), skipping only the 13 flag-only ones of deid.dicom', () => {
    const r = importDeidRecipe(read('deid-deid.dicom'));
    expect(r.skipped.length).toBe(13);
    expect(r.file.templates.length).toBe(119);
  });
});
