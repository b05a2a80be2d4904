// Node file access for the CLI: a ByteSource over a read-only file descriptor, and a ByteSink
// that writes a temporary file (".<name>.veil-tmp-<random>") which is opened only on the first
// write (so a refused file creates neither a file nor a folder), then either discarded or
// renamed into place atomically by the caller.
// The calls are synchronous on purpose: each file runs in a worker thread that has nothing else
// to do meanwhile, and a profile of 1,000 CT slices showed a third of the wall time idle in
// promise-based fs round trips (open, stat, read, write, close each through the thread pool).

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ByteSink } from '../core/io/byte-sink.ts';
import type { ByteSource } from '../core/io/byte-source.ts';
import { guardWrite } from './write-fault.ts';

/** A closeable handle, as the callers use it. */
export interface FileHandleLike {
  close(): Promise<void>;
}

class FdHandle implements FileHandleLike {
  private open = true;
  constructor(readonly fd: number) {}
  close(): Promise<void> {
    if (this.open) {
      this.open = false;
      fs.closeSync(this.fd);
    }
    return Promise.resolve();
  }
}

export class FileSource implements ByteSource {
  constructor(
    private readonly fd: number,
    readonly size: number,
    readonly name?: string,
  ) {}

  /** Open `file` read-only. The caller closes the returned handle. */
  static async open(file: string): Promise<{ source: FileSource; handle: FileHandleLike }> {
    const fd = fs.openSync(file, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) throw new Error('not a regular file');
      return { source: new FileSource(fd, st.size, path.basename(file)), handle: new FdHandle(fd) };
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.readInto(offset, length, undefined));
  }

  /** The whole file into `target` (at least `size` bytes long); returns the bytes read. */
  readAllInto(target: Uint8Array): Uint8Array {
    return this.readInto(0, this.size, target);
  }

  /** One buffer lent to every readTransient() call (bulk copies of a large file: no garbage per slice). */
  private lent: Uint8Array | undefined;

  readTransient(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.readInto(offset, length, 'lent'));
  }

  private readInto(offset: number, length: number, lend: 'lent' | Uint8Array | undefined): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    const want = Math.max(0, Math.min(length, this.size - start));
    let buf: Uint8Array;
    if (lend instanceof Uint8Array) buf = lend.subarray(0, want);
    else if (lend) {
      if (!this.lent || this.lent.length < want) this.lent = new Uint8Array(want);
      buf = this.lent.subarray(0, want);
    } else buf = new Uint8Array(want);
    let got = 0;
    while (got < want) {
      const n = fs.readSync(this.fd, buf, got, want - got, start + got);
      if (n === 0) break; // the file shrank under us
      got += n;
    }
    return got === want ? buf : buf.subarray(0, got);
  }
}

/** Random per thread, then counted: unique names without asking the system for randomness per file. */
const tempStem = randomBytes(6).toString('hex');
let tempCount = 0;

/** Temporary-file name in `dir` for an output called `name`. */
export const tempPathFor = (dir: string, name: string): string =>
  path.join(dir, `.${name}.veil-tmp-${tempStem}${(tempCount++).toString(36)}`);

/**
 * Buffers lent to one file at a time (a thread runs one file at a time): the whole input and the
 * output built in memory, reused from file to file instead of allocated (and zeroed) per file.
 */
export class ReusableBuffer {
  private buf: Uint8Array | undefined;
  private busy = false;
  /** A buffer of at least `n` bytes; give it back with release(). A second borrower gets a fresh one. */
  borrow(n: number): { bytes: Uint8Array; release: () => void } {
    if (this.busy) return { bytes: new Uint8Array(n), release: () => {} };
    if (!this.buf || this.buf.length < n) this.buf = new Uint8Array(Math.max(n, Math.ceil((this.buf?.length ?? 0) * 1.25)));
    this.busy = true;
    return { bytes: this.buf, release: () => { this.busy = false; } };
  }
}

