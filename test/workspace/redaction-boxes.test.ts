import { describe, expect, it } from 'vitest';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import { boxesOnFrame, boxFromCorners, effectiveBoxes, filesById, type DrawnBox } from '../../src/workspace/redaction-boxes.ts';
import type { InstanceInfo } from '../../src/pipeline/scan-file.ts';
import { boxesFromTemplate, templateOf } from '../../src/state/redaction.ts';
import { parseTemplateFile, formatTemplateFile } from '../../src/core/redaction/template.ts';
import { instanceInfo, loadedFile } from '../fixtures/loaded-files.ts';

const info = (o: Partial<InstanceInfo>): InstanceInfo => instanceInfo({ frames: 3, ...o });
const file = (id: number, o: Partial<InstanceInfo> = {}): LoadedFile => loadedFile(id, { info: info(o) });
const box = (id: string, fileId: number, scope: DrawnBox['scope'], frame = 0): DrawnBox => ({ id, fileId, frame, scope, x: 0, y: 0, width: 320, height: 16 });

describe('boxFromCorners (image coordinate rule)', () => {
  it('covers every touched pixel, in any drag direction', () => {
    expect(boxFromCorners([10.4, 20.6], [2.2, 3.9], 320, 240)).toEqual({ x: 2, y: 3, width: 9, height: 18 });
    expect(boxFromCorners([2, 3], [10, 20], 320, 240)).toEqual({ x: 2, y: 3, width: 8, height: 17 });
  });
  it('clamps to the image and drops empty boxes', () => {
    expect(boxFromCorners([-7, -3], [400, 15.2], 320, 240)).toEqual({ x: 0, y: 0, width: 320, height: 16 });
    expect(boxFromCorners([-10, -10], [-1, -1], 320, 240)).toBeNull();
    expect(boxFromCorners([5, 5], [5, 9], 320, 240)).toBeNull();
  });
});

describe('box scopes', () => {
  const a = file(0);
  const b = file(1); // same series, same device
  const c = file(2, { seriesInstanceUID: '9.9' }); // other series, same device and size
  const d = file(3, { seriesInstanceUID: '9.9', manufacturerModelName: 'Echo 2' }); // other device
  const e = file(4, { seriesInstanceUID: '9.9', rows: 480 }); // other size
  const files = filesById([a, b, c, d, e]);

  it('frame: only that frame of that instance', () => {
    const bx = [box('1', 0, 'frame', 1)];
    expect(boxesOnFrame(bx, files, 0, 1).map((x) => x.id)).toEqual(['1']);
    expect(boxesOnFrame(bx, files, 0, 0)).toEqual([]);
    expect(effectiveBoxes(bx, files, a)).toEqual([{ x: 0, y: 0, width: 320, height: 16, frames: [1] }]);
    expect(effectiveBoxes(bx, files, b)).toEqual([]);
  });
  it('instance (default): every frame of that instance only', () => {
    const bx = [box('1', 0, 'instance')];
    expect(boxesOnFrame(bx, files, 0, 2)).toHaveLength(1);
    expect(effectiveBoxes(bx, files, a)).toEqual([{ x: 0, y: 0, width: 320, height: 16 }]);
    expect(effectiveBoxes(bx, files, b)).toEqual([]);
  });
  it('series: every instance of the series', () => {
    const bx = [box('1', 0, 'series')];
    expect([a, b, c, d, e].map((f) => effectiveBoxes(bx, files, f).length)).toEqual([1, 1, 0, 0, 0]);
  });
  it('device: same Manufacturer, model, Rows and Columns, across series', () => {
    const bx = [box('1', 0, 'device')];
    expect([a, b, c, d, e].map((f) => effectiveBoxes(bx, files, f).length)).toEqual([1, 1, 1, 0, 0]);
    expect(boxesOnFrame(bx, files, 2, 0)).toHaveLength(1);
  });
  it('boxes from several scopes add up', () => {
    const bx = [box('1', 0, 'device'), box('2', 1, 'instance'), box('3', 1, 'frame', 2)];
    expect(effectiveBoxes(bx, files, b)).toHaveLength(3);
    expect(effectiveBoxes(bx, files, a)).toHaveLength(1);
  });
});

describe('templates', () => {
  it('saves device boxes as a version 1 template and loads it back onto matching images', () => {
    const a = file(0);
    const t = templateOf(a, [box('1', 0, 'device'), box('2', 0, 'instance')]);
    expect(t).not.toBeNull();
    const parsed = parseTemplateFile(formatTemplateFile(t!));
    expect(parsed.version).toBe(1);
    expect(parsed.templates[0].boxes).toEqual([{ x: 0, y: 0, width: 320, height: 16 }]);
    const files = [file(5), file(6), file(7, { manufacturer: 'Other' })];
    const loaded = boxesFromTemplate(parsed, files, 't');
    expect(loaded).toHaveLength(1);
    const byId = filesById(files);
    expect(files.map((f) => effectiveBoxes(loaded, byId, f).length)).toEqual([1, 1, 0]);
    expect(templateOf(a, [box('2', 0, 'instance')])).toBeNull();
  });
});
