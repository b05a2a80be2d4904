// The app's "Write to folder…" and "Save ZIP to…" when the disk fails under them: the error says
// in words what happened and where, and no partial file is left (the swap file of createWritable
// is aborted; a file the export had just created is removed again).
import { describe, expect, it } from 'vitest';
import { FolderTarget, ZipTarget } from '../../src/state/output-targets.ts';

/** An in-memory directory handle whose writes fail once `budget` bytes are used, like a full disk. */
class FakeDir {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Map<string, FakeDir>();
  constructor(private readonly disk: { budget: number }) {}
  async getDirectoryHandle(name: string, o?: { create?: boolean }) {
    let d = this.dirs.get(name);
    if (!d && o?.create) this.dirs.set(name, (d = new FakeDir(this.disk)));
    if (!d) throw new DOMException('no such folder', 'NotFoundError');
    return d;
  }
  async getFileHandle(name: string, o?: { create?: boolean }) {
    if (!this.files.has(name)) {
      if (!o?.create) throw new DOMException('no such file', 'NotFoundError');
      this.files.set(name, new Uint8Array(0));
    }
    const files = this.files;
    const disk = this.disk;
    return {
      async createWritable() {
        let swap: Uint8Array = new Uint8Array(0);
        return {
          async write(data: Uint8Array | string) {
            const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
            if (bytes.length > disk.budget) throw new DOMException('quota', 'QuotaExceededError');
            disk.budget -= bytes.length;
            swap = bytes;
          },
          async close() {
            files.set(name, swap);
          },
          async abort() {},
        };
      },
    };
  }
  async removeEntry(name: string) {
    this.files.delete(name);
  }
}

describe('export targets on a failing disk', () => {
  it('Write to folder: a full disk is said in words and leaves no empty or partial file', async () => {
    const root = new FakeDir({ budget: 150 });
    const t = new FolderTarget('folder x', root as unknown as FileSystemDirectoryHandle);
    await t.add('P/S/a.dcm', new Uint8Array(100));
    const err = await t.add('P/S/b.dcm', new Uint8Array(100)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('the disk is full (or the browser\'s storage quota is used up) while writing P/S/b.dcm; the 1 file written before it are complete and verified; nothing partial was left');
    const s = root.dirs.get('P')!.dirs.get('S')!;
    expect([...s.files.keys()]).toEqual(['a.dcm']);
    expect(s.files.get('a.dcm')!.length).toBe(100);
  });

  it('Save ZIP to: a failing stream is said in words; the archive is discarded', async () => {
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    });
    const t = new ZipTarget('file.zip', stream);
    const err = await t.add('a.dcm', new Uint8Array(10), 0).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^the disk is full .* while writing a\.dcm into the archive; the archive was discarded/);
    await t.abort();
  });
});
