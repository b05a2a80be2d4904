// Redaction of native pixel data in every pixel format: after de-identification with boxes, the
// Pixel Data value must equal, byte for byte, the original with exactly the boxed samples set to the
// darkest value of the format (computed independently in image-fixtures.ts); Burned In Annotation
// becomes NO and code 113101 is added; overlays are cleared under the boxes.

import { describe, expect, it } from 'vitest';
import { findElement } from '../../../src/core/dicom/dataset.ts';
import { MemorySink } from '../../../src/core/io/byte-sink.ts';
import { MemorySource } from '../../../src/core/io/byte-source.ts';
import { deidentifyFile } from '../../../src/core/deid/process-file.ts';
import { makeTestSession } from '../helpers.ts';
import { methodCodes, pixelDataOf, redact, str } from './redact-helpers.ts';
import { T, TS } from '../../fixtures/make.ts';
import { makeNativeImage, pixelBytes, type Box, type ImageSpec } from './image-fixtures.ts';
import { reasonText } from '../../helpers/messages.ts';

const BOXES: Box[] = [
  { x: 2, y: 1, width: 5, height: 3 },
  { x: 10.5, y: 6.2, width: 20, height: 2.1 }, // fractional, runs off the right edge
  { x: -3, y: 9, width: 4, height: 40 }, // starts left of the image, runs off the bottom
];

