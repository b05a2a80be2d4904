// Opens a ZIP archive in the browser with zip.js (streaming reader, ZIP64, native
// DecompressionStream): every file entry becomes a Blob named "<archive>/<entry path>".
// Nested archives are opened once more; folders and macOS resource forks are skipped.
// Limits (src/archive/zip-limits.ts): entry names with "..", absolute paths or drive letters, and
// entries whose declared ratio is that of a bomb, are listed as refused and never extracted;
// the entry count and declared total are checked before anything is extracted, and the bytes
// actually inflated are counted while extracting. Past a limit the whole archive is refused
// (ZipLimitError): nothing from it is loaded.

import { msg } from '../core/messages/message.ts';
import { BlobReader, ZipReader, configure, type Entry } from '@zip.js/zip.js';
import { notice } from '../core/messages/notice.ts';
import { DEFAULT_ZIP_LIMITS, entryRatioProblem, unsafeEntryName, ZipBudget, ZipLimitError, type ZipLimits } from '../archive/zip-limits.ts';
import { hasZipSignature } from '../archive/zip-signature.ts';
import type { Incoming } from './actions.ts';

// Native (De)CompressionStream on the calling thread; no zip.js web workers or WASM needed.
configure({ useWebWorkers: false, useCompressionStream: true });

export { ZipLimitError } from '../archive/zip-limits.ts';

export const isZipName = (name: string): boolean => /\.zip$/i.test(name);

export const looksLikeZip = hasZipSignature;

const ignored = (name: string): boolean => /(^|\/)__MACOSX\//.test(name) || /(^|\/)\.DS_Store$/.test(name);

/** A WritableStream that gathers an entry into Blob parts, counting every byte against the budget. */
function countingSink(budget: ZipBudget, declared: number): { stream: WritableStream<Uint8Array>; blob: () => Blob } {
  const parts: Blob[] = [];
  let written = 0;
  const stream = new WritableStream<Uint8Array>({
    write(chunk) {
      budget.take(chunk.length, written, declared);
      written += chunk.length;
      parts.push(new Blob([chunk.slice() as Uint8Array<ArrayBuffer>]));
    },
  });
  return { stream, blob: () => new Blob(parts) };
}

/** zip.js's own checks of the same limits, in the same words as ours. */
function limitError(err: unknown, declared: number): unknown {
  const cause = err instanceof Error && err.cause instanceof ZipLimitError ? err.cause : err;
  if (cause instanceof ZipLimitError) return cause;
  const message = (err as Error).message ?? '';
  if (/overlap/i.test(message)) return new ZipLimitError(notice('zipOverlap'));
  if (/invalid uncompressed size/i.test(message)) return new ZipLimitError(notice('zipInvalidSize', { n: declared }));
  return err;
}

export async function openZip(name: string, blob: Blob, depth = 0, budget = new ZipBudget(DEFAULT_ZIP_LIMITS)): Promise<Incoming[]> {
  // Overlapping entries (one compressed stream shared by many entries) are a ZIP bomb's trick.
  // Unsafe names are let through zip.js ('tolerant') so they can be listed as refused here.
  const reader = new ZipReader(new BlobReader(blob), { checkOverlappingEntry: true, filenameValidation: 'tolerant' });
  const out: Incoming[] = [];
  try {
    // The central directory first: names, count and declared sizes, before any extraction.
    const entries: Entry[] = [];
    for await (const entry of reader.getEntriesGenerator()) {
      entries.push(entry);
      if (entries.length > budget.limits.maxEntries) break;
    }
    budget.declare(entries);
    for (const entry of entries) {
      if (entry.directory || ignored(entry.filename)) continue;
      const innerName = `${name}/${entry.filename}`;
      const refused = unsafeEntryName(entry.filename) ?? entryRatioProblem(entry, budget.limits);
      if (refused) {
        out.push({ name: innerName, blob: new Blob([]), refused: msg('zip-entry-refused', { why: refused }) });
        continue;
      }
      const sink = countingSink(budget, entry.uncompressedSize);
      try {
        await entry.getData(sink.stream);
      } catch (err) {
        throw limitError(err, entry.uncompressedSize);
      }
      const inner = sink.blob();
      if (depth < 1 && isZipName(entry.filename)) out.push(...(await openZip(innerName, inner, depth + 1, budget)));
      else out.push({ name: innerName, blob: inner });
    }
  } finally {
    await reader.close();
  }
  return out;
}

/** Limits for tests and callers that need others than the defaults. */
export const zipBudget = (limits: Partial<ZipLimits> = {}): ZipBudget => new ZipBudget({ ...DEFAULT_ZIP_LIMITS, ...limits });
