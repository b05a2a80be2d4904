import { describe, expect, it } from 'vitest';
import { mappingCsv, reportJson } from '../../../src/core/report/batch-report.ts';

describe('batch report', () => {
  it('writes mapping CSVs like the CLI: header, rows sorted by id_old, quoted when needed', () => {
    const csv = mappingCsv([['b', '2'], ['a,1', 'x"y'], ['B', '3'], ['a,1', 'x"y']]);
    expect(csv).toBe('id_old,id_new\nB,3\n"a,1","x""y"\nb,2\n');
    expect(mappingCsv([])).toBe('id_old,id_new\n');
  });

  it('writes the JSON report with a summary', () => {
    const counts = { X: 1, Z: 0, D: 0, K: 2, C: 0, U: 3 };
    const json = JSON.parse(reportJson([
      { input: '#1 sha256:00', output: 'P/1/2/3.dcm', status: 'ok', error: null, warnings: [], actions: counts },
      { input: '#2 sha256:11', output: null, status: 'skipped', error: 'not DICOM', warnings: [], actions: counts },
    ], { generator: 'test' }));
    expect(json.generator).toBe('test');
    expect(json.summary).toEqual({ files: 2, ok: 1, flagged: 0, released: 0, refused: 0, skipped: 1 });
    expect(json.files[0]).toEqual({ input: '#1 sha256:00', output: 'P/1/2/3.dcm', status: 'ok', error: null, warnings: [], actions: counts });
  });
});
