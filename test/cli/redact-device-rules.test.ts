// `veil anonymize --redact` with rules as users have them: a CTP DicomPixelAnonymizer script and a
// pydicom deid recipe, read as they are (told apart by content). Conditions on attributes a
// version 1 template cannot test (SeriesDescription, ImageType) decide which synthetic images are
// redacted; every skipped rule is a stderr line and an entry of the report's redactionRules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { PIXEL_DATA } from '../../src/core/dicom/tag.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { makeCtLike, T } from '../fixtures/make.ts';
import { removeTempDirs, runInProcess, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const image = (i: number, seriesDescription: string, imageType: string[]) =>
  makeCtLike({
    rows: 16, cols: 20, frames: 1, bitsAllocated: 8, sopInstanceUID: `1.2.826.0.1.3680043.9999.78.${i}`,
    extra: [
      { tag: T.Modality, vr: 'CS', value: 'CT' },
      { tag: T.Manufacturer, vr: 'LO', value: 'ACME Medical' },
      { tag: T.SeriesDescription, vr: 'LO', value: seriesDescription },
      { tag: T.ImageType, vr: 'CS', value: imageType },
    ],
  });

async function topRowsBlack(file: string, rows: number): Promise<boolean> {
  const f = await readPart10(new MemorySource(new Uint8Array(fs.readFileSync(file))));
  const el = findElement(f.dataset, PIXEL_DATA)!;
  const px = el.value.kind === 'bytes' ? el.value.bytes : await f.source.read((el.value as { range: { offset: number; length: number } }).range.offset, (el.value as { range: { length: number } }).range.length);
  return px.subarray(0, rows * 20).every((v) => v === 0);
}

/** a: a dose report screen (SeriesDescription), b: a secondary capture (ImageType), c: an axial slice. */
function inputs(dir: string): string {
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  fs.writeFileSync(path.join(input, 'a.dcm'), image(1, 'Dose Report', ['DERIVED', 'PRIMARY']));
  fs.writeFileSync(path.join(input, 'b.dcm'), image(2, 'Screen', ['DERIVED', 'SECONDARY']));
  fs.writeFileSync(path.join(input, 'c.dcm'), image(3, 'Axial 5mm', ['ORIGINAL', 'PRIMARY', 'AXIAL']));
  return input;
}

const CTP = `
 Dose report screens
  { Manufacturer.containsIgnoreCase("ACME") * SeriesDescription.containsIgnoreCase ("dose report") }
  (0,0,19,3)

 Secondary captures, from the bottom edge
  { ImageType.containsIgnoreCase("SECONDARY") * !Modality.equals("MR") }
  (0,-16,19,5)

 Unreadable
  { Modality.equals("CT" }
  (0,0,1,1)
`;

const DEID = `FORMAT dicom

%filter graylist

LABEL Dose report screens
  contains Manufacturer ACME
  + contains SeriesDescription Dose.Report
  coordinates 0,0,20,4

LABEL Secondary captures
  contains ImageType SECONDARY
  ctpcoordinates 0,0,20,6

%filter blacklist

LABEL Flag only
  contains ImageType SCREEN SAVE
`;

describe('veil anonymize --redact with device rules', () => {
  it.each([
    ['CTP DicomPixelAnonymizer.script', CTP, 'Unreadable', /signature cannot be read/, 2],
    ['deid.dicom recipe', DEID, 'Flag only', /only flags images/, 2],
  ])('reads a %s as it is, redacts by any attribute and reports each skipped rule', async (name, text, skippedRule, reason, templates) => {
    const dir = tempDir();
    const input = inputs(dir);
    const rules = path.join(dir, name);
    fs.writeFileSync(rules, text);
    const out = path.join(dir, 'out');
    const report = path.join(dir, 'report.json');
    const r = await runInProcess(['anonymize', input, '--out', out, '--redact', rules, '--report', report, '--key', path.join(dir, 'k'), '--jobs', '1', '--keep-paths']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${templates} template(s) imported, 1 rule(s) skipped`);
    expect(r.stderr).toMatch(new RegExp(`skipped rule "${skippedRule}": `));
    expect(await topRowsBlack(path.join(out, 'a.dcm'), 4)).toBe(true);
    expect(await topRowsBlack(path.join(out, 'b.dcm'), 4)).toBe(true);
    expect(await topRowsBlack(path.join(out, 'c.dcm'), 1)).toBe(false);
    const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
    expect(rep.redactionRules).toMatchObject({ file: rules, templates, skipped: [{ rule: skippedRule, reason: expect.stringMatching(reason) }] });
  });

  it('refuses a file that is none of the three formats, before touching any file', async () => {
    const dir = tempDir();
    const input = inputs(dir);
    const rules = path.join(dir, 'notes.txt');
    fs.writeFileSync(rules, 'black out the top of every ultrasound\n');
    const r = await runInProcess(['anonymize', input, '--out', path.join(dir, 'out'), '--redact', rules, '--key', path.join(dir, 'k')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a redaction template \(JSON\), a CTP DicomPixelAnonymizer script/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
