// Node file access for the CLI: a ByteSource over a read-only fs.promises.FileHandle, and a
// ByteSink that writes a temporary file (".<name>.veil-tmp-<random>") which is opened only on
// the first write (so a refused file creates neither a file nor a folder), then either
// discarded or renamed into place atomically by the caller.

import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { ByteSink } from '../core/io/byte-sink.ts';
import type { ByteSource } from '../core/io/byte-source.ts';

export class FileSource implements ByteSource {
  constructor(
    private readonly handle: fsp.FileHandle,
    readonly size: number,
    readonly name?: string,
  ) {}

  /** Open `file` read-only. The caller closes the returned handle. */
  static async open(file: string): Promise<{ source: FileSource; handle: fsp.FileHandle }> {
    const handle = await fsp.open(file, 'r');
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new Error('not a regular file');
      return { source: new FileSource(handle, st.size, path.basename(file)), handle };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const want = Math.max(0, Math.min(length, this.size - start));
    const buf = new Uint8Array(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(buf, got, want - got, start + got);
      if (bytesRead === 0) break; // the file shrank under us
      got += bytesRead;
    }
    return got === want ? buf : buf.subarray(0, got);
  }
}

/** Temporary-file name in `dir` for an output called `name`. */
export const tempPathFor = (dir: string, name: string): string =>
  path.join(dir, `.${name}.veil-tmp-${randomBytes(6).toString('hex')}`);

export const TEMP_MARK = '.veil-tmp-';

export class TempFileSink implements ByteSink {
  private handle: fsp.FileHandle | undefined;
  private opened = false;
  /** The first folder this sink created (to remove again when nothing is kept). */
  private createdDir: string | undefined;
  bytes = 0;

  constructor(
    readonly tempPath: string,
    private readonly onOpen?: (p: string) => void,
    private readonly onGone?: (p: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.opened;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (!this.handle) await this.openNow();
    let at = 0;
    while (at < chunk.length) {
      const { bytesWritten } = await this.handle!.write(chunk, at, chunk.length - at);
      at += bytesWritten;
    }
    this.bytes += chunk.length;
  }

  private async openNow(): Promise<void> {
    const dir = path.dirname(this.tempPath);
    for (let attempt = 0; ; attempt++) {
      const made = await fsp.mkdir(dir, { recursive: true });
      this.createdDir ??= made;
      try {
        this.handle = await fsp.open(this.tempPath, 'wx', 0o644);
        break;
      } catch (err) {
        // Another file's clean-up may have removed an empty folder in between: try again once.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err;
      }
    }
    this.opened = true;
    this.onOpen?.(this.tempPath);
  }

  /** Flush to disk and close; the file stays for the re-read check. */
  async finish(): Promise<void> {
    if (!this.handle) return;
    const h = this.handle;
    this.handle = undefined;
    try {
      await h.datasync();
    } finally {
      await h.close();
    }
  }

  /** Move the finished temporary file to `final` (atomic on one file system). */
  async commit(final: string): Promise<void> {
    await fsp.mkdir(path.dirname(final), { recursive: true });
    await fsp.rename(this.tempPath, final);
    this.onGone?.(this.tempPath);
  }

  /** Delete the temporary file (if any) and the folders this sink created, when empty. */
  async discard(): Promise<void> {
    if (this.handle) {
      await this.handle.close().catch(() => {});
      this.handle = undefined;
    }
    if (!this.opened) return;
    await fsp.rm(this.tempPath, { force: true }).catch(() => {});
    this.onGone?.(this.tempPath);
    if (this.createdDir) {
      let dir = path.dirname(this.tempPath);
      const stop = path.dirname(this.createdDir);
      while (dir.length > stop.length && dir.startsWith(this.createdDir)) {
        try {
          await fsp.rmdir(dir);
        } catch {
          break; // not empty (another file is in it) or already gone
        }
        dir = path.dirname(dir);
      }
    }
  }
}
