// A forward-reading window over a ByteSource. The parser asks for a few bytes at an
// absolute offset; the cursor keeps one window in memory and refills it on demand, so
// header parsing touches only the bytes it needs and bulk values are skipped, never read.

import { MemorySource, type ByteSource } from '../io/byte-source.ts';
import { DicomParseError, type ReadPart } from './parse-error.ts';
import { msg } from '../messages/message.ts';

const WINDOW = 64 * 1024;

export class Cursor {
  private buf: Uint8Array;
  private view: DataView;
  private start = 0;

  constructor(readonly source: ByteSource) {
    if (source instanceof MemorySource) {
      this.buf = source.bytes;
    } else {
      this.buf = new Uint8Array(0);
    }
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  get size(): number {
    return this.source.size;
  }

  /** True when [pos, pos+n) is already in the buffered range. */
  has(pos: number, n: number): boolean {
    return pos >= this.start && pos + n <= this.start + this.buf.length;
  }

  /** Make [pos, pos+n) available; throws a DicomParseError when the source ends first. */
  async ensure(pos: number, n: number, what: ReadPart): Promise<void> {
    if (this.has(pos, n)) return;
    if (pos + n > this.source.size) {
      throw new DicomParseError(msg('parse-truncated-read', { part: msg(what), n, offset: pos, size: this.source.size }), pos);
    }
    const want = Math.min(Math.max(n, WINDOW), this.source.size - pos);
    this.buf = await this.source.read(pos, want);
    if (this.buf.length < n) throw new DicomParseError(msg('parse-short-read', { part: msg(what), offset: pos }), pos);
    this.start = pos;
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  u8(pos: number): number {
    return this.buf[pos - this.start];
  }
  u16(pos: number, le: boolean): number {
    return this.view.getUint16(pos - this.start, le);
  }
  u32(pos: number, le: boolean): number {
    return this.view.getUint32(pos - this.start, le);
  }
  /** A copy of [pos, pos+n): the window buffer is replaced on the next refill. */
  copy(pos: number, n: number): Uint8Array {
    return this.buf.slice(pos - this.start, pos - this.start + n);
  }
  /** Two ASCII characters (a VR). */
  chars2(pos: number): string {
    const o = pos - this.start;
    return String.fromCharCode(this.buf[o], this.buf[o + 1]);
  }
}
