// The app's ZIP framing (src/archive/stored-zip.ts, src/archive/crc32.ts): archives it frames
// are read back by zip.js with CRC checking and by fflate; the CRC-32 matches the standard check
// value and fflate's own; ZIP64 records appear past 65,535 entries and past 4 GiB offsets.

import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/archive/crc32.ts';
import { StoredZipLayout } from '../../src/archive/stored-zip.ts';
import { ZipTarget } from '../../src/state/output-targets.ts';

configure({ useWebWorkers: false });

async function frame(files: [string, Uint8Array][], layout = new StoredZipLayout(new Date(2025, 0, 2, 3, 4, 6))): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const [name, bytes] of files) parts.push(layout.entry(name, bytes.length, await crc32(bytes)), bytes);
  parts.push(layout.finish());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  expect(layout.length).toBe(out.length);
  return out;
}

async function readWithZipJs(zip: Uint8Array): Promise<Record<string, Uint8Array>> {
  const reader = new ZipReader(new BlobReader(new Blob([zip as Uint8Array<ArrayBuffer>])), { checkSignature: true });
  const out: Record<string, Uint8Array> = {};
  for (const e of await reader.getEntries()) if (!e.directory) out[e.filename] = await e.getData!(new Uint8ArrayWriter(), { checkSignature: true });
  await reader.close();
  return out;
}

describe('crc32', () => {
  it('gives the standard check value and continues across chunks', async () => {
    expect(await crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(await crc32(new Uint8Array(0))).toBe(0);
    const data = new Uint8Array(100_003).map((_, i) => (i * 31 + (i >> 7)) & 0xff);
    const whole = await crc32(data);
    expect(await crc32(data.subarray(0, 37), data.subarray(37))).toBe(whole);
    // Node's zlib agrees; so do calls that overlap (one hasher per thread).
    expect(whole).toBe(zlibCrc32(data));
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => crc32(data.subarray(i * 1000))));
    expect(many).toEqual(Array.from({ length: 8 }, (_, i) => zlibCrc32(data.subarray(i * 1000))));
    // The same value fflate writes into its own ZIP's central directory (offset 16 of the record).
    const ref = zipSync({ a: data }, { level: 0 });
    const cd = ref.length - 22 - (46 + 1);
    expect(new DataView(ref.buffer).getUint32(cd + 16, true)).toBe(whole);
  });
});

describe('StoredZipLayout', () => {
  it('frames an archive that zip.js (checking CRCs) and fflate read back byte for byte', async () => {
    const files: [string, Uint8Array][] = [
      ['P1/1.2.3/1.2.3.4/1.2.3.4.5.dcm', new Uint8Array(70_001).map((_, i) => i % 251)],
      ['report.json', strToU8('{"files":[]}')],
      ['名前/utf8.txt', strToU8('UTF-8 names')],
      ['empty.csv', new Uint8Array(0)],
    ];
    const zip = await frame(files);
    const expected = Object.fromEntries(files);
    expect(await readWithZipJs(zip)).toEqual(expected);
    expect(unzipSync(zip)).toEqual(expected);
  });

  it('rejects a wrong CRC when read back (the CRC is really written and checked)', async () => {
    const layout = new StoredZipLayout();
    const data = strToU8('some bytes');
    const zip = new Uint8Array([...layout.entry('a.txt', data.length, (await crc32(data)) ^ 1), ...data, ...layout.finish()]);
    await expect(readWithZipJs(zip)).rejects.toThrow();
  });

  it('writes ZIP64 end records past 65,535 entries', async () => {
    const files: [string, Uint8Array][] = Array.from({ length: 65_540 }, (_, i) => [`f/${i}`, new Uint8Array([i & 0xff])]);
    const zip = await frame(files);
    const tail = new DataView(zip.buffer, zip.length - 22 - 20 - 56);
    expect(tail.getUint32(0, true)).toBe(0x06064b50);
    expect(tail.getUint32(24, true)).toBe(65_540);
    const read = unzipSync(zip);
    expect(Object.keys(read)).toHaveLength(65_540);
    expect(read['f/65539']).toEqual(new Uint8Array([65_539 & 0xff]));
  });

  it('uses ZIP64 extra fields for sizes and offsets past 4 GiB', () => {
    const layout = new StoredZipLayout();
    const big = 5 * 2 ** 30;
    const h = layout.entry('big.dcm', big, 1);
    const hv = new DataView(h.buffer);
    expect(hv.getUint32(18, true)).toBe(0xffffffff);
    expect(hv.getUint16(30 + 7, true)).toBe(1); // ZIP64 extra id
    expect(Number(hv.getBigUint64(30 + 7 + 4, true))).toBe(big);
    layout.entry('after.txt', 3, 2);
    const cd = layout.finish();
    const v = new DataView(cd.buffer);
    // Second central record: offset field 0xFFFFFFFF, ZIP64 extra holds the real offset.
    const second = 46 + 7 + 4 + 16;
    expect(v.getUint32(second, true)).toBe(0x02014b50);
    expect(v.getUint32(second + 42, true)).toBe(0xffffffff);
    expect(Number(v.getBigUint64(second + 46 + 9 + 4, true))).toBe(h.length + big);
    expect(v.getUint32(cd.length - 22 - 20 - 56, true)).toBe(0x06064b50);
  });
});

describe('ZipTarget', () => {
  it('takes a worker CRC when given and computes one otherwise', async () => {
    const chunks: Uint8Array[] = [];
    const t = new ZipTarget('test', new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c.slice()) }));
    const dcm = new Uint8Array(1000).fill(9);
    await t.add('a/b.dcm', dcm, await crc32(dcm));
    await t.add('report.json', '{"ok":true}');
    await t.close();
    const zip = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    expect(await readWithZipJs(zip)).toEqual({ 'a/b.dcm': dcm, 'report.json': strToU8('{"ok":true}') });
  });
});
