// The Part 10 writer's output stage (writer.ts), over a ByteSink: small writes (element headers,
// short values) go into a staging buffer that grows up to the flush size before it is flushed, so
// most headers leave in one write; values that do not fit it and are worth a write of their own go
// to the sink as they are; bulk values and pixel fragments are copied from the source in 4 MiB
// slices (memory flat in file size). Item and delimiter headers are PS3.5 §7.5's.

import type { ByteSource } from '../io/byte-source.ts';
import type { ByteSink } from '../io/byte-sink.ts';

const COPY_SLICE = 4 * 1024 * 1024;
/** Staged bytes are flushed from this size on; values this large are written on their own. */
export const FLUSH_AT = 256 * 1024;
/** Values from this size on are written straight to the sink when the staging buffer lacks room. */
const DIRECT_AT = 16 * 1024;

/** Buffered writer: small writes go into a staging buffer, bulk copies go straight to the sink. */
export class Out {
  private buf = new Uint8Array(16 * 1024);
  private view = new DataView(this.buf.buffer);
  private at = 0;
  written = 0;
  constructor(
    private readonly sink: ByteSink,
    private readonly source: ByteSource,
  ) {}
  /** Room for `n` more bytes in the staging buffer now, without a flush: the put* calls may follow at once. */
  fits(n: number): boolean {
    return this.at + n <= this.buf.length;
  }
  /** Make room for `n` more bytes (growing or flushing the staging buffer); the put* calls may follow. */
  async room(n: number): Promise<void> {
    if (this.at + n <= this.buf.length) return;
    if (this.buf.length < FLUSH_AT + 64 * 1024) {
      // Grow the staging buffer up to the flush size before flushing at all: most headers fit.
      const bigger = new Uint8Array(Math.max(this.at + n, Math.min(this.buf.length * 4, FLUSH_AT + 64 * 1024)));
      bigger.set(this.buf.subarray(0, this.at));
      this.buf = bigger;
      this.view = new DataView(this.buf.buffer);
      if (this.at + n <= this.buf.length) return;
    }
    await this.flush();
    if (n > this.buf.length) {
      this.buf = new Uint8Array(n);
      this.view = new DataView(this.buf.buffer);
    }
  }
  async flush(): Promise<void> {
    if (this.at === 0) return;
    // ByteSink contract: the chunk is not retained after write() resolves, so the buffer is reused.
    await this.sink.write(this.buf.subarray(0, this.at));
    this.written += this.at;
    this.at = 0;
  }
  // The put* calls write into the staging buffer with no promise per call (most of a header is a
  // few hundred of them); the caller has made room first (fits/room).
  put16(v: number, le: boolean): void {
    this.view.setUint16(this.at, v, le);
    this.at += 2;
  }
  put32(v: number, le: boolean): void {
    this.view.setUint32(this.at, v >>> 0, le);
    this.at += 4;
  }
  putByte(b: number): void {
    this.buf[this.at++] = b;
  }
  putBytes(b: Uint8Array): void {
    this.buf.set(b, this.at);
    this.at += b.length;
  }
  /** An item or delimiter header (PS3.5 §7.5): tag (FFFE,xxxx) and a 4-byte length. */
  async itemTag(element: number, length: number, le: boolean): Promise<void> {
    if (!this.fits(8)) await this.room(8);
    this.put16(0xfffe, le);
    this.put16(element, le);
    this.put32(length, le);
  }
  async bytes(b: Uint8Array) {
    // A value larger than the staging buffer's free room and worth a write of its own (pixel data
    // of a small image) goes to the sink as it is: growing the buffer for it would allocate and
    // copy several times the value per file.
    if (b.length > FLUSH_AT || (b.length >= DIRECT_AT && !this.fits(b.length))) {
      await this.flush();
      await this.sink.write(b);
      this.written += b.length;
      return;
    }
    await this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }
  async copy(offset: number, length: number, patch?: (chunk: Uint8Array, valueOffset: number) => void) {
    if (length <= FLUSH_AT) {
      let chunk = await this.source.read(offset, length);
      if (patch) {
        chunk = chunk.slice(); // never modify the source's own buffer
        patch(chunk, 0);
      }
      await this.bytes(chunk);
      return;
    }
    await this.flush();
    // A source with readTransient() lends one reused buffer: the sink is done with each slice
    // once its write resolves (ByteSink contract), so memory stays flat for any file size.
    const src = this.source;
    for (let done = 0; done < length; ) {
      const n = Math.min(COPY_SLICE, length - done);
      let chunk = src.readTransient ? await src.readTransient(offset + done, n) : await src.read(offset + done, n);
      if (chunk.length !== n) throw new Error(`source ended early while copying bulk data at offset ${offset + done}`);
      if (patch) {
        chunk = chunk.slice();
        patch(chunk, done);
      }
      await this.sink.write(chunk);
      this.written += n;
      done += n;
    }
  }
}
