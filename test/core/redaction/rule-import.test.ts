// Import of CTP DicomPixelAnonymizer scripts and pydicom deid %filter recipes into templates:
// conditions become match / matchContains, or a version 2 "when" for what those cannot hold
// (other attributes, negation, startsWith, missing, empty, regular expressions); "or" becomes one
// template per alternative, regions become boxes (CTP x,y,w,h with negative offsets from the
// right/bottom; deid xmin,ymin,xmax,ymax, ctpcoordinates, "all", keepcoordinates and the kept
// ultrasound regions), and every rule that cannot be imported is reported with its reason. The
// imported file must pass the template parser.

import { inEnglish } from '../../../src/i18n/render-code.ts';
import { describe, expect, it } from 'vitest';
import { importCtpPixelScript, importDeidRecipe, type ImportedRules } from '../../../src/core/redaction/rule-import.ts';
import { boxesFor, formatTemplateFile, parseTemplateFile, templateMatches } from '../../../src/core/redaction/template.ts';

const valid = (r: ImportedRules) => expect(parseTemplateFile(formatTemplateFile(r.file))).toEqual(r.file);

const CTP = `
A small burned-in annotation library, written for this test.
Comment text may span lines; braces and parentheses are not allowed in it.

ULTRASOUND
 Vendor One banner
  { Modality.equals("US") *
    [0008,0070].containsIgnoreCase("Vendor One") *
    [0028,0010].equals("600") *
    [0028,0011].equals("800") }
  (0,0,800,40) (-120,-30,120,30)

  { [0008,1090].containsIgnoreCase("MODEL-7") * [0028,0010].containsIgnoreCase("768") }
  (0,0,1024,60)

 Either model
  { Manufacturer.containsIgnoreCase("Vendor Two") *
    ( ManufacturerModelName.containsIgnoreCase("M1") + ManufacturerModelName.containsIgnoreCase("M2") ) }
  (10,10,100,20)

 Dose screens
  { [0008,0008].containsIgnoreCase("SECONDARY") * Modality.equals("CT") }
  (0,0,512,100)

 Mixed alternatives
  { Modality.equals("CT") * ( [0008,103e].containsIgnoreCase("Dose") + Rows.equals("512") ) }
  (0,0,512,110)

 Not a CT
  { !Modality.equals("CT") * Manufacturer.contains("X") }
  (0,0,5,5)

 Bottom strip without a size
  { Manufacturer.containsIgnoreCase("Vendor Three") }
  (0,-20,300,20)

 Prefix test
  { ManufacturerModelName.startsWithIgnoreCase("V6") }
  (0,0,50,50)

 Contradiction
  { Modality.equals("CT") * Modality.equals("MR") }
  (0,0,50,50)

 Broken
  { Modality.equals("US" * }
  (0,0,1,1)
`;

