// `veil anonymize --redact TEMPLATE.json`: the template (format version 1) is applied to every
// matching image of a folder — the box reads back as the fill value in every frame, pixels
// outside are byte-identical, Burned In Annotation becomes NO and 113101 joins the method codes;
// images the template does not match are left alone, and a bad template is a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElement } from '../../src/core/dicom/dataset.ts';
import { readPart10 } from '../../src/core/dicom/reader.ts';
import { PIXEL_DATA, tag } from '../../src/core/dicom/tag.ts';
import { asciiValue } from '../../src/core/dicom/value-text.ts';
import { MemorySource } from '../../src/core/io/byte-source.ts';
import { makeCtLike, T, TS } from '../fixtures/make.ts';
import { removeTempDirs, runInProcess, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const US = (i: number, manufacturer: string) =>
  makeCtLike({
    rows: 16, cols: 20, frames: 2, bitsAllocated: 8, sopInstanceUID: `1.2.826.0.1.3680043.9999.77.${i}`,
    extra: [
      { tag: T.Modality, vr: 'CS', value: 'US' },
      { tag: T.Manufacturer, vr: 'LO', value: manufacturer },
      { tag: T.BurnedInAnnotation, vr: 'CS', value: 'YES' },
    ],
  });

async function pixels(file: string): Promise<{ px: Uint8Array; burned: string; codes: string }> {
  const f = await readPart10(new MemorySource(new Uint8Array(fs.readFileSync(file))));
  const el = findElement(f.dataset, PIXEL_DATA)!;
  const px = el.value.kind === 'bytes' ? el.value.bytes : await f.source.read((el.value as { range: { offset: number; length: number } }).range.offset, (el.value as { range: { length: number } }).range.length);
  const burned = findElement(f.dataset, tag(0x0028, 0x0301));
  const seq = findElement(f.dataset, tag(0x0012, 0x0064));
  const codes = seq?.value.kind === 'sequence' ? seq.value.items.map((it) => { const c = findElement(it, tag(0x0008, 0x0100)); return c?.value.kind === 'bytes' ? asciiValue(c.value.bytes) : ''; }).join(',') : '';
  return { px, burned: burned?.value.kind === 'bytes' ? asciiValue(burned.value.bytes) : '', codes };
}

describe('veil anonymize --redact', () => {
  it('applies a template to every matching image of a folder, and only to those', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    fs.writeFileSync(path.join(input, 'a.dcm'), US(1, 'ACME Sonics'));
    fs.writeFileSync(path.join(input, 'b.dcm'), US(2, 'ACME Sonics'));
    fs.writeFileSync(path.join(input, 'c.dcm'), US(3, 'Other Corp'));
    const template = path.join(dir, 't.json');
    fs.writeFileSync(template, JSON.stringify({ version: 1, templates: [{ name: 'ACME banner', match: { Modality: 'US', Manufacturer: 'ACME Sonics' }, boxes: [{ x: 0, y: 0, width: 20, height: 3 }] }] }));
    const out = path.join(dir, 'out');
    const r = await runInProcess(['anonymize', input, '--out', out, '--redact', template, '--key', path.join(dir, 'k'), '--jobs', '1', '--keep-paths']);
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['a.dcm', 'b.dcm']) {
      const original = await pixels(path.join(input, name));
      const red = await pixels(path.join(out, name));
      expect(red.burned).toBe('NO');
      expect(red.codes.split(',')).toContain('113101');
      expect(red.px.length).toBe(original.px.length);
      const frame = 16 * 20;
      for (let i = 0; i < red.px.length; i++) {
        const y = Math.floor((i % frame) / 20);
        if (y < 3) expect(red.px[i]).toBe(0); // MONOCHROME2: black is the lowest value
        else expect(red.px[i]).toBe(original.px[i]);
      }
    }
    const untouched = await pixels(path.join(out, 'c.dcm'));
    expect(untouched.px).toEqual((await pixels(path.join(input, 'c.dcm'))).px);
    expect(untouched.codes.split(',')).not.toContain('113101');
  });

  it('redacts compressed (RLE) images through the codecs, as Explicit VR LE or re-encoded with --reencode', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    fs.writeFileSync(path.join(input, 'r.dcm'), makeCtLike({ transferSyntax: TS.RLELossless, rows: 16, cols: 20, frames: 2, bitsAllocated: 8 }));
    const template = path.join(dir, 't.json');
    fs.writeFileSync(template, JSON.stringify({ version: 1, templates: [{ name: 'all', match: {}, boxes: [{ x: 0, y: 0, width: 20, height: 3 }] }] }));
    for (const [flag, ts] of [[[], '1.2.840.10008.1.2.1'], [['--reencode'], TS.RLELossless]] as const) {
      const out = path.join(dir, `out${flag.length}`);
      const r = await runInProcess(['anonymize', input, '--out', out, '--redact', template, '--key', path.join(dir, 'k'), '--jobs', '1', '--keep-paths', ...flag]);
      expect(r.status, r.stderr).toBe(0);
      const f = await readPart10(new MemorySource(new Uint8Array(fs.readFileSync(path.join(out, 'r.dcm')))));
      expect(f.transferSyntaxUID).toBe(ts);
      const burned = findElement(f.dataset, tag(0x0028, 0x0301));
      expect(burned?.value.kind === 'bytes' ? asciiValue(burned.value.bytes) : '').toBe('NO');
    }
  });

  it('refuses a template of an unknown format version, before touching any file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.dcm'), US(4, 'ACME Sonics'));
    const template = path.join(dir, 't.json');
    fs.writeFileSync(template, JSON.stringify({ version: 3, templates: [] }));
    const r = await runInProcess(['anonymize', path.join(dir, 'a.dcm'), '--out', path.join(dir, 'out'), '--redact', template, '--key', path.join(dir, 'k'), '--keep-paths']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/version/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
