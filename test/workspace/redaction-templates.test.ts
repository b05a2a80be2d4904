import { describe, expect, it } from 'vitest';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import { effectiveBoxes, filesById, type DrawnBox } from '../../src/workspace/redaction-boxes.ts';
import { templateBoxesToAdd, templateOf } from '../../src/workspace/redaction-templates.ts';
import { reviewReasons, reviewStatus } from '../../src/workspace/review-candidates.ts';
import type { TemplateFile } from '../../src/core/redaction/template.ts';
import type { InstanceInfo } from '../../src/pipeline/scan-file.ts';
import { instanceInfo, loadedFile } from '../fixtures/loaded-files.ts';

const info = (o: Partial<InstanceInfo>): InstanceInfo => instanceInfo({ rows: 480, columns: 640, ...o });
const file = (id: number, o: Partial<InstanceInfo> = {}): LoadedFile => loadedFile(id, { info: info(o) });
const TPL: TemplateFile = { version: 1, templates: [{ name: 'Acme', match: { Manufacturer: 'Acme', Rows: 480, Columns: 640 }, boxes: [{ x: 0, y: 0, width: 640, height: 48 }] }] };

describe('templates in use, applied again as files arrive', () => {
  it('adds the boxes to matching images loaded later, once per device, never twice', () => {
    const first = [file(0, { modality: 'CT', manufacturer: 'Other' })];
    expect(templateBoxesToAdd(TPL, first, [], 't1')).toEqual([]);
    // Later: two matching images of one device arrive; one anchor box covers both.
    const later = [...first, file(1), file(2)];
    const added = templateBoxesToAdd(TPL, later, [], 't1');
    expect(added).toHaveLength(1);
    const byId = filesById(later);
    expect(effectiveBoxes(added, byId, later[1])).toHaveLength(1);
    expect(effectiveBoxes(added, byId, later[2])).toHaveLength(1);
    expect(effectiveBoxes(added, byId, later[0])).toHaveLength(0);
    // Applying again adds nothing; a new device model adds its own anchor.
    expect(templateBoxesToAdd(TPL, later, added, 't1')).toEqual([]);
    const more = [...later, file(3, { manufacturerModelName: 'Echo 2' })];
    expect(templateBoxesToAdd(TPL, more, added, 't1').map((b) => b.fileId)).toEqual([3]);
  });

  it('does not re-add a box the operator deleted, nor one the image already has (a saved template)', () => {
    const files = [file(0), file(1)];
    const [b] = templateBoxesToAdd(TPL, files, [], 't1');
    expect(templateBoxesToAdd(TPL, files, [], 't1', new Set([b.id]))).toEqual([]);
    const drawn: DrawnBox = { id: 'mine', fileId: 0, frame: 0, scope: 'device', x: 0, y: 0, width: 640, height: 48 };
    const saved = templateOf(files[0], [drawn])!;
    expect(templateBoxesToAdd(saved, [...files, file(2)], [drawn], 't2')).toEqual([]);
  });
});

describe('review candidates', () => {
  it('lists why an image may carry burned-in text', () => {
    expect(reviewReasons(file(0), false)).toEqual(['modality']);
    expect(reviewReasons(file(0, { modality: 'CT', burnedInAnnotation: 'YES' }), false)).toEqual(['burned-in-annotation']);
    expect(reviewReasons(file(0, { modality: 'CT', imageType: 'DERIVED\\SECONDARY\\AXIAL' }), false)).toEqual(['image-type']);
    expect(reviewReasons(file(0, { modality: 'CT', imageType: 'ORIGINAL\\PRIMARY\\AXIAL' }), false)).toEqual([]);
    expect(reviewReasons(file(0, { modality: 'MR', burnedInAnnotation: 'NO' }), true)).toEqual(['ocr-text']);
    for (const m of ['SC', 'OT', 'XC', 'ES']) expect(reviewReasons(file(0, { modality: m }), false)).toEqual(['modality']);
    expect(reviewReasons(file(0, { hasPixels: false }), true)).toEqual([]);
  });

  it('gives each image its review status', () => {
    expect(reviewStatus(undefined, 0, true)).toBe('unreviewed');
    expect(reviewStatus('redacted', 2, true)).toBe('redacted');
    // Marked redacted but the boxes are gone again: unreviewed.
    expect(reviewStatus('redacted', 0, true)).toBe('unreviewed');
    expect(reviewStatus('clean', 0, false)).toBe('confirmed-clean');
    expect(reviewStatus(undefined, 1, false)).toBeNull();
  });

  it('gives each matching image its own boxes for a version 2 condition beyond the device, placed from the edge', () => {
    const v2: TemplateFile = { version: 2, templates: [{ name: 'Dose', match: { Manufacturer: 'Acme' }, when: { attribute: 'SeriesDescription', contains: 'dose' }, boxes: [{ x: 0, y: -40, width: 100, height: 40 }] }] };
    const files = [file(0, { seriesDescription: 'Dose Report' }), file(1, { seriesDescription: 'Abdomen' }), file(2, { seriesDescription: 'dose info' })];
    const added = templateBoxesToAdd(v2, files, [], 't2');
    expect(added.map((b) => [b.fileId, b.scope, b.y])).toEqual([[0, 'instance', 440], [2, 'instance', 440]]);
    const byId = filesById(files);
    expect(effectiveBoxes(added, byId, files[1])).toHaveLength(0);
  });
});
