// Random-access byte sources the reader parses from. A source is read in windows, so a
// multi-gigabyte file is never held in memory: bulk values stay (offset, length) ranges
// of the source and are copied to the sink in slices when the output is written.

export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Read exactly `length` bytes at `offset` (clamped to the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Optional: a human-readable name for error messages (never written into outputs). */
  readonly name?: string;
  /**
   * Optional: like read(), but the bytes may live in a buffer the source reuses, so they are valid
   * only until the next readTransient() call. For streaming copies of bulk data with flat memory.
   */
  readTransient?(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory (tests, inflated deflate data sets, small files). */
export class MemorySource implements ByteSource {
  readonly size: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly name?: string,
  ) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.readSync(offset, length));
  }
  readSync(offset: number, length: number): Uint8Array {
    const end = Math.min(this.size, offset + length);
    return this.bytes.subarray(Math.min(offset, end), end);
  }
}

/** A source over a Blob or File (browser, Web Worker; also Node 20, which has Blob). */
export class BlobSource implements ByteSource {
  readonly size: number;
  constructor(
    private readonly blob: Blob,
    readonly name?: string,
  ) {
    this.size = blob.size;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    return new Uint8Array(await this.blob.slice(offset, end).arrayBuffer());
  }
}
