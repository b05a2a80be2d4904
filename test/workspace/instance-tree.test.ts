import { describe, expect, it } from 'vitest';
import { buildTree, findSeries, firstSeries, seriesKeyOf } from '../../src/workspace/instance-tree.ts';
import type { LoadedFile } from '../../src/workspace/loaded-file.ts';
import type { InstanceInfo, ScanResult } from '../../src/pipeline/scan-file.ts';
import { instanceInfo, loadedFile } from '../fixtures/loaded-files.ts';
import { msg } from '../../src/core/messages/message.ts';

const info = (o: Partial<InstanceInfo>): InstanceInfo =>
  instanceInfo({ patientName: 'Doe^Jane', studyDate: '20240101', modality: 'CT', rows: 8, columns: 8, photometric: 'MONOCHROME2', manufacturer: '', manufacturerModelName: '', ...o });
let id = 0;
/** A scanned file, or with no scan one still being read. */
const file = (scan?: Partial<ScanResult>): LoadedFile => (scan ? loadedFile(id++, scan) : { ...loadedFile(id++), scan: undefined });

describe('buildTree', () => {
  it('groups patient → study → series and sorts instances by Instance Number', () => {
    const files = [
      file({ info: info({ instanceNumber: '10' }) }),
      file({ info: info({ instanceNumber: '2' }) }),
      file({ info: info({ seriesInstanceUID: '1.1.2', seriesNumber: '3', modality: 'SR', frames: 1 }) }),
      file({ info: info({ patientID: 'P2', patientName: 'Roe^Rick', studyInstanceUID: '2.1', studyDate: '20230101' }) }),
      file({ info: info({ studyInstanceUID: '1.0', studyDate: '20200101' }) }),
    ];
    const t = buildTree(files);
    expect(t.patients.map((p) => p.patientID)).toEqual(['P1', 'P2']);
    const p1 = t.patients[0];
    expect(p1.instances).toBe(4);
    expect(p1.studies.map((s) => s.studyInstanceUID)).toEqual(['1.0', '1.1']);
    const series = p1.studies[1].series;
    expect(series.map((s) => s.number)).toEqual(['1', '3']);
    expect(series[0].files.map((f) => f.scan!.info!.instanceNumber)).toEqual(['2', '10']);
    expect(findSeries(t, series[1].key)?.modality).toBe('SR');
    expect(seriesKeyOf(t, files[0].id)).toBe(series[0].key);
  });

  it('lists non-DICOM, DICOMDIR and unreadable files apart, and counts pending and refused files', () => {
    const t = buildTree([
      file({ kind: 'not-dicom', status: 'skipped', error: msg('not-dicom') }),
      file({ kind: 'dicomdir', status: 'skipped', error: msg('dicomdir') }),
      file({ status: 'refused', error: msg('dicom-parse', { detail: 'truncated', offset: 0, element: '' }) }),
      file({ status: 'refused', error: msg('mapping-missing'), info: info({}) }),
      file(),
    ]);
    expect(t.others.map((f) => f.scan!.error!.code)).toEqual(['not-dicom', 'dicomdir', 'dicom-parse']);
    expect(t.pending).toBe(1);
    expect(t.patients[0].refused).toBe(1);
    expect(t.patients[0].studies[0].series[0].refused).toBe(1);
  });

  it('keeps patients without an ID apart by name, and files without UIDs together', () => {
    const t = buildTree([
      file({ info: info({ patientID: '', patientName: 'A', studyInstanceUID: '', seriesInstanceUID: '' }) }),
      file({ info: info({ patientID: '', patientName: 'A', studyInstanceUID: '', seriesInstanceUID: '' }) }),
      file({ info: info({ patientID: '', patientName: 'B' }) }),
    ]);
    expect(t.patients.map((p) => [p.name, p.instances])).toEqual([['A', 2], ['B', 1]]);
    expect(t.patients[0].studies[0].series[0].files).toHaveLength(2);
  });

  it('builds once per files array: the same array gives the same tree, a new array a new one', () => {
    const files = [file({ info: info({ instanceNumber: '3' }) }), file({ info: info({ instanceNumber: '1' }) })];
    const t = buildTree(files);
    expect(buildTree(files)).toBe(t);
    const more = [...files, file({ info: info({ instanceNumber: '2' }) })];
    const t2 = buildTree(more);
    expect(t2).not.toBe(t);
    expect(t2.patients[0].studies[0].series[0].files.map((f) => f.scan!.info!.instanceNumber)).toEqual(['1', '2', '3']);
    expect(buildTree(files)).not.toBe(t2);
  });

  it('names the first series in tree order, or none before any file is read', () => {
    expect(firstSeries(buildTree([file()]))).toBeUndefined();
    const t = buildTree([
      file({ info: info({ patientID: 'P2', patientName: 'Roe^Rick', seriesInstanceUID: '9.9' }) }),
      file({ info: info({ seriesInstanceUID: '1.1.5', seriesNumber: '5' }) }),
      file({ info: info({ seriesInstanceUID: '1.1.2', seriesNumber: '2' }) }),
    ]);
    expect(firstSeries(t)?.seriesInstanceUID).toBe('1.1.2');
  });
});
