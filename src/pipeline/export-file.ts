// One file of an export, in a worker: the app's adapter of the per-file contract
// (src/core/deid/file-contract.ts: de-identify, re-read check, leak gate on the bytes and on the
// output's name inside the archive). Here: WebCrypto SHA-256 for the input and the output, an
// in-memory output medium, and the CRC-32 of the output for its ZIP entry (off the main thread).
// A flagged file's bytes still come back (the operator may release it) with the findings as
// keyed digests — a found value never leaves the worker.

import type { SessionState } from '../core/deid/file-rules.ts';
import type { ActionCounts } from '../core/deid/plan.ts';
import { describeError, type ProcessOptions } from '../core/deid/process-file.ts';
import { emptyOutcome, processFile, type FileStatus } from '../core/deid/file-contract.ts';
import type { FrameCodecs } from '../core/pixels/frame-codec.ts';
import type { RedactionBox } from '../core/pixels/redaction-box.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';
import { BufferSink } from '../core/io/byte-sink.ts';
import type { ReportedLeak } from '../core/leak/gate.ts';
import type { Message } from '../core/messages/message.ts';
import { crc32 } from '../archive/crc32.ts';
import { sha256OfBytes, sha256OfInput } from './native-sha256.ts';
import type { DirectoryEntry } from '../core/media/directory-entry.ts';

export interface ExportedFile {
  status: FileStatus;
  /** Why the file was refused, skipped or flagged. */
  error: Message | null;
  warnings: Message[];
  counts: ActionCounts;
  /** SHA-256 of the input ('' when it could not be read). */
  sha256: string;
  bytesIn: number;
  /** The verified output, when status is ok or flagged. */
  bytes: Uint8Array | null;
  ids: { patientID: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string } | null;
  /** The output's path inside the archive (outputPath of ids), when there is an output. */
  path: string | null;
  /** SHA-256 of the output bytes, when there is an output. */
  outputSha256: string | null;
  /** CRC-32 of the output bytes (for the ZIP entry, computed here off the main thread), when there is an output. */
  crc32?: number | null;
  /** Leak gate findings (status flagged): attribute, where found, keyed digest; never the value. */
  leaks: ReportedLeak[];
  /** Milliseconds the leak gate took (0 when it did not run). */
  gateMs: number;
  uids: [string, string][];
  patientIds: [string, string][];
  /** Export "For CD/USB": the output's DICOMDIR entry (its path is then its PS3.10 file ID). */
  directoryEntry?: DirectoryEntry;
}

export const sha256Hex = (source: ByteSource): Promise<string> => sha256OfInput(source);

/** Room for what de-identification adds to a file (attributes, longer values) beyond the input's size. */
const OUTPUT_SLACK = 16 * 1024;

/** What the export knows of one image's pixels: the boxes that apply to it and who vouches for them (src/core/deid/pixel-claim.ts). */
export interface PixelReview {
  boxes: RedactionBox[];
  /** Reviewed and confirmed free of burned-in text (113101 + BurnedInAnnotation NO without boxes). */
  confirmedClean?: boolean;
  /** Marked "redacted" in review after looking at it, or its boxes come from a device template in use. */
  boxesReviewed?: boolean;
  /** A review candidate (likely to carry burned-in text): unreviewed boxes leave Burned In Annotation YES. */
  burnedInCandidate?: boolean;
}

/** Pixel redaction for one file: its review, and codecs for compressed images. */
export interface FileRedaction extends PixelReview {
  codecs?: FrameCodecs;
}

/** The contract's options for a file's redaction: its boxes and who vouches for them (pixel-claim.ts). */
export function redactionOptions(redaction?: FileRedaction): ProcessOptions {
  const opts: ProcessOptions = redaction && redaction.boxes.length ? { redactionBoxes: redaction.boxes, codecs: redaction.codecs } : {};
  if (redaction?.confirmedClean) opts.confirmedClean = true;
  if (redaction?.boxesReviewed) opts.boxesReviewed = true;
  if (redaction?.burnedInCandidate) opts.burnedInCandidate = true;
  return opts;
}

/**
 * `media`: the export "For CD/USB": the output is named with its PS3.10 file ID (the contract's
 * naming 'media') and comes back with its DICOMDIR entry, whose records went through the leak gate too.
 */
export async function exportFile(source: ByteSource, session: SessionState, redaction?: FileRedaction, media = false): Promise<ExportedFile> {
  let output: Uint8Array | undefined;
  const o = await processFile({
    source, session, options: redactionOptions(redaction), inputSha256: () => sha256Hex(source), ...(media ? { naming: 'media' as const } : {}),
    medium: () => {
      // One buffer of about the input's size: each chunk copied once, no gathering copy at the end
      // (the output is about as large as the input; the buffer grows if it is not).
      const s = new BufferSink(source.size + OUTPUT_SLACK);
      return {
        sink: s,
        written: async () => {
          output = s.bytes();
          return { source: new MemorySource(output), sha256: await sha256OfBytes(output), bytes: output.length };
        },
        // The leak gate cleaned a value and rewrote the output (in memory): that is the output now.
        adopt: async (rewritten) => {
          output = await rewritten.source.read(0, rewritten.source.size);
          return { sha256: await sha256OfBytes(output), bytes: output.length };
        },
        discard: async () => {
          output = undefined;
        },
      };
    },
  }).catch(async (err) => ({ ...emptyOutcome('refused', describeError(err)), inputSha256: await sha256Hex(source).catch(() => null), bytesIn: source.size }));
  const bytes = (o.status === 'ok' || o.status === 'flagged') && output ? output : null;
  return {
    status: o.status, error: o.reason, warnings: o.warnings, counts: o.counts, sha256: o.inputSha256 ?? '', bytesIn: o.bytesIn, bytes,
    ids: o.ids && { patientID: o.ids.patientID, studyInstanceUID: o.ids.studyInstanceUID, seriesInstanceUID: o.ids.seriesInstanceUID, sopInstanceUID: o.ids.sopInstanceUID },
    path: bytes ? o.name : null, outputSha256: bytes ? o.outputSha256 : null, crc32: bytes ? await crc32(bytes) : null,
    leaks: o.leaks, gateMs: o.gateMs, uids: o.uids, patientIds: o.patientIds, ...(bytes && o.directoryEntry ? { directoryEntry: o.directoryEntry } : {}),
  };
}
