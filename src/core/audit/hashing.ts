// SHA-256 (FIPS 180-4) of inputs and outputs for the audit log, streamed so a multi-gigabyte
// file is never held in memory: over a ByteSource read in slices, and as a ByteSink wrapper that
// hashes exactly the bytes the writer emits. @noble/hashes by default (identical in Node,
// workers and pages); a caller may pass a native SHA-256 (the CLI: node:crypto, several times
// faster on large files) — the digests are the same.

import { sha256 } from '@noble/hashes/sha2.js';
import type { ByteSink } from '../io/byte-sink.ts';
import type { ByteSource } from '../io/byte-source.ts';

const utf8 = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

export const sha256Hex = (data: Uint8Array | string): string => toHex(sha256(typeof data === 'string' ? utf8.encode(data) : data));

/** An incremental SHA-256. */
export interface Sha256 {
  update(chunk: Uint8Array): unknown;
  digest(): Uint8Array;
}
export type Sha256Factory = () => Sha256;
const nobleSha256: Sha256Factory = () => sha256.create();

/** SHA-256 of a whole source, read `chunk` bytes at a time. */
export async function sha256OfSource(source: ByteSource, chunk = 1 << 20, create: Sha256Factory = nobleSha256): Promise<string> {
  const h = create();
  for (let at = 0; at < source.size; at += chunk) h.update(await source.read(at, Math.min(chunk, source.size - at)));
  return toHex(h.digest());
}

/** Gaps up to this size between the hashed prefix and a read are read and hashed at once (a header skipped by a parser). */
const GAP_FILL = 4 * 1024 * 1024;

/**
 * A ByteSource that hashes its source on the way, so one pass of reads serves both the work and
 * the digest: every read that reaches past the hashed prefix [0, hashed) and starts in it (or
 * within GAP_FILL after it) extends the digest. hex() then reads only what was never read, in
 * `chunk`-byte slices. The digest is the SHA-256 of the whole source whatever the read pattern.
 */
export class HashingSource implements ByteSource {
  private readonly h: Sha256;
  private hashed = 0;
  /** Bytes read a second time by hex() (what the tee could not cover). */
  extraBytes = 0;
  readonly size: number;
  readonly name?: string;
  constructor(
    private readonly inner: ByteSource,
    create: Sha256Factory = nobleSha256,
    private readonly chunk = 1 << 20,
  ) {
    this.h = create();
    this.size = inner.size;
    this.name = inner.name;
  }

  private async fillTo(offset: number): Promise<void> {
    while (this.hashed < offset) {
      const n = Math.min(this.chunk, offset - this.hashed);
      const b = await this.inner.read(this.hashed, n);
      if (b.length === 0) return;
      this.h.update(b);
      this.hashed += b.length;
      this.extraBytes += b.length;
    }
  }

  private take(offset: number, bytes: Uint8Array): Uint8Array {
    const end = offset + bytes.length;
    // Hashed before it is returned: a caller may reuse the buffer afterwards (readTransient).
    if (offset <= this.hashed && end > this.hashed) {
      this.h.update(bytes.subarray(this.hashed - offset));
      this.hashed = end;
    }
    return bytes;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset > this.hashed && offset - this.hashed <= GAP_FILL) await this.fillTo(offset);
    return this.take(offset, await this.inner.read(offset, length));
  }

  async readTransient(offset: number, length: number): Promise<Uint8Array> {
    if (offset > this.hashed && offset - this.hashed <= GAP_FILL) await this.fillTo(offset);
    const b = this.inner.readTransient ? await this.inner.readTransient(offset, length) : await this.inner.read(offset, length);
    return this.take(offset, b);
  }

  /** The digest of the whole source (reads what was never read). Call once, after the work. */
  async hex(): Promise<string> {
    while (this.hashed < this.size) {
      const n = Math.min(this.chunk, this.size - this.hashed);
      const b = this.inner.readTransient ? await this.inner.readTransient(this.hashed, n) : await this.inner.read(this.hashed, n);
      if (b.length === 0) break; // the source shrank: hash what there is, as sha256OfSource would
      this.h.update(b);
      this.hashed += b.length;
      this.extraBytes += b.length;
    }
    return toHex(this.h.digest());
  }
}

/** Passes every chunk on to `inner` and hashes it on the way. */
export class HashingSink implements ByteSink {
  private readonly h: Sha256;
  bytes = 0;
  constructor(
    private readonly inner: ByteSink,
    create: Sha256Factory = nobleSha256,
  ) {
    this.h = create();
  }
  write(chunk: Uint8Array): Promise<void> {
    // Hashed before the await: the writer may reuse the chunk once the promise resolves.
    this.h.update(chunk);
    this.bytes += chunk.length;
    return this.inner.write(chunk);
  }
  /** The digest of everything written (call once, after the last write). */
  hex(): string {
    return toHex(this.h.digest());
  }
}

/**
 * A fingerprint of the project key for logs: tells which key a run used without revealing it
 * (SHA-256 of a labelled copy, first 16 hex digits; the key is 256 random bits).
 */
export function keyFingerprint(key: Uint8Array): string {
  const label = utf8.encode('veil-key-fingerprint:');
  const buf = new Uint8Array(label.length + key.length);
  buf.set(label);
  buf.set(key, label.length);
  return sha256Hex(buf).slice(0, 16);
}
