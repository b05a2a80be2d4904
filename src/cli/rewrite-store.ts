// Where the leak gate (core/leak/clean.ts) rewrites a streamed output it cleaned: a temporary
// file beside the first one (`<temp>-clean<n>`, reported to the pool like any temporary file so a
// dying thread leaves none), hashed (SHA-256) as it is written; read back through a FileSource,
// so memory stays flat in file size. `settle` keeps the last rewrite and removes the others.

import { createHash } from 'node:crypto';
import { HashingSink } from '../core/audit/hashing.ts';
import type { ByteSink } from '../core/io/byte-sink.ts';
import type { ByteSource } from '../core/io/byte-source.ts';
import type { OutputStore } from '../core/leak/clean.ts';
import { FileSource, TempFileSink } from './file-source.ts';

interface Rewrite {
  file: TempFileSink;
  hashing: HashingSink;
}

export class TempRewriteStore implements OutputStore {
  private readonly made: Rewrite[] = [];
  private readonly handles: Awaited<ReturnType<typeof FileSource.open>>['handle'][] = [];

  constructor(
    private readonly base: string,
    private readonly temps: Set<string>,
    private readonly fsync: boolean,
  ) {}

  create(): Promise<ByteSink> {
    const file = new TempFileSink(`${this.base}-clean${this.made.length + 1}`, (p) => this.temps.add(p), (p) => this.temps.delete(p), this.fsync);
    const hashing = new HashingSink(file, () => createHash('sha256'));
    this.made.push({ file, hashing });
    return Promise.resolve(hashing);
  }

  async open(sink: ByteSink): Promise<ByteSource> {
    const r = this.made.find((m) => m.hashing === sink);
    if (!r) throw new Error('not a rewrite of this store');
    await r.file.finish();
    const opened = await FileSource.open(r.file.tempPath);
    this.handles.push(opened.handle);
    return opened.source;
  }

  /** Close what was read; keep the rewrite written to `kept` (with its digest), discard the others. */
  async settle(kept: ByteSink | null): Promise<{ file: TempFileSink; sha256: string } | null> {
    for (const h of this.handles.splice(0)) await h.close().catch(() => {});
    let out: { file: TempFileSink; sha256: string } | null = null;
    for (const m of this.made.splice(0)) {
      if (m.hashing === kept) out = { file: m.file, sha256: m.hashing.hex() };
      else await m.file.discard();
    }
    return out;
  }
}
