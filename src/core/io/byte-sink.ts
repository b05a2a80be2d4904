// Where written bytes go. The writer pushes header bytes in batches and bulk data in large
// slices copied from the source, so a sink never needs the whole output in memory.

export interface ByteSink {
  /** Write a chunk. The chunk may be reused by the caller once the promise resolves: copy it to keep it. */
  write(chunk: Uint8Array): Promise<void>;
}

/** Collects everything in memory (tests, small files, the re-read check of the writer). */
export class MemorySink implements ByteSink {
  private chunks: Uint8Array[] = [];
  private total = 0;
  write(chunk: Uint8Array): Promise<void> {
    // Chunks may be views into buffers the writer reuses: copy.
    this.chunks.push(chunk.slice());
    this.total += chunk.length;
    return Promise.resolve();
  }
  get size(): number {
    return this.total;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Counts bytes without keeping them (dry runs, size checks). */
export class CountingSink implements ByteSink {
  size = 0;
  write(chunk: Uint8Array): Promise<void> {
    this.size += chunk.length;
    return Promise.resolve();
  }
}

/**
 * Collects everything into one growing buffer (one copy per chunk, none at the end): a whole
 * output built in memory, then checked and written with a single call.
 */
export class BufferSink implements ByteSink {
  private buf: Uint8Array;
  private total = 0;
  /** `buffer`: storage to start with (reused across files by the CLI), else `expectedSize` bytes are allocated. */
  constructor(expectedSize = 64 * 1024, buffer?: Uint8Array) {
    this.buf = buffer ?? new Uint8Array(Math.max(1024, expectedSize));
  }
  write(chunk: Uint8Array): Promise<void> {
    if (this.total + chunk.length > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.total + chunk.length, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.total));
      this.buf = bigger;
    }
    this.buf.set(chunk, this.total);
    this.total += chunk.length;
    return Promise.resolve();
  }
  get size(): number {
    return this.total;
  }
  /** The bytes written so far (a view: valid until the next write). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.total);
  }
}
