// Where an export goes. A ZIP is written by zip.js's ZipWriter into a WritableStream: a file the
// operator picks (File System Access API, streamed to disk), or a download. The download stream
// collects the archive as a Blob made of ~4 MiB Blob parts (Chromium pages large blob data to
// disk) and hands it to the browser at the end. A folder target writes the files themselves.

import { TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';

export interface OutputTarget {
  readonly label: string;
  /** For the audit log: an archive or a folder (never its name). */
  readonly kind: 'zip' | 'folder';
  /** What a cancelled export leaves behind, in words. */
  readonly onCancel: string;
  add(path: string, bytes: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export const canPickFile = (): boolean => typeof window.showSaveFilePicker === 'function';
export const canPickFolder = (): boolean => typeof window.showDirectoryPicker === 'function';

export class ZipTarget implements OutputTarget {
  readonly kind = 'zip';
  readonly onCancel = 'the archive was discarded';
  private readonly zip: ZipWriter<unknown>;
  private readonly out: WritableStreamDefaultWriter<Uint8Array>;
  constructor(readonly label: string, stream: WritableStream<Uint8Array>) {
    // zip.js locks the stream it writes to; keep our own writer so a cancel can abort it
    // (an aborted File System Access stream leaves the chosen file untouched).
    this.out = stream.getWriter();
    const proxy = new WritableStream<Uint8Array>({
      write: (chunk) => this.out.write(chunk),
      close: () => this.out.close(),
      abort: (reason) => this.out.abort(reason),
    });
    // Level 1: fast; uncompressed pixel data still shrinks, compressed pixel data is left as is.
    this.zip = new ZipWriter(proxy, { level: 1, keepOrder: true });
  }
  async add(path: string, bytes: Uint8Array | string): Promise<void> {
    await this.zip.add(path, typeof bytes === 'string' ? new TextReader(bytes) : new Uint8ArrayReader(bytes));
  }
  async close(): Promise<void> {
    await this.zip.close();
  }
  async abort(): Promise<void> {
    await this.out.abort('cancelled').catch(() => {});
  }
}

const PART = 4 * 1024 * 1024;

/** A WritableStream that gathers chunks into Blob parts and downloads the result on close. */
function downloadStream(filename: string): WritableStream<Uint8Array> {
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const seal = () => {
    if (pendingBytes === 0) return;
    parts.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
    pending = [];
    pendingBytes = 0;
  };
  return new WritableStream<Uint8Array>({
    write(chunk) {
      pending.push(chunk.slice());
      pendingBytes += chunk.length;
      if (pendingBytes >= PART) seal();
    },
    close() {
      seal();
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort() {
      parts.length = 0;
      pending = [];
    },
  });
}

export function downloadTarget(filename: string): OutputTarget {
  return new ZipTarget(`download ${filename}`, downloadStream(filename));
}

export async function pickFileTarget(suggestedName: string): Promise<OutputTarget> {
  const handle = await window.showSaveFilePicker!({ suggestedName, types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }] });
  const writable = await handle.createWritable();
  return new ZipTarget(handle.name, writable as unknown as WritableStream<Uint8Array>);
}

class FolderTarget implements OutputTarget {
  readonly kind = 'folder';
  readonly onCancel = 'the files written so far stay in the folder (each complete and verified), without the mapping CSVs and report';
  private readonly written: string[] = [];
  constructor(readonly label: string, private readonly root: FileSystemDirectoryHandle) {}
  async add(path: string, bytes: Uint8Array | string): Promise<void> {
    const parts = path.split('/');
    let dir = this.root;
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
    const fh = await dir.getFileHandle(parts[parts.length - 1], { create: true });
    const w = await fh.createWritable();
    await w.write(typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>));
    await w.close();
    this.written.push(path);
  }
  async close(): Promise<void> {}
  async abort(): Promise<void> {
    // Files already written stay: they are complete and verified; the report was not written.
  }
}

export async function pickFolderTarget(): Promise<OutputTarget> {
  const dir = await window.showDirectoryPicker!({ mode: 'readwrite' });
  return new FolderTarget(`folder ${dir.name}`, dir);
}
