// Limits for ZIP archives opened in the browser (zip bombs and path tricks). Entry names are
// checked before anything is extracted: "..", absolute paths and drive letters are refused.
// Declared sizes are checked before extraction (entry count, total uncompressed size, ratio of
// each entry), and the bytes actually inflated are counted during it, since a bomb's headers
// lie: an entry that inflates to more than it declares, or a total past the limit, is stopped.
// Pure: src/state/open-zip.ts applies it to zip.js entries.

import { msg, type Message } from '../core/messages/message.ts';
import { MessageError, notice } from '../core/messages/notice.ts';
import { inEnglish } from '../i18n/render-code.ts';

export interface ZipLimits {
  /** Total uncompressed bytes of one archive (nested archives count into it). */
  maxTotalBytes: number;
  /** Entries of one archive (nested archives count into it). */
  maxEntries: number;
  /**
   * Largest uncompressed : compressed ratio of an entry of at least `ratioFromBytes`. Deflate
   * cannot do better than about 1032 : 1, so a higher declared ratio is a lie.
   */
  maxRatio: number;
  ratioFromBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 1000,
  ratioFromBytes: 1024 * 1024,
};

/** An archive past a limit: its `problem` says which, as a notice (notice.zip*). */
export class ZipLimitError extends MessageError {
  override name = 'ZipLimitError';
  constructor(problem: Message) {
    super(problem, inEnglish(problem));
  }
}


const GiB = 1024 ** 3;
const size = (n: number): string => (n >= GiB ? `${(n / GiB).toFixed(n % GiB ? 1 : 0)} GiB` : n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${n} bytes`);

/** Why an entry name may not be extracted (a Message), or null when it is safe. */
export function unsafeEntryName(name: string): Message | null {
  if (name.includes('\0')) return msg('zip-name-nul');
  if (/^[A-Za-z]:/.test(name)) return msg('zip-name-drive');
  if (name.startsWith('/') || name.startsWith('\\')) return msg('zip-name-absolute');
  if (name.split(/[\\/]/).includes('..')) return msg('zip-name-dotdot');
  return null;
}

export interface DeclaredEntry {
  filename: string;
  directory: boolean;
  uncompressedSize: number;
  compressedSize: number;
}

/** Why one entry's declared sizes refuse it (ratio), or null. */
export function entryRatioProblem(e: DeclaredEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Message | null {
  if (e.directory || e.uncompressedSize < limits.ratioFromBytes) return null;
  const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
  if (ratio <= limits.maxRatio) return null;
  return msg('zip-entry-ratio', { big: size(e.uncompressedSize), small: size(e.compressedSize), ratio: limits.maxRatio });
}

/**
 * Counts entries and bytes across an archive (and the archives nested in it). `declare` is
 * called with every entry's declared size before anything is extracted, `take` with every
 * inflated chunk; both throw ZipLimitError past a limit.
 */
export class ZipBudget {
  entries = 0;
  declaredBytes = 0;
  actualBytes = 0;
  constructor(readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS) {}

  declare(entries: readonly DeclaredEntry[]): void {
    const files = entries.filter((e) => !e.directory);
    this.entries += files.length;
    if (this.entries > this.limits.maxEntries) {
      throw new ZipLimitError(notice('zipEntries', { n: this.limits.maxEntries.toLocaleString('en') }));
    }
    for (const e of files) this.declaredBytes += Math.max(0, e.uncompressedSize);
    if (this.declaredBytes > this.limits.maxTotalBytes) {
      throw new ZipLimitError(notice('zipDeclared', { size: size(this.declaredBytes), limit: size(this.limits.maxTotalBytes) }));
    }
  }

  /** Count `n` inflated bytes of an entry that has produced `entrySoFar` bytes before them. */
  take(n: number, entrySoFar: number, declared: number): void {
    if (entrySoFar + n > declared) throw new ZipLimitError(notice('zipLies', { size: size(declared) }));
    this.actualBytes += n;
    if (this.actualBytes > this.limits.maxTotalBytes) throw new ZipLimitError(notice('zipTotal', { limit: size(this.limits.maxTotalBytes) }));
  }
}
