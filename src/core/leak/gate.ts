// The leak gate as one call, for the CLI and the app alike: the identifying values of the
// original (candidates.ts), searched in the written output (scan.ts) and in the output's
// relative path (file and folder names are disclosed with the files: PS3.15 E.1 covers
// "all identifying information", not only attributes). Also the digest under which a found
// value is reported: reports and audit logs travel with the outputs, so they never hold the
// value itself, and a plain hash of a birth date or a short ID would be reversed by trying every
// value — the digest is keyed with the project key (HMAC-SHA-256, first 16 hex digits): whoever
// holds the key can confirm a suspected value, nobody else can recover one.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { DicomFile } from '../dicom/reader.ts';
import type { ByteSource } from '../io/byte-source.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { collectIdentifyingValues, type Candidate, type IdentifyingValues } from './candidates.ts';
import { scanForLeaks, type LeakHit, type LeakScan, type ScanOptions } from './scan.ts';

export { collectIdentifyingValues, type Candidate, type IdentifyingValues } from './candidates.ts';
export { scanForLeaks, type LeakHit, type LeakScan, type ScanOptions } from './scan.ts';

/**
 * Values searched in output paths: personal identifiers only ("BRAIN" of a removed description in
 * brain_001.dcm is no leak), name components from 4 characters on (as the outside checker).
 */
const PATH_KINDS = new Set(['name', 'id', 'date', 'uid', 'address', 'phone']);

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLetter = (ch: string | undefined) => ch !== undefined && /[a-z]/i.test(ch);

/**
 * Candidates found in a relative output path ("/" or "\" separated; compared ignoring case,
 * with the same bounds as in the file: a UID whole, a number not inside a longer number).
 */
export function checkPathForLeaks(relativePath: string, values: IdentifyingValues | readonly Candidate[]): LeakHit[] {
  const candidates = Array.isArray(values) ? (values as readonly Candidate[]) : (values as IdentifyingValues).candidates;
  const path = relativePath.replace(/\\/g, '/').toLowerCase();
  const out: LeakHit[] = [];
  for (const c of candidates) {
    if (!PATH_KINDS.has(c.kind) || (c.part && c.value.length < 4 && /^[\x00-\x7f]*$/.test(c.value))) continue;
    const needle = c.value.toLowerCase();
    for (let at = path.indexOf(needle); at >= 0; at = path.indexOf(needle, at + 1)) {
      const b1 = path[at - 1];
      const b2 = path[at - 2];
      const a1 = path[at + needle.length];
      const a2 = path[at + needle.length + 1];
      const dotted = b1 === '.' && isDigit(b2);
      const ok =
        c.match === 'text' ||
        (c.match === 'word' && !isLetter(b1) && !isLetter(a1)) ||
        (c.match === 'num' && !isDigit(b1) && b1 !== '.' && !isDigit(a1)) ||
        (c.match === 'uid' && !isDigit(b1) && !dotted && !isDigit(a1) && !(a1 === '.' && isDigit(a2))) ||
        (c.match === 'date' && !isDigit(b1) && !dotted);
      if (ok) {
        out.push({ value: c.value, source: c.source, kind: c.kind, foundIn: 'output path' });
        break;
      }
    }
  }
  // A name part inside a found whole name is the same finding.
  return out.filter((h) => !out.some((o) => o !== h && o.value.length > h.value.length && o.value.toLowerCase().includes(h.value.toLowerCase())));
}

export interface LeakGateResult extends LeakScan {
  /** Milliseconds spent (candidates, scan and path check). */
  ms: number;
}

/** Run the whole gate on one written output. `outputPath` is relative to the output folder (null: no path check). */
export async function runLeakGate(
  original: DicomFile,
  output: Uint8Array | ByteSource,
  outputPath: string | null,
  options: ProfileOptions,
  scanOptions: ScanOptions = {},
): Promise<LeakGateResult> {
  const t0 = now();
  const values = collectIdentifyingValues(original, options);
  const scan = await scanForLeaks(output, values, scanOptions);
  const leaks = outputPath === null ? scan.leaks : [...scan.leaks, ...checkPathForLeaks(outputPath, values)];
  return { ...scan, leaks, ms: Math.round((now() - t0) * 100) / 100 };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Keyed digest of a found value for reports and logs (see the header). */
export function leakDigest(key: Uint8Array, value: string): string {
  const d = hmac(sha256, key, new TextEncoder().encode(`veil-leak:${value}`));
  let s = '';
  for (let i = 0; i < 8; i++) s += d[i].toString(16).padStart(2, '0');
  return s;
}

/** A finding as reports and audit logs hold it: no value, its keyed digest. */
export interface ReportedLeak {
  valueHash: string;
  kind: string;
  source: string;
  foundIn: string;
}

export const reportedLeaks = (key: Uint8Array, hits: readonly LeakHit[]): ReportedLeak[] =>
  hits.map((h) => ({ valueHash: leakDigest(key, h.value), kind: h.kind, source: h.source, foundIn: h.foundIn }));
