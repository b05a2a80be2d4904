import { describe, expect, it } from 'vitest';
import { outputPath, pathComponent } from '../../../src/core/deid/output-name.ts';

describe('output names', () => {
  it('names outputs by pseudonym and new UIDs only', () => {
    expect(outputPath({ patientID: 'VEIL-ABC', studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopInstanceUID: '2.25.3' })).toBe('VEIL-ABC/2.25.1/2.25.2/2.25.3.dcm');
  });

  it('makes every component safe and never empty, "." or ".."', () => {
    expect(pathComponent('../etc/passwd', 'x')).toBe('.._etc_passwd');
    expect(pathComponent('..', 'x')).toBe('_..');
    expect(pathComponent('', 'no-id')).toBe('no-id');
    expect(pathComponent('张伟 / 01', 'x')).toBe('_____01');
    expect(pathComponent('CON', 'x')).toBe('_CON');
    expect(pathComponent('a'.repeat(300), 'x')).toHaveLength(100);
    expect(outputPath({ patientID: '', studyInstanceUID: '', seriesInstanceUID: '', sopInstanceUID: '' })).toBe('no-patient-id/no-study-uid/no-series-uid/no-sop-uid.dcm');
  });

});
