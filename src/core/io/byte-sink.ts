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
