// A ByteSource for a file handed to a worker: small files are read whole in one call (Blob reads
// are asynchronous and costly per call, and the reader would make several), large ones are read
// in windows so a multi-gigabyte file never sits in memory.

import { BlobSource, MemorySource, type ByteSource } from '../core/io/byte-source.ts';

export const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;

export async function openSource(blob: Blob): Promise<ByteSource> {
  if (blob.size > WHOLE_FILE_LIMIT) return new BlobSource(blob);
  return new MemorySource(new Uint8Array(await blob.arrayBuffer()));
}
