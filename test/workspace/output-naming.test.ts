import { describe, expect, it } from 'vitest';
import { inputLabel, PathClaims } from '../../src/workspace/output-naming.ts';

describe('export path claims and input labels', () => {
  it('reports the first claimant when two inputs want one path', () => {
    const c = new PathClaims();
    expect(c.claim('a/b.dcm', '#1')).toBeNull();
    expect(c.claim('a/c.dcm', '#2')).toBeNull();
    expect(c.claim('a/b.dcm', '#3')).toBe('#1');
  });

  it('labels inputs by load order and a hash prefix, never by path', () => {
    expect(inputLabel(0, 'ab'.repeat(32))).toBe('#1 sha256:abababababababab');
  });
});
