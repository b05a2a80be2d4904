// The JPEG stripper and checker on real JPEG bytes: the baseline JPEG stream of a corpus DICOM
// file with JFIF, EXIF, XMP and comment segments added. Stripped, no APPn/COM segment is left,
// the scan is untouched and the image decodes to the same pixels (libjpeg-turbo, as the app).

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jpegProblems, jpegSegments, stripJpeg } from '../../src/slides/slide-jpeg.ts';
import { nodeFrameCodecs } from '../../src/codecs/node-loader.ts';

const FILE = new URL('../../../shared/corpus/pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm', import.meta.url);
const present = existsSync(FILE);

/** The JPEG stream of a single-frame encapsulated file: first SOI to last EOI. */
function jpegOf(dcm: Uint8Array): Uint8Array {
  let start = -1;
  for (let i = 0; i < dcm.length - 3; i++) if (dcm[i] === 0xff && dcm[i + 1] === 0xd8 && dcm[i + 2] === 0xff) { start = i; break; }
  let end = -1;
  for (let i = dcm.length - 2; i > start; i--) if (dcm[i] === 0xff && dcm[i + 1] === 0xd9) { end = i + 2; break; }
  if (start < 0 || end < 0) throw new Error('no JPEG stream found');
  return dcm.slice(start, end);
}

function segment(marker: number, payload: string): Uint8Array {
  const p = Buffer.from(payload, 'latin1');
  return new Uint8Array([0xff, marker, (p.length + 2) >> 8, (p.length + 2) & 0xff, ...p]);
}

function withMetadata(jpeg: Uint8Array): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8,
    ...segment(0xe0, 'JFIF\0\x01\x02\0\0\x01\0\x01\0\0'),
    ...segment(0xe1, 'Exif\0\0MM\0*DateTime 2026:11:28 Patient DOE'),
    ...segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>ct-1.dcm</x:xmpmeta>'),
    ...segment(0xfe, 'written by SomeEditor for DOE^JOHN'),
    ...jpeg.subarray(2),
  ]);
}

function sofSize(jpeg: Uint8Array): { rows: number; columns: number; samples: number } {
  const sof = jpegSegments(jpeg).find((s) => s.marker >= 0xc0 && s.marker <= 0xc3)!;
  const o = sof.offset;
  return { rows: (jpeg[o + 5]! << 8) | jpeg[o + 6]!, columns: (jpeg[o + 7]! << 8) | jpeg[o + 8]!, samples: jpeg[o + 9]! };
}

describe.skipIf(!present)('JPEG slide metadata (corpus JPEG baseline)', () => {
  it('finds and removes APPn and COM segments, keeping the scan', async () => {
    const original = jpegOf(new Uint8Array(readFileSync(FILE)));
    const leaky = withMetadata(original);
    expect(jpegProblems(leaky)).toEqual(expect.arrayContaining(['JPEG segment APP0 is not allowed', 'JPEG segment APP1 is not allowed', 'JPEG segment COM is not allowed']));
    const clean = stripJpeg(leaky);
    expect(jpegProblems(clean)).toEqual([]);
    const text = Buffer.from(clean).toString('latin1');
    for (const s of ['Exif', 'JFIF', 'DOE', 'ct-1', 'SomeEditor', 'xmpmeta']) expect(text).not.toContain(s);
    const markers = jpegSegments(clean).map((s) => s.marker);
    expect(markers[0]).toBe(0xd8);
    expect(markers.at(-1)).toBe(0xd9);
    expect(markers).toContain(0xda);
    expect(markers).toContain(0xc4);

    const { rows, columns, samples } = sofSize(clean);
    const info = { rows, columns, samplesPerPixel: samples, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0 as const, photometricInterpretation: samples === 3 ? 'YBR_FULL_422' : 'MONOCHROME2', planarConfiguration: 0 as const };
    const codecs = nodeFrameCodecs();
    const a = await codecs.decode('1.2.840.10008.1.2.4.50', original, info);
    const b = await codecs.decode('1.2.840.10008.1.2.4.50', clean, info);
    expect(b.pixels.length).toBe(rows * columns * samples);
    expect(Buffer.from(b.pixels).equals(Buffer.from(a.pixels))).toBe(true);
  });
});

describe('JPEG structure checks', () => {
  const tiny = new Uint8Array([0xff, 0xd8, ...segment(0xdb, 'q'), 0xff, 0xda, 0, 3, 0, 0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xd9]);
  it('walks scan data past stuffed bytes and restart markers', () => {
    expect(jpegSegments(tiny).map((s) => s.marker)).toEqual([0xd8, 0xdb, 0xda, 0xd9]);
    expect(jpegProblems(tiny)).toEqual([]);
    expect(stripJpeg(tiny)).toEqual(tiny);
  });
  it('refuses files that are not JPEG or are cut short', () => {
    expect(jpegProblems(new Uint8Array([0x89, 0x50]))).toEqual(['not a JPEG file (no SOI marker)']);
    expect(jpegProblems(tiny.subarray(0, tiny.length - 2))[0]).toMatch(/EOI/);
    expect(jpegProblems(new Uint8Array([...tiny, 0]))).toEqual(['JPEG has bytes after EOI']);
  });
});
