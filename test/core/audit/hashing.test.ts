// The streamed hashes of the audit log: HashingSource must give the SHA-256 of the whole source
// whatever the reads the work makes (in order, with gaps, overlapping, beyond the end, none).

import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { HashingSource, sha256Hex } from '../../../src/core/audit/hashing.ts';
import { MemorySource, type ByteSource } from '../../../src/core/io/byte-source.ts';

const bytes = (n: number, seed = 7): Uint8Array => {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return b;
};


/** A source over `data` that counts the bytes read through it. */
const counting = (data: Uint8Array) => {
  const inner = new MemorySource(data);
  return {
    size: data.length,
    n: 0,
    async read(o: number, l: number): Promise<Uint8Array> {
      const b = await inner.read(o, l);
      this.n += b.length;
      return b;
    },
  };
};

const native = () => createHash('sha256');

describe('HashingSource', () => {
  const data = bytes(5 * 1024 * 1024 + 123);
  const want = sha256Hex(data);

  test.each([
    ['no read at all', [] as [number, number][]],
    ['one pass in order', [[0, 1 << 20], [1 << 20, 1 << 20], [2 << 20, 2 << 20]] as [number, number][]],
    ['a parser starting after a 128-byte preamble', [[128, 65536], [65664, 4096]] as [number, number][]],
    ['overlapping windows and a read past the end', [[0, 1000], [500, 4000], [4000, 10 << 20]] as [number, number][]],
    ['a jump past a gap too large to fill, then back', [[0, 100], [(2 << 20) + 500_000, 1000], [100, 1 << 20]] as [number, number][]],
  ])('digest of the whole source after %s', async (_what, reads) => {
    for (const create of [undefined, native]) {
      const src = new HashingSource(new MemorySource(data), create);
      for (const [o, l] of reads) {
        const got = await src.read(o, l);
        const expected = data.subarray(Math.min(o, data.length), Math.min(data.length, o + l));
        expect(Buffer.from(got.buffer, got.byteOffset, got.length).equals(expected)).toBe(true);
      }
      expect(await src.hex()).toBe(want);
    }
  });

  test('reads every byte once when the work reads it in order (the tee), and only the rest otherwise', async () => {
    const src = counting(data);
    const tee = new HashingSource(src, native, 1 << 20);
    for (let at = 0; at < data.length; at += 1 << 20) await tee.read(at, 1 << 20);
    expect(await tee.hex()).toBe(want);
    expect(src.n).toBe(data.length);
    expect(tee.extraBytes).toBe(0);

    const src2 = counting(data);
    const tee2 = new HashingSource(src2, native, 1 << 20);
    await tee2.read(128, 1000); // the preamble gap is filled at once, the read itself hashed on the way
    expect(tee2.extraBytes).toBe(128);
    expect(await tee2.hex()).toBe(want);
    expect(src2.n).toBe(data.length);

    const src3 = counting(data);
    const tee3 = new HashingSource(src3, native, 1 << 20);
    await tee3.read(4.5 * 1024 * 1024, 1000); // past a gap too large to fill: read for the work only, hashed later
    expect(await tee3.hex()).toBe(want);
    expect(src3.n).toBe(data.length + 1000);
  });

  test('readTransient is hashed before the lent buffer can be reused', async () => {
    const lent = new Uint8Array(1 << 20);
    const inner: ByteSource = {
      size: data.length,
      read: (o, l) => Promise.resolve(data.slice(o, o + l)),
      readTransient: (o, l) => {
        const n = Math.max(0, Math.min(l, data.length - o));
        lent.set(data.subarray(o, o + n));
        return Promise.resolve(lent.subarray(0, n));
      },
    };
    const src = new HashingSource(inner, native);
    for (let at = 0; at < data.length; at += 1 << 20) {
      const b = await src.readTransient(at, 1 << 20);
      b.fill(0); // the borrower scribbles on the buffer after use
    }
    expect(await src.hex()).toBe(want);
  });
});
