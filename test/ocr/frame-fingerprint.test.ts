// Frames with the same pixels share a fingerprint (the OCR assist reads them once); a changed
// sample, or the same samples in another shape, give another.
import { describe, expect, it } from 'vitest';
import { frameFingerprint } from '../../src/ocr/frame-fingerprint.ts';

const frame = (width: number, height: number, fill: (i: number) => number) => ({ width, height, components: 1, pixels: Float32Array.from({ length: width * height }, (_, i) => fill(i)) });

describe('frameFingerprint', () => {
  it('is the same for the same pixels and differs for a changed sample or shape', () => {
    const a = frame(64, 32, (i) => i % 251);
    expect(frameFingerprint(frame(64, 32, (i) => i % 251))).toBe(frameFingerprint(a));
    expect(frameFingerprint(frame(64, 32, (i) => (i === 100 ? 7 : i % 251)))).not.toBe(frameFingerprint(a));
    expect(frameFingerprint(frame(32, 64, (i) => i % 251))).not.toBe(frameFingerprint(a));
  });
});
