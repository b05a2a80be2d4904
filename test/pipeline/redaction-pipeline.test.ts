// The worker side of issue 4: export with redaction boxes (native pixels blacked out; BurnedInAnnotation
// NO and code 113101 only when the boxes were confirmed in review — unreviewed boxes on a
// candidate leave YES, issue 11), a compressed image without codecs refused (never exported
// unredacted), and the ultrasound-region boxes.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/core/profile/options.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { exportFile } from '../../src/pipeline/export-file.ts';
import { scanFile } from '../../src/pipeline/scan-file.ts';
import { makeSession } from '../../src/pipeline/session.ts';
import { ultrasoundRegionBoxes } from '../../src/pipeline/us-regions.ts';
import { makeNativeImage } from '../core/pixels/image-fixtures.ts';
import { deidMethodCodes } from '../fixtures/deid-method-codes.ts';

const sample = (n: string) => new MemorySource(new Uint8Array(readFileSync(fileURLToPath(new URL(`../../public/samples/${n}`, import.meta.url)))));
const session = () => makeSession({ key: new Uint8Array(32).fill(7), options: { ...DEFAULT_OPTIONS }, mapping: null });

describe('export with redaction boxes', () => {
  const burnedIn = async (bytes: Uint8Array) => (await scanFile(new MemorySource(bytes), session())).info?.burnedInAnnotation;
  const BOX = { x: 0, y: 0, width: 320, height: 16 };

  it('blacks out the box and marks the image when the boxes were confirmed in review', async () => {
    const out = await exportFile(sample('us-1.dcm'), session(), { boxes: [BOX], boxesReviewed: true, burnedInCandidate: true });
    expect(out.status, JSON.stringify(out.error)).toBe('ok');
    const text = new TextDecoder('latin1').decode(out.bytes!);
    expect(text).toContain('113101');
    expect(await burnedIn(out.bytes!)).toBe('NO');
    const plain = await exportFile(sample('us-1.dcm'), session());
    expect(await deidMethodCodes(plain.bytes!)).not.toContain('113101');
  });

  it('unreviewed boxes ("Export anyway") black out the pixels but keep Burned In Annotation YES, without 113101', async () => {
    const out = await exportFile(sample('us-1.dcm'), session(), { boxes: [BOX], burnedInCandidate: true });
    expect(out.status, JSON.stringify(out.error)).toBe('ok');
    expect(await deidMethodCodes(out.bytes!)).not.toContain('113101');
    expect(await burnedIn(out.bytes!)).toBe('YES');
    const plain = await exportFile(sample('us-1.dcm'), session());
    expect(out.outputSha256).not.toBe(plain.outputSha256); // the box was applied
  });
});

const JP2K = fileURLToPath(new URL('../../../shared/corpus/pydicom/MR_small_jp2klossless.dcm', import.meta.url));

describe('compressed pixel data', () => {
  it.skipIf(!existsSync(JP2K))('is refused with the reason when no codecs are given, never exported unredacted', async () => {
    const out = await exportFile(new MemorySource(new Uint8Array(readFileSync(JP2K))), session(), { boxes: [{ x: 0, y: 0, width: 10, height: 10 }] });
    expect(out.status).toBe('refused');
    expect(out.bytes).toBeNull();
    expect(out.error).toBeTruthy();
  });
});

describe('ultrasound regions', () => {
  it('scans their presence and gives the boxes outside them', async () => {
    const region = (x0: number, y0: number, x1: number, y1: number) => [
      { tag: 0x00186018, vr: 'UL' as const, value: [x0] }, { tag: 0x0018601a, vr: 'UL' as const, value: [y0] },
      { tag: 0x0018601c, vr: 'UL' as const, value: [x1] }, { tag: 0x0018601e, vr: 'UL' as const, value: [y1] },
    ];
    const bytes = makeNativeImage({ rows: 16, cols: 20, bitsAllocated: 8, spp: 3, pi: 'RGB', extra: [{ tag: 0x00186011, vr: 'SQ', value: [{ elements: region(3, 2, 14, 11) }] }] });
    const scan = await scanFile(new MemorySource(bytes), session());
    expect(scan.info?.hasUsRegions).toBe(true);
    const boxes = await ultrasoundRegionBoxes(new MemorySource(bytes));
    const area = boxes.reduce((a, b) => a + b.width * b.height, 0);
    expect(area).toBe(16 * 20 - 12 * 10);
    expect((await scanFile(sample('us-1.dcm'), session())).info?.hasUsRegions).toBe(false);
  });
});