describe('CTP DicomPixelAnonymizer script import', () => {
  const r = importCtpPixelScript(CTP);
  const byName = (name: string) => r.file.templates.filter((t) => t.name.startsWith(name));

  it('converts equality and containment, and negative offsets when the size is fixed', () => {
    expect(byName('Vendor One banner')[0]).toEqual({
      name: 'Vendor One banner',
      match: { Modality: 'US', Rows: 600, Columns: 800 },
      matchContains: { Manufacturer: ['Vendor One'] },
      // CTP includes both ends: (x,y,w,h) blanks w+1 columns and h+1 rows.
      boxes: [{ x: 0, y: 0, width: 801, height: 41 }, { x: 680, y: 570, width: 121, height: 31 }],
    });
  });

  it('names a signature without its own comment after the group above it, and keeps "contains" on Rows', () => {
    const [, second] = byName('Vendor One banner');
    expect(second.matchContains).toEqual({ ManufacturerModelName: ['MODEL-7'], Rows: ['768'] });
    expect(templateMatches(second, { Modality: 'US', Manufacturer: '', ManufacturerModelName: 'model-7 pro', Rows: 768, Columns: 1024 })).toBe(true);
  });

  it('makes one template per alternative of an "or"', () => {
    expect(byName('Either model').map((t) => t.matchContains)).toEqual([
      { Manufacturer: ['Vendor Two'], ManufacturerModelName: ['M1'] },
      { Manufacturer: ['Vendor Two'], ManufacturerModelName: ['M2'] },
    ]);
  });

  it('imports conditions on other attributes, negation and startsWith as version 2 "when"', () => {
    expect(r.file.version).toBe(2);
    expect(byName('Dose screens')).toEqual([{
      name: 'Dose screens', match: { Modality: 'CT' }, when: { attribute: '0008,0008', contains: 'SECONDARY' }, boxes: [{ x: 0, y: 0, width: 513, height: 101 }],
    }]);
    expect(byName('Mixed alternatives').map((t) => [t.match, t.when])).toEqual([
      [{ Modality: 'CT' }, { attribute: '0008,103e', contains: 'Dose' }],
      [{ Modality: 'CT', Rows: 512 }, undefined],
    ]);
    expect(byName('Not a CT')[0]).toMatchObject({ matchContains: { Manufacturer: ['X'] }, when: { not: { attribute: 'Modality', equals: 'CT' } } });
    expect(byName('Prefix test')[0].when).toEqual({ attribute: 'ManufacturerModelName', startsWith: 'V6' });
  });

  it('keeps a region from the bottom edge as a negative offset placed on each image', () => {
    const [t] = byName('Bottom strip without a size');
    expect(t.boxes).toEqual([{ x: 0, y: -20, width: 301, height: 21 }]);
    const img = { Modality: 'CT', Manufacturer: 'Vendor Three', ManufacturerModelName: '', Rows: 400, Columns: 500 };
    expect(boxesFor(r.file, img).boxes).toContainEqual({ x: 0, y: 380, width: 301, height: 21 });
  });

  it('reports, with a reason, the rules it cannot import — none dropped silently', () => {
    expect(r.skipped.map((s) => ({ rule: s.rule, reason: inEnglish(s.reason) }))).toEqual([{ rule: 'Broken', reason: expect.stringMatching(/signature cannot be read/) }]);
    // A contradiction can never match: nothing to import, nothing lost.
    expect(byName('Contradiction')).toEqual([]);
  });

  it('produces a valid template file', () => valid(r));
});

const DEID = `FORMAT dicom

%filter whitelist

LABEL Known clean # test
  contains Modality CT
  + contains ManufacturerModelName Scanner 64

%filter graylist

LABEL Reconstructions
  missing Manufacturer || empty Manufacturer
  coordinates 0,0,10,10

LABEL Banner xyxy # deid order: xmin,ymin,xmax,ymax
  contains Modality US
  + contains Manufacturer Vendor One
  + equals Rows 600
  coordinates 0,0,800,40
  ctpcoordinates 100,50,20,10

LABEL Either model
  contains Modality US
  + contains ManufacturerModelName A400|A500
  ctpcoordinates 0,0,960,60

LABEL Trailing plus
  contains ManufacturerModelName Definition AS+
coordinates 450,0,672, 85

LABEL Regex
  contains ManufacturerModelName ^X.*
  ctpcoordinates 0,0,1,1

LABEL Left to right
  contains Modality US
  + contains Manufacturer Vendor Four
  || contains SeriesDescription Report
  ctpcoordinates 0,0,100,10

LABEL Pipes in equals
  + contains Manufacturer Vendor Five
  + equals Rows 600|768
  ctpcoordinates 0,0,800,59

LABEL Everything but a window
  equals Modality XA
  coordinates all
  ctpkeepcoordinates 100,100,50,50

LABEL Ultrasound regions
  contains Modality US
  coordinates all
  keepcoordinates from:SequenceOfUltrasoundRegions

%filter blacklist

LABEL Flag only
  contains ImageType SAVE

%header
REPLACE PatientID var:id
`;

