// Where the per-file contract (core/deid/file-contract.ts) writes an output in the CLI, same checks
// and same bytes either way:
// - memoryMedium: files up to the whole-read limit (a CT or MR slice) are built in a reused
//   buffer, hashed and re-read there, then written with one write into a temporary file;
// - tempFileMedium: larger files stream into a temporary file (memory flat in file size), hashed
//   as written and re-opened for the re-read check; a rewrite by the leak gate streams into
//   another temporary file (rewrite-store.ts), which then becomes the output.

import { createHash } from 'node:crypto';
import { HashingSink } from '../core/audit/hashing.ts';
import type { OutputMedium } from '../core/deid/file-contract.ts';
import { BufferSink } from '../core/io/byte-sink.ts';
import { MemorySource } from '../core/io/byte-source.ts';
import { FileSource, TempFileSink } from './file-source.ts';
import type { RunContext } from './process-one.ts';
import { TempRewriteStore } from './rewrite-store.ts';

/** node:crypto's SHA-256 for whole files (same digests as the core's @noble/hashes, much faster). */
export const nativeSha256 = () => createHash('sha256');

/** The output built in memory: re-read from the very buffer that is written to disk, in one write. */
export function memoryMedium(capacity: number, into: Uint8Array): OutputMedium & { bytes(): Uint8Array } {
  const sink = new BufferSink(capacity, into);
  let cleaned: Uint8Array | undefined;
  return {
    sink,
    bytes: () => cleaned ?? sink.bytes(),
    written: async () => {
      const bytes = sink.bytes();
      return { source: new MemorySource(bytes), sha256: nativeSha256().update(bytes).digest('hex'), bytes: bytes.length };
    },
    // A rewrite by the leak gate (in memory) becomes the output.
    adopt: async (rewritten) => {
      cleaned = await rewritten.source.read(0, rewritten.source.size);
      return { sha256: nativeSha256().update(cleaned).digest('hex'), bytes: cleaned.length };
    },
    discard: async () => {},
  };
}

/** The output streamed into a temporary file `tmp`, hashed as written, re-opened for the re-read check. */
export function tempFileMedium(tmp: string, ctx: Pick<RunContext, 'temps' | 'fsync'>): OutputMedium & { file: TempFileSink } {
  const first = new TempFileSink(tmp, (p) => ctx.temps.add(p), (p) => ctx.temps.delete(p), ctx.fsync === true);
  const hashing = new HashingSink(first, nativeSha256);
  const rewrites = new TempRewriteStore(tmp, ctx.temps, ctx.fsync === true);
  const medium: OutputMedium & { file: TempFileSink } = {
    sink: hashing,
    file: first,
    rewrites,
    written: async () => {
      await medium.file.finish();
      const check = await FileSource.open(tmp);
      return { source: check.source, sha256: hashing.hex(), bytes: medium.file.bytes, close: () => check.handle.close() };
    },
    adopt: async (rewritten) => {
      const kept = (await rewrites.settle(rewritten.sink))!;
      await medium.file.discard();
      medium.file = kept.file;
      return { sha256: kept.sha256, bytes: kept.file.bytes };
    },
    discard: async () => {
      await rewrites.settle(null);
      await medium.file.discard();
    },
  };
  return medium;
}
