// The worker-side functions the app's workers expose, run in Node on the built-in sample.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { exportFile } from '../../src/pipeline/export-file.ts';
import { planInstance } from '../../src/pipeline/plan-instance.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { inEnglish } from '../../src/i18n/render-code.ts';

const sample = (name: string) => new MemorySource(new Uint8Array(readFileSync(new URL(`../../public/samples/${name}`, import.meta.url))));
const session = () => makeSession({ key: new Uint8Array(32).fill(7), options: { ...DEFAULT_OPTIONS }, mapping: null });

describe('app pipeline', () => {
  it('scans the sample: original values for display, status and counts', async () => {
    const r = await scanFile(sample('ct-2.dcm'), session());
    expect(r.status).toBe('ok');
    expect(r.info).toMatchObject({ patientName: 'Zhang^Wei=张^伟', patientID: 'MRN0042137', modality: 'CT', rows: 128, columns: 128, frames: 1, instanceNumber: '2', needsViewCopy: false });
    expect(r.counts.U).toBeGreaterThan(0);
  });

  it('lists a non-DICOM file as skipped with the reason', async () => {
    const r = await scanFile(new MemorySource(new TextEncoder().encode('hello, this is not DICOM at all')), session());
    expect(r).toMatchObject({ kind: 'not-dicom', status: 'skipped' });
    expect(inEnglish(r.error!)).toMatch(/not DICOM/);
  });

  it('plans every attribute and exports verified bytes with the UID pairs it used', async () => {
    const s = session();
    const plan = await planInstance(sample('ct-1.dcm'), s);
    expect(plan.rows.find((r) => r.keyword === 'ImageComments')?.action).toBe('X');
    const out = await exportFile(sample('ct-1.dcm'), s);
    expect(out.status).toBe('ok');
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.ids?.patientID).toBe(plan.ids?.patientID);
    expect(new Map(out.uids).get('2.25.31415926535897932384626433832795.1')).toBe(out.ids?.studyInstanceUID);
    expect(out.patientIds).toEqual([['MRN0042137', out.ids?.patientID]]);
    expect(new TextDecoder('latin1').decode(out.bytes!)).not.toContain('11010519491231002X');
  });

  it('refuses a patient missing from the mapping, in words', async () => {
    const s = makeSession({ key: new Uint8Array(32), options: { ...DEFAULT_OPTIONS }, mapping: [['OTHER', { patientID: 'X1', patientName: 'X1' }]] });
    const out = await exportFile(sample('us-1.dcm'), s);
    expect(out.status).toBe('refused');
    expect(inEnglish(out.error!)).toMatch(/mapping CSV/);
    expect(out.bytes).toBeNull();
  });
});