const FORMATS: [string, ImageSpec][] = [
  ['MONOCHROME2 8-bit unsigned', { rows: 12, cols: 16, bitsAllocated: 8, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 8-bit signed', { rows: 12, cols: 16, bitsAllocated: 8, signed: true, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 16-bit unsigned, 12 stored', { rows: 12, cols: 16, bitsAllocated: 16, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 16-bit signed, 12 stored', { rows: 12, cols: 16, bitsAllocated: 16, signed: true, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 16-bit signed, 16 stored', { rows: 12, cols: 16, bitsAllocated: 16, bitsStored: 16, signed: true, pi: 'MONOCHROME2' }],
  ['MONOCHROME1 16-bit unsigned', { rows: 12, cols: 16, bitsAllocated: 16, pi: 'MONOCHROME1' }],
  ['MONOCHROME1 16-bit signed', { rows: 12, cols: 16, bitsAllocated: 16, signed: true, pi: 'MONOCHROME1' }],
  ['MONOCHROME2 32-bit unsigned', { rows: 12, cols: 16, bitsAllocated: 32, pi: 'MONOCHROME2' }],
  ['MONOCHROME2 32-bit signed', { rows: 12, cols: 16, bitsAllocated: 32, signed: true, pi: 'MONOCHROME2' }],
  ['RGB 8-bit planar 0', { rows: 12, cols: 16, spp: 3, bitsAllocated: 8, pi: 'RGB', planar: 0 }],
  ['RGB 8-bit planar 1', { rows: 12, cols: 16, spp: 3, bitsAllocated: 8, pi: 'RGB', planar: 1 }],
  ['RGB 16-bit planar 1', { rows: 12, cols: 16, spp: 3, bitsAllocated: 16, bitsStored: 16, pi: 'RGB', planar: 1 }],
  ['YBR_FULL 8-bit planar 0', { rows: 12, cols: 16, spp: 3, bitsAllocated: 8, pi: 'YBR_FULL', planar: 0 }],
  ['YBR_FULL 8-bit planar 1', { rows: 12, cols: 16, spp: 3, bitsAllocated: 8, pi: 'YBR_FULL', planar: 1 }],
  ['PALETTE COLOR 8-bit', { rows: 12, cols: 16, bitsAllocated: 8, pi: 'PALETTE COLOR' }],
  ['PALETTE COLOR 16-bit', { rows: 12, cols: 16, bitsAllocated: 16, bitsStored: 16, pi: 'PALETTE COLOR' }],
  ['multi-frame MONOCHROME2 16-bit', { rows: 12, cols: 16, frames: 4, bitsAllocated: 16, pi: 'MONOCHROME2' }],
  ['multi-frame RGB planar 1', { rows: 12, cols: 16, frames: 3, spp: 3, bitsAllocated: 8, pi: 'RGB', planar: 1 }],
  ['odd size 8-bit (odd-length pixel data)', { rows: 5, cols: 7, bitsAllocated: 8, pi: 'MONOCHROME2' }],
];

describe('native pixel data: the box decodes to the darkest value, everything else is byte-identical', () => {
  for (const [name, spec] of FORMATS) {
    for (const ts of [TS.ExplicitLE, TS.ImplicitLE, ...(spec.bitsAllocated <= 16 ? [TS.ExplicitBE] : [])]) {
      it(`${name}, ${ts === TS.ExplicitLE ? 'explicit LE' : ts === TS.ImplicitLE ? 'implicit LE' : 'explicit BE'}`, async () => {
        const s = { ...spec, transferSyntax: ts };
        const { file, result, problems } = await redact(makeNativeImage(s), { redactionBoxes: BOXES });
        expect(problems).toEqual([]);
        expect(result.transferSyntaxUID).toBe(ts);
        const got = await pixelDataOf(file);
        const want = pixelBytes(s, ts !== TS.ExplicitBE, BOXES);
        expect(got.length - (got.length & 1 ? 0 : want.length & 1)).toBe(want.length);
        expect(Buffer.from(got.subarray(0, want.length)).equals(Buffer.from(want))).toBe(true);
        // Nothing outside the boxes changed: compared with the unredacted original too.
        const original = pixelBytes(s, ts !== TS.ExplicitBE);
        let changed = 0;
        for (let i = 0; i < want.length; i++) if (want[i] !== original[i]) changed++;
        expect(changed).toBeGreaterThan(0);
        expect(str(file.dataset, T.BurnedInAnnotation)).toBe('NO');
        expect(methodCodes(file.dataset)).toContain('113101');
      });
    }
  }

  it('applies boxes with a frame list to those frames only', async () => {
    const s: ImageSpec = { rows: 8, cols: 8, frames: 3, bitsAllocated: 16, pi: 'MONOCHROME2' };
    const boxes: Box[] = [{ x: 0, y: 0, width: 4, height: 4, frames: [1] }, { x: 6, y: 6, width: 2, height: 2 }];
    const { file } = await redact(makeNativeImage(s), { redactionBoxes: boxes });
    expect(Buffer.from(await pixelDataOf(file)).equals(Buffer.from(pixelBytes(s, true, boxes)))).toBe(true);
  });

  it('fills with the darkest stored value even when a Pixel Padding Value says otherwise', async () => {
    // Real images hold values below the padding value (air outside the reconstruction circle).
    const s: ImageSpec = { rows: 8, cols: 8, bitsAllocated: 16, signed: true, pi: 'MONOCHROME2', extra: [{ tag: 0x00280120, vr: 'SS', value: [-1000] }] };
    const boxes = [{ x: 0, y: 0, width: 3, height: 3 }];
    const { file } = await redact(makeNativeImage(s), { redactionBoxes: boxes });
    const px = await pixelDataOf(file);
    expect(new DataView(px.buffer, px.byteOffset).getInt16(0, true)).toBe(-2048);
    expect(Buffer.from(px).equals(Buffer.from(pixelBytes(s, true, boxes)))).toBe(true);
  });

  it('clears a 60xx overlay plane under the boxes', async () => {
    const rows = 8, cols = 8;
    const plane = new Uint8Array((rows * cols) / 8).fill(0xff);
    const s: ImageSpec = {
      rows, cols, bitsAllocated: 8, pi: 'MONOCHROME2',
      extra: [
        { tag: 0x60000010, vr: 'US', value: [rows] },
        { tag: 0x60000011, vr: 'US', value: [cols] },
        { tag: 0x60000050, vr: 'SS', value: [1, 1] },
        { tag: 0x60000100, vr: 'US', value: [1] },
        { tag: 0x60003000, vr: 'OW', value: plane },
      ],
    };
    // Overlays are kept only under the Clean Graphics option.
    const boxes = [{ x: 0, y: 0, width: 8, height: 1 }, { x: 2, y: 3, width: 2, height: 1 }];
    const { file } = await redact(makeNativeImage(s), { redactionBoxes: boxes }, makeTestSession({ cleanGraphics: true }));
    expect(findElement(file.dataset, 0x60003000)).toBeDefined();
    const ov = findElement(file.dataset, 0x60003000);
    const bits = ov && ov.value.kind === 'bytes' ? ov.value.bytes : new Uint8Array();
    const bit = (r: number, c: number) => (bits[(r * cols + c) >> 3] >> ((r * cols + c) & 7)) & 1;
    for (let c = 0; c < cols; c++) expect(bit(0, c)).toBe(0);
    expect([bit(3, 1), bit(3, 2), bit(3, 3), bit(3, 4)]).toEqual([1, 0, 0, 1]);
    expect(bit(5, 5)).toBe(1);
  });

  it('clears the right bits of a Big Endian OW overlay plane (bytes of each 16-bit word swapped, PS3.5 D.2)', async () => {
    const rows = 8, cols = 8;
    const swap = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);
    const logical = new Uint8Array((rows * cols) / 8).fill(0xff); // first pixel in bit 0 of word 0
    const s: ImageSpec = {
      rows, cols, bitsAllocated: 16, pi: 'MONOCHROME2', transferSyntax: TS.ExplicitBE,
      extra: [
        { tag: 0x60000010, vr: 'US', value: [rows] },
        { tag: 0x60000011, vr: 'US', value: [cols] },
        { tag: 0x60000050, vr: 'SS', value: [1, 1] },
        { tag: 0x60000100, vr: 'US', value: [1] },
        { tag: 0x60003000, vr: 'OW', value: swap(logical) }, // as a Big Endian file holds it
      ],
    };
    const { file } = await redact(makeNativeImage(s), { redactionBoxes: [{ x: 0, y: 0, width: 8, height: 1 }] }, makeTestSession({ cleanGraphics: true }));
    const ov = findElement(file.dataset, 0x60003000);
    const bits = swap(ov && ov.value.kind === 'bytes' ? ov.value.bytes : new Uint8Array(8));
    const bit = (r: number, c: number) => (bits[(r * cols + c) >> 3]! >> ((r * cols + c) & 7)) & 1;
    for (let c = 0; c < cols; c++) expect([bit(0, c), bit(1, c)]).toEqual([0, 1]);
  });

  it('refuses encapsulated pixel data without codecs, with the plain error it always gave', async () => {
    const { makeEncapsulatedImage, rleLiteralFrame } = await import('./image-fixtures.ts');
    const s: ImageSpec = { rows: 4, cols: 4, bitsAllocated: 8, pi: 'MONOCHROME2' };
    const file = makeEncapsulatedImage(s, [rleLiteralFrame(pixelBytes(s, true), s)], TS.RLELossless);
    const sink = new MemorySink();
    const r = await deidentifyFile(new MemorySource(file), sink, makeTestSession(), { redactionBoxes: [{ x: 0, y: 0, width: 1, height: 1 }] });
    expect(r.status).toBe('refused');
    expect(reasonText(r)).toMatch(/encapsulated \(compressed\) pixel data must be decoded before redaction/);
    expect(sink.size).toBe(0);
  });
});
