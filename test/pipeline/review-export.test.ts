// Review mode's hooks in the worker pipeline, on the sample's real bytes: the scan reports
// BurnedInAnnotation and ImageType; "confirmed clean" exports 113101 and BurnedInAnnotation NO
// with the pixel data byte-identical; without it neither is added.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { exportFile } from '../../src/pipeline/export-file.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { nativePixels } from '../fixtures/native-pixels.ts';
import { deidMethodCodes } from '../fixtures/deid-method-codes.ts';

const bytes = (n: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../public/samples/${n}`, import.meta.url))));
const session = () => makeSession({ key: new Uint8Array(32).fill(7), options: { ...DEFAULT_OPTIONS }, mapping: null });

describe('review mode in the pipeline', () => {
  it('scans BurnedInAnnotation and ImageType', async () => {
    const us = await scanFile(new MemorySource(bytes('us-1.dcm')), session());
    expect(us.info).toMatchObject({ burnedInAnnotation: 'YES', imageType: 'ORIGINAL\\PRIMARY', modality: 'US' });
  });

  it('confirmed clean: 113101 and BurnedInAnnotation NO, pixels untouched', async () => {
    const src = bytes('us-1.dcm');
    const clean = await exportFile(new MemorySource(src), session(), { boxes: [], confirmedClean: true });
    expect(clean.status).toBe('ok');
    const out = await nativePixels(clean.bytes!);
    const orig = await nativePixels(src);
    expect(out.burnedIn).toBe('NO');
    expect(await deidMethodCodes(clean.bytes!)).toContain('113101');
    expect(Buffer.compare(Buffer.from(out.pixels), Buffer.from(orig.pixels))).toBe(0);
    const plain = await exportFile(new MemorySource(src), session());
    expect(await deidMethodCodes(plain.bytes!)).not.toContain('113101');
    expect((await nativePixels(plain.bytes!)).burnedIn).not.toBe('NO');
  });
});