describe('pydicom deid recipe import (%filter sections)', () => {
  const r = importDeidRecipe(DEID);
  const byName = (name: string) => r.file.templates.filter((t) => t.name.startsWith(name));
  const reasons = Object.fromEntries(r.skipped.map((s) => [s.rule, inEnglish(s.reason)]));

  it('reads coordinates as xmin,ymin,xmax,ymax and ctpcoordinates as x,y,w,h', () => {
    expect(byName('Banner xyxy')).toEqual([{
      name: 'Banner xyxy', match: { Rows: 600 }, matchContains: { Modality: ['US'], Manufacturer: ['Vendor One'] },
      boxes: [{ x: 0, y: 0, width: 800, height: 40 }, { x: 100, y: 50, width: 20, height: 10 }],
    }]);
    // "450,0,672, 85": spaces allowed; xmax 672 → width 222.
    expect(byName('Trailing plus')[0].boxes).toEqual([{ x: 450, y: 0, width: 222, height: 85 }]);
  });

  it('treats "A|B" in contains as alternatives, and a trailing "+" as what it finds', () => {
    expect(byName('Either model').map((t) => t.matchContains?.ManufacturerModelName)).toEqual([['A400'], ['A500']]);
    expect(byName('Trailing plus')[0].matchContains).toEqual({ ManufacturerModelName: ['Definition AS'] });
    expect(byName('Regex')[0].when).toEqual({ attribute: 'ManufacturerModelName', matches: '^X.*' });
  });

  it('evaluates condition lines left to right, as deid does', () => {
    // ((Modality US and Manufacturer Vendor Four) or SeriesDescription Report)
    expect(byName('Left to right (1)')).toEqual([{ name: 'Left to right (1)', match: {}, matchContains: { Modality: ['US'], Manufacturer: ['Vendor Four'] }, boxes: [{ x: 0, y: 0, width: 100, height: 10 }] }]);
    expect(byName('Left to right (2)')).toEqual([{ name: 'Left to right (2)', match: {}, when: { attribute: 'SeriesDescription', contains: 'Report' }, boxes: [{ x: 0, y: 0, width: 100, height: 10 }] }]);
  });

  it('turns "coordinates all" with a keep region into the boxes around that region', () => {
    const [t] = byName('Everything but a window');
    expect(t.match).toEqual({ Modality: 'XA' });
    // Every pixel of a 400×300 image outside [100,150)×[100,150) is covered, and nothing inside.
    const inBox = (x: number, y: number) => t.boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
    for (let y = 0; y < 300; y += 7) {
      for (let x = 0; x < 400; x += 7) expect(inBox(x, y)).toBe(!(x >= 100 && x < 150 && y >= 100 && y < 150));
    }
    expect(inBox(99, 120)).toBe(true);
    expect(inBox(100, 120)).toBe(false);
    expect(inBox(149, 149)).toBe(false);
    expect(inBox(150, 149)).toBe(true);
  });

  it('imports missing, empty, "A|B" in equals and the kept ultrasound regions', () => {
    expect(byName('Reconstructions').map((t) => t.when)).toEqual([{ attribute: 'Manufacturer', missing: true }, { attribute: 'Manufacturer', empty: true }]);
    expect(byName('Pipes in equals').map((t) => t.match)).toEqual([{ Rows: 600 }, { Rows: 768 }]);
    const [us] = byName('Ultrasound regions');
    expect(us).toMatchObject({ matchContains: { Modality: ['US'] }, keepUltrasoundRegions: true });
    // On an image with one region, everything but that region is redacted.
    const img = { Modality: 'US', Manufacturer: '', ManufacturerModelName: '', Rows: 100, Columns: 100, ultrasoundRegions: [{ x0: 10, y0: 20, x1: 60, y1: 80 }] };
    const boxes = boxesFor({ version: 2, templates: [us] }, img).boxes;
    const inBox = (x: number, y: number) => boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
    expect([inBox(5, 5), inBox(10, 20), inBox(59, 79), inBox(60, 50), inBox(30, 85)]).toEqual([true, false, false, true, true]);
  });

  it('reports only the rules that have no region', () => {
    expect(reasons['Known clean']).toMatch(/no coordinates: in deid this rule only flags images \(%filter whitelist\)/);
    expect(reasons['Flag only']).toMatch(/only flags images \(%filter blacklist\)/);
    expect(r.skipped.map((s) => s.rule)).toEqual(['Known clean', 'Flag only']);
  });

  it('produces a valid template file', () => valid(r));
});