export const TEMP_MARK = '.veil-tmp-';

/** Folders known to exist in this thread, so a batch does not stat the same folder 1,000 times. */
const knownDirs = new Set<string>();

function ensureDir(dir: string): string | undefined {
  if (knownDirs.has(dir)) return undefined;
  const made = fs.mkdirSync(dir, { recursive: true });
  knownDirs.add(dir);
  return made;
}

/** Rename a finished temporary file to `final` (atomic on one file system), making its folder. */
export function renameIntoPlace(temp: string, final: string): void {
  guardWrite('the output', final, () => {
    ensureDir(path.dirname(final));
    fs.renameSync(temp, final);
  });
}

/** Delete a finished temporary file that is not kept, and the folders up to `stopAt` it leaves empty. */
export function removeTemp(temp: string, stopAt: string): void {
  fs.rmSync(temp, { force: true });
  for (let dir = path.dirname(temp); dir.length > stopAt.length && dir.startsWith(stopAt); dir = path.dirname(dir)) {
    try {
      fs.rmdirSync(dir);
      knownDirs.delete(dir);
    } catch {
      break; // not empty (another file is in it) or already gone
    }
  }
}

export class TempFileSink implements ByteSink {
  private fd: number | undefined;
  private opened = false;
  /** The first folder this sink created (to remove again when nothing is kept). */
  private createdDir: string | undefined;
  bytes = 0;

  constructor(
    readonly tempPath: string,
    private readonly onOpen?: (p: string) => void,
    private readonly onGone?: (p: string) => void,
    /** Flush each output to disk before it is renamed into place (`--fsync`). */
    private readonly fsync = false,
  ) {}

  get isOpen(): boolean {
    return this.opened;
  }

  /** A failed write throws a WriteFault (disk full, read-only…): the caller discards the temporary file. */
  write(chunk: Uint8Array): Promise<void> {
    guardWrite('an output in', path.dirname(this.tempPath), () => {
      if (this.fd === undefined) this.openNow();
      let at = 0;
      while (at < chunk.length) at += fs.writeSync(this.fd!, chunk, at, chunk.length - at);
    });
    this.bytes += chunk.length;
    return Promise.resolve();
  }

  private openNow(): void {
    const dir = path.dirname(this.tempPath);
    for (let attempt = 0; ; attempt++) {
      const made = ensureDir(dir);
      this.createdDir ??= made;
      try {
        this.fd = fs.openSync(this.tempPath, 'wx', 0o644);
        break;
      } catch (err) {
        // Another file's clean-up may have removed an empty folder in between: try again once.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw err;
        knownDirs.delete(dir);
      }
    }
    this.opened = true;
    this.onOpen?.(this.tempPath);
  }

  /** Close (after flushing to disk with --fsync); the file stays for the re-read check. */
  async finish(): Promise<void> {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    guardWrite('an output in', path.dirname(this.tempPath), () => {
      try {
        if (this.fsync) fs.fdatasyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
  }

  /** Move the finished temporary file to `final` (atomic on one file system). */
  async commit(final: string): Promise<void> {
    renameIntoPlace(this.tempPath, final);
    this.onGone?.(this.tempPath);
  }

  /** Delete the temporary file (if any) and the folders this sink created, when empty. */
  async discard(): Promise<void> {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    if (!this.opened) return;
    fs.rmSync(this.tempPath, { force: true });
    this.onGone?.(this.tempPath);
    if (this.createdDir) {
      let dir = path.dirname(this.tempPath);
      const stop = path.dirname(this.createdDir);
      while (dir.length > stop.length && dir.startsWith(this.createdDir)) {
        try {
          fs.rmdirSync(dir);
          knownDirs.delete(dir);
        } catch {
          break; // not empty (another file is in it) or already gone
        }
        dir = path.dirname(dir);
      }
    }
  }
}
