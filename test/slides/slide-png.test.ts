// The PNG stripper and checker on real PNG bytes: a valid image built with zlib, carrying every
// kind of ancillary chunk a browser or editor may write (text, compressed text, international
// text, time, EXIF, physical size, gamma, sRGB, ICC profile). Stripped, only IHDR/IDAT/IEND stay
// and the pixels decode exactly as before.

import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngChunks, pngProblems, stripPng } from '../../src/slides/slide-png.ts';
import { decodePng } from '../e2e/png.ts';

function chunk(type: string, data: Uint8Array | string): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data as Uint8Array)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 4×3 RGB image with the given ancillary chunks before and after its IDAT. */
function png(before: Buffer[], after: Buffer[]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(3, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(3 * (1 + 4 * 3));
  for (let y = 0; y < 3; y++) for (let i = 0; i < 12; i++) raw[y * 13 + 1 + i] = (y * 40 + i * 17) & 0xff;
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...before, chunk('IDAT', deflateSync(raw)), ...after, chunk('IEND', ''),
  ]));
}

const leaky = () => png(
  [chunk('tEXt', 'Comment\0Patient DOE^JOHN 12345'), chunk('iTXt', 'Title\0\0\0\0\0file ct-1.dcm'), chunk('zTXt', Buffer.concat([Buffer.from('Author\0\0'), deflateSync('Dr Who')])),
    chunk('tIME', Buffer.from([7, 234, 11, 28, 14, 0, 0])), chunk('eXIf', 'MM\0*exif'), chunk('pHYs', Buffer.alloc(9)), chunk('gAMA', Buffer.alloc(4)), chunk('sRGB', Buffer.from([0])), chunk('iCCP', 'profile\0\0xx')],
  [chunk('tEXt', 'Software\0Some Editor')],
);

describe('PNG slide metadata', () => {
  it('lists the chunks of a real PNG and flags every ancillary one', () => {
    const bytes = leaky();
    expect(pngChunks(bytes).map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'iTXt', 'zTXt', 'tIME', 'eXIf', 'pHYs', 'gAMA', 'sRGB', 'iCCP', 'IDAT', 'tEXt', 'IEND']);
    expect(pngProblems(bytes)).toHaveLength(10);
    expect(pngProblems(bytes)[0]).toBe('PNG chunk tEXt is not allowed');
  });

  it('strips to IHDR/IDAT/IEND with the pixels unchanged and no text left', () => {
    const bytes = leaky();
    const clean = stripPng(bytes);
    expect(pngChunks(clean).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(pngProblems(clean)).toEqual([]);
    const text = Buffer.from(clean).toString('latin1');
    for (const s of ['DOE', '12345', 'ct-1', 'Software', 'Comment']) expect(text).not.toContain(s);
    expect(decodePng(clean)).toEqual(decodePng(bytes));
    // CRCs of the kept chunks are still right.
    for (const c of pngChunks(clean)) {
      expect(Buffer.from(clean).readUInt32BE(c.offset + 8 + c.length)).toBe(crc32(clean.subarray(c.offset + 4, c.offset + 8 + c.length)));
    }
  });

  it('leaves a clean PNG byte for byte as it is', () => {
    const clean = png([], []);
    expect(pngProblems(clean)).toEqual([]);
    expect(stripPng(clean)).toEqual(clean);
  });

  it('refuses malformed files instead of passing them', () => {
    const bytes = png([], []);
    expect(pngProblems(bytes.subarray(0, bytes.length - 6))[0]).toMatch(/truncated|past the end|IEND/);
    expect(pngProblems(new Uint8Array([1, 2, 3]))).toEqual(['not a PNG file (bad signature)']);
    const trailing = new Uint8Array([...bytes, 0x41, 0x42]);
    expect(pngProblems(trailing)).toEqual(['PNG has bytes after IEND']);
    expect(() => stripPng(trailing)).toThrow(/after IEND/);
  });
});
