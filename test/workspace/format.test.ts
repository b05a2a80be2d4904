import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../src/i18n/render-code.ts';
import { estimateRemainingMs, formatBytes, formatDicomDate, formatDuration, formatPersonName } from '../../src/workspace/format.ts';
import { unviewableReason } from '../../src/workspace/viewability.ts';
import type { InstanceInfo } from '../../src/pipeline/scan-file.ts';

describe('format', () => {
  it('formats sizes, durations and remaining time', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(estimateRemainingMs(0, 10, 5000)).toBeNull();
    expect(estimateRemainingMs(5, 10, 5000)).toBe(5000);
    expect(estimateRemainingMs(10, 10, 5000)).toBe(0);
  });

  it('formats DICOM dates and person names, alphabetic and ideographic', () => {
    expect(formatDicomDate('20240305')).toBe('2024-03-05');
    expect(formatDicomDate('2024')).toBe('2024');
    expect(formatPersonName('Zhang^Wei=张^伟')).toBe('Zhang, Wei · 张伟');
    expect(formatPersonName('Doe^Jane^^Dr')).toBe('Doe, Jane, Dr');
    expect(formatPersonName('')).toBe('');
  });

  it('says why an instance cannot be shown', () => {
    const base = { hasPixels: true, transferSyntaxUID: '1.2.840.10008.1.2.1', transferSyntaxName: 'x', rows: 8, columns: 8 } as InstanceInfo;
    expect(unviewableReason(base)).toBeNull();
    expect(inEnglish(unviewableReason({ ...base, hasPixels: false })!)).toMatch(/no pixel data/);
    expect(inEnglish(unviewableReason({ ...base, transferSyntaxUID: '1.2.840.10008.1.2.4.102' })!)).toMatch(/Video/);
    expect(inEnglish(unviewableReason({ ...base, rows: 0 })!)).toMatch(/Rows or Columns/);
  });
});
