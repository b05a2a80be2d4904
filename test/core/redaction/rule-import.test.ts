// Import of CTP DicomPixelAnonymizer scripts and pydicom deid %filter recipes into templates:
// conditions become match / matchContains, "or" becomes one template per alternative, regions
// become boxes (CTP x,y,w,h with negative offsets from the right/bottom; deid xmin,ymin,xmax,ymax,
// ctpcoordinates, "all" and keepcoordinates), and every rule or alternative that cannot be
// expressed is reported with its reason. The imported file must pass the template parser.

import { describe, expect, it } from 'vitest';
import { importCtpPixelScript, importDeidRecipe, type ImportedRules } from '../../../src/core/redaction/rule-import.ts';
import { formatTemplateFile, parseTemplateFile, templateMatches } from '../../../src/core/redaction/template.ts';

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

  it('reports, with a reason, every rule or alternative it cannot express — none dropped silently', () => {
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.rule, s.reason]));
    expect(reasons['Dose screens']).toMatch(/tests \[0008,0008\]; templates match Modality, Manufacturer, ManufacturerModelName, Rows and Columns only/);
    const mixed = r.skipped.find((s) => s.rule.startsWith('Mixed alternatives (alternative 1'));
    expect(mixed?.reason).toMatch(/\[0008,103e\]/);
    expect(byName('Mixed alternatives')).toEqual([{ name: 'Mixed alternatives (2)', match: { Modality: 'CT', Rows: 512 }, boxes: [{ x: 0, y: 0, width: 513, height: 111 }] }]);
    expect(reasons['Not a CT']).toMatch(/negated condition/);
    expect(reasons['Bottom strip without a size']).toMatch(/bottom edge, but the rule does not fix Rows/);
    expect(reasons['Prefix test']).toMatch(/startsWithIgnoreCase cannot be expressed/);
    expect(reasons['Broken']).toMatch(/signature cannot be read/);
    // A contradiction can never match: nothing to import, nothing lost.
    expect(byName('Contradiction')).toEqual([]);
    expect(r.skipped.some((s) => s.rule.startsWith('Contradiction'))).toBe(false);
    expect(r.skipped).toHaveLength(6);
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
  const reasons = Object.fromEntries(r.skipped.map((s) => [s.rule, s.reason]));
  const reasonFor = (prefix: string) => r.skipped.filter((s) => s.rule.startsWith(prefix)).map((s) => s.reason).join(' | ');

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
    expect(reasons['Regex']).toMatch(/regular expression/);
  });

  it('evaluates condition lines left to right, as deid does', () => {
    // ((Modality US and Manufacturer Vendor Four) or SeriesDescription Report)
    expect(byName('Left to right')).toEqual([{ name: 'Left to right (1)', match: {}, matchContains: { Modality: ['US'], Manufacturer: ['Vendor Four'] }, boxes: [{ x: 0, y: 0, width: 100, height: 10 }] }]);
    expect(r.skipped.find((s) => s.rule.startsWith('Left to right (alternative 2'))?.reason).toMatch(/SeriesDescription/);
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

  it('reports what it cannot express, including rules that only flag', () => {
    expect(reasons['Known clean']).toMatch(/no coordinates: in deid this rule only flags images \(%filter whitelist\)/);
    expect(reasons['Flag only']).toMatch(/only flags images \(%filter blacklist\)/);
    // "missing … || empty …": both alternatives reported.
    expect(reasonFor('Reconstructions (alternative 1')).toMatch(/missing cannot be expressed/);
    expect(reasonFor('Reconstructions (alternative 2')).toMatch(/empty cannot be expressed/);
    expect(reasons['Pipes in equals']).toMatch(/Rows must equal a whole number/);
    expect(reasons['Ultrasound regions']).toMatch(/from the image's own header .*keep only the ultrasound regions/);
  });

  it('produces a valid template file', () => valid(r));
});
