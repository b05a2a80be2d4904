import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../src/i18n/render-code.ts';
import { inputLabel } from '../../src/workspace/output-naming.ts';
import { OutputClaims, suffixed } from '../../src/core/deid/output-claims.ts';

describe('export name claims and input labels', () => {
  it('a byte-identical input is a duplicate; another input with a taken name gets a suffix and a warning', () => {
    const c = new OutputClaims();
    expect(c.claim('a/b.dcm', '#1', 'aa')).toEqual({ path: 'a/b.dcm' });
    expect(c.claim('a/c.dcm', '#2', 'bb')).toEqual({ path: 'a/c.dcm' });
    expect(c.claim('a/b.dcm', '#3', 'aa')).toEqual({ duplicateOf: '#1' });
    expect(c.claim('a/b.dcm', '#4', 'cc')).toEqual({ path: 'a/b_2.dcm', warning: { code: 'output-name-suffixed', params: { name: 'a/b_2.dcm', first: '#1' } } });
    expect(c.claim('a/b.dcm', '#5', 'dd')).toMatchObject({ path: 'a/b_3.dcm' });
    expect(suffixed('x\\IM1', 2)).toBe('x\\IM1_2');
  });

  it('in the CD layout (no suffixes) another input with a taken name is refused; a byte-identical one is still a duplicate', () => {
    const c = new OutputClaims(undefined, false);
    expect(c.claim('DICOM/P1/S1/SE1/ABCDEFGH', 'file 1', 'aa')).toEqual({ path: 'DICOM/P1/S1/SE1/ABCDEFGH' });
    expect(c.claim('DICOM/P1/S1/SE1/ABCDEFGH', 'file 2', 'aa')).toEqual({ duplicateOf: 'file 1' });
    const taken = c.claim('DICOM/P1/S1/SE1/ABCDEFGH', 'file 3', 'bb');
    expect('error' in taken && inEnglish(taken.error)).toBe(
      'its output path DICOM/P1/S1/SE1/ABCDEFGH is already taken by file 1 (the same SOP Instance UID); no output was written',
    );
  });

  it('labels inputs by load order and a hash prefix, never by path', () => {
    expect(inputLabel(0, 'ab'.repeat(32))).toBe('#1 sha256:abababababababab');
  });
});
