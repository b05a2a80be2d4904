// Honest pixel claims (issue 11): Burned In Annotation NO and code 113101 only when a device
// template matched or a person confirmed the image (redacted and looked at, or clean). Boxes
// applied without review black out their pixels but claim nothing: Burned In Annotation stays as
// it was, YES on a review candidate whose value was absent or NO. Real bytes through deidentifyFile.

import { describe, expect, it } from 'vitest';
import { deidentifyFile, type ProcessOptions } from '../../../src/core/deid/process-file.ts';
import { pixelClaim } from '../../../src/core/deid/pixel-claim.ts';
import { readPart10 } from '../../../src/core/dicom/reader.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { parseTemplateFile } from '../../../src/core/redaction/template.ts';
import { T, type FxElement } from '../../fixtures/make.ts';
import { makeTestSession } from '../helpers.ts';
import { reasonText } from '../../helpers/messages.ts';
import { makeNativeImage, pixelBytes, type ImageSpec } from '../pixels/image-fixtures.ts';
import { methodCodes, pixelDataOf, str } from '../pixels/redact-helpers.ts';

const BOX = { x: 1, y: 1, width: 6, height: 3 };
const spec = (burnedIn: string | null): ImageSpec => ({
  rows: 12, cols: 16, bitsAllocated: 8, pi: 'MONOCHROME2',
  extra: [
    { tag: T.Modality, vr: 'CS', value: 'US' },
    { tag: T.Manufacturer, vr: 'LO', value: 'ACME Sonics' },
    ...(burnedIn === null ? [] : [{ tag: T.BurnedInAnnotation, vr: 'CS', value: burnedIn } as FxElement]),
  ],
});

async function run(burnedIn: string | null, options: ProcessOptions) {
  const s = spec(burnedIn);
  const sink = new MemorySink();
  const r = await deidentifyFile(new MemorySource(makeNativeImage(s)), sink, makeTestSession(), options);
  expect(r.status, reasonText(r) ?? '').toBe('ok');
  const file = await readPart10(new MemorySource(sink.bytes()));
  const px = await pixelDataOf(file);
  const want = pixelBytes(s, true, options.redactionBoxes ?? []);
  return { burnedIn: str(file.dataset, T.BurnedInAnnotation), codes: methodCodes(file.dataset), pixelsAsBoxed: Buffer.from(px.subarray(0, want.length)).equals(Buffer.from(want)) };
}

describe('boxes applied without review claim nothing', () => {
  it('a candidate whose Burned In Annotation was absent gets YES, no 113101, and the pixels are still blacked out', async () => {
    const r = await run(null, { redactionBoxes: [BOX], burnedInCandidate: true });
    expect(r).toMatchObject({ burnedIn: 'YES', pixelsAsBoxed: true });
    expect(r.codes).not.toContain('113101');
    expect(r.codes).toContain('113100');
  });

  it('a candidate that said NO gets YES; one that said YES keeps YES', async () => {
    expect((await run('NO', { redactionBoxes: [BOX], burnedInCandidate: true })).burnedIn).toBe('YES');
    const yes = await run('YES', { redactionBoxes: [BOX], burnedInCandidate: true });
    expect(yes.burnedIn).toBe('YES');
    expect(yes.codes).not.toContain('113101');
  });

  it('an image that is no candidate keeps its value as it was (absent stays absent, NO stays NO)', async () => {
    const absent = await run(null, { redactionBoxes: [BOX] });
    expect(absent.burnedIn).toBeUndefined();
    expect(absent.codes).not.toContain('113101');
    const no = await run('NO', { redactionBoxes: [BOX] });
    expect(no.burnedIn).toBe('NO');
    expect(no.codes).not.toContain('113101');
  });
});

describe('a claim somebody stands behind: NO and 113101', () => {
  it('boxes a person confirmed in review', async () => {
    const r = await run('YES', { redactionBoxes: [BOX], boxesReviewed: true, burnedInCandidate: true });
    expect(r).toMatchObject({ burnedIn: 'NO', pixelsAsBoxed: true });
    expect(r.codes).toContain('113101');
  });

  it('a device template that matched (the CLI --redact path), even on a candidate', async () => {
    const templates = parseTemplateFile(JSON.stringify({ version: 1, templates: [{ name: 'ACME banner', match: { Modality: 'US', Manufacturer: 'ACME Sonics' }, boxes: [BOX] }] }));
    const r = await run('YES', { redactionTemplates: templates, burnedInCandidate: true });
    expect(r).toMatchObject({ burnedIn: 'NO', pixelsAsBoxed: false });
    expect(r.codes).toContain('113101');
  });

  it('a template that does not match claims nothing', async () => {
    const templates = parseTemplateFile(JSON.stringify({ version: 1, templates: [{ name: 'other', match: { Manufacturer: 'Other Co' }, boxes: [BOX] }] }));
    const r = await run('YES', { redactionTemplates: templates });
    expect(r.burnedIn).toBe('YES');
    expect(r.codes).not.toContain('113101');
  });

  it('confirmed clean without boxes; nothing at all leaves the value and adds no code', async () => {
    const clean = await run('YES', { confirmedClean: true });
    expect(clean.burnedIn).toBe('NO');
    expect(clean.codes).toContain('113101');
    const plain = await run('YES', {});
    expect(plain.burnedIn).toBe('YES');
    expect(plain.codes).not.toContain('113101');
  });
});

describe('pixelClaim', () => {
  it('decides from boxes, templates and review', () => {
    expect(pixelClaim({ boxes: 0, templates: 0 })).toBe('none');
    expect(pixelClaim({ boxes: 2, templates: 0 })).toBe('unreviewed');
    expect(pixelClaim({ boxes: 2, templates: 1 })).toBe('clean');
    expect(pixelClaim({ boxes: 2, templates: 0, boxesReviewed: true })).toBe('clean');
    expect(pixelClaim({ boxes: 0, templates: 0, boxesReviewed: true })).toBe('none');
    expect(pixelClaim({ boxes: 0, templates: 0, confirmedClean: true })).toBe('clean');
  });
});
