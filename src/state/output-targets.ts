// Where an export goes. A ZIP is framed here (src/archive/stored-zip.ts: entries stored, not
// compressed) into a WritableStream: a file the operator picks (File System Access API, streamed
// to disk), or a download. The CRC-32 of each DICOM output comes from the pool's workers, so the
// main thread only writes headers and hands the workers' buffers on; it never touches the bytes.
// The download stream collects the archive as a Blob made of ~4 MiB Blob parts (Chromium pages
// large blob data to disk) and hands it to the browser at the end. A folder target writes the
// files themselves, each through its own swap file (createWritable), so a failed write (disk full,
// permission taken away) leaves no partial file: the swap is aborted and a file this export had
// just created is removed again. A failure is a Message (writeFailure): what happened, where, what was left.

import type { Message } from '../core/messages/message.ts';
import { MessageError, notice } from '../core/messages/notice.ts';
import type { NoticeName } from '../core/messages/notice-codes.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { saveDownload } from './save-download.ts';
import { crc32 } from '../archive/crc32.ts';
import { StoredZipLayout } from '../archive/stored-zip.ts';

export interface OutputTarget {
  readonly label: string;
  /** For the audit log: an archive or a folder (never its name). */
  readonly kind: 'zip' | 'folder';
  /** What a cancelled export leaves behind, in words. */
  readonly onCancel: Message;
  /** Write one file; `crc` is its CRC-32 when already known (computed by a worker). */
  add(path: string, bytes: Uint8Array | string, crc?: number | null): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export const canPickFile = (): boolean => typeof window.showSaveFilePicker === 'function';
export const canPickFolder = (): boolean => typeof window.showDirectoryPicker === 'function';

export class ZipTarget implements OutputTarget {
  readonly kind = 'zip';
  readonly onCancel = notice('archiveDiscarded');
  private readonly out: WritableStreamDefaultWriter<Uint8Array>;
  private readonly layout: StoredZipLayout;
  constructor(readonly label: string, stream: WritableStream<Uint8Array>, modified: Date = new Date()) {
    // Our own writer, so a cancel can abort it (an aborted File System Access stream leaves the
    // chosen file untouched).
    this.out = stream.getWriter();
    this.layout = new StoredZipLayout(modified);
  }
  async add(path: string, bytes: Uint8Array | string, crc?: number | null): Promise<void> {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const header = this.layout.entry(path, data.length, crc ?? (await crc32(data)));
    try {
      await Promise.all([this.out.write(header), this.out.write(data)]);
    } catch (err) {
      throw writeFailure(err, notice('writeIntoArchive', { path }), notice('writeArchiveLeft'));
    }
  }
  async close(): Promise<void> {
    try {
      await this.out.write(this.layout.finish());
      await this.out.close();
    } catch (err) {
      throw writeFailure(err, notice('writeArchiveEnd'), notice('writeArchiveLeft'));
    }
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
      // Not copied: the ZIP target hands over buffers nobody writes to again.
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= PART) seal();
    },
    close() {
      seal();
      saveDownload(new Blob(parts, { type: 'application/zip' }), filename);
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

const FAILURE_WORDS: Record<string, NoticeName> = {
  QuotaExceededError: 'writeQuota',
  NotAllowedError: 'writeNotAllowed',
  NoModificationAllowedError: 'writeReadOnly',
  InvalidModificationError: 'writeReadOnly',
  InvalidStateError: 'writeChanged',
  NotFoundError: 'writeMoved',
  TypeMismatchError: 'writeTypeMismatch',
  SecurityError: 'writeSecurity',
};

/** A failed write as a MessageError: what happened (by the DOMException's name), where, and what was left. */
export function writeFailure(err: unknown, where: string | Message, left: Message): MessageError {
  const name = err instanceof Error ? err.name : '';
  const known = FAILURE_WORDS[name];
  const what = known ? notice(known) : name ? notice('writeOther', { name }) : notice('writeUnknown');
  const problem = notice('writeFailure', { what, where, left });
  return new MessageError(problem, inEnglish(problem));
}

export class FolderTarget implements OutputTarget {
  readonly kind = 'folder';
  readonly onCancel = notice('folderKept');
  private readonly written: string[] = [];
  constructor(readonly label: string, private readonly root: FileSystemDirectoryHandle) {}
  async add(path: string, bytes: Uint8Array | string): Promise<void> {
    const parts = path.split('/');
    const name = parts[parts.length - 1];
    let dir = this.root;
    let created = false;
    let w: FileSystemWritableFileStream | undefined;
    try {
      for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
      created = !(await dir.getFileHandle(name).then(() => true, () => false));
      const fh = await dir.getFileHandle(name, { create: true });
      w = await fh.createWritable();
      await w.write(typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>));
      await w.close();
    } catch (err) {
      await w?.abort().catch(() => {});
      if (created) await dir.removeEntry(name).catch(() => {});
      throw writeFailure(err, path, notice('writeFolderLeft', { count: this.written.length }));
    }
    this.written.push(path);
  }
  async close(): Promise<void> {}
  async abort(): Promise<void> {
    // Files already written stay: they are complete and verified; the report was not written.
  }
}

export async function pickFolderTarget(): Promise<OutputTarget> {
  const dir = await window.showDirectoryPicker!({ mode: 'readwrite' });
  return new FolderTarget(dir.name, dir);
}
