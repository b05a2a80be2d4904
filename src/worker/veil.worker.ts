// The app's worker: a thin comlink adapter over core (through src/pipeline). Each worker of the
// pool holds its own SessionState built from the same key, options and mapping. Files arrive as
// Blobs (structured clone, no copy); outputs go back as transferred ArrayBuffers.

import { expose, transfer } from 'comlink';
import type { SessionState } from '../core/deid/file-rules.ts';
import { transcodeToExplicitLe } from '../core/dicom/transcode-to-explicit-le.ts';
import { browserFrameCodecs } from '../codecs/browser-loader.ts';
import type { FrameCodecs } from '../core/pixels/frame-codec.ts';
import type { RedactionBox } from '../core/pixels/redaction-box.ts';
import { exportFile, type ExportedFile, type PixelReview } from '../pipeline/export-file.ts';
import { openSource } from '../pipeline/open-source.ts';
import { planInstance, type InstancePlan } from '../pipeline/plan-instance.ts';
import { scanFile, type ScanResult } from '../pipeline/scan-file.ts';
import { makeSession, type SessionInit } from '../pipeline/session.ts';
import { ultrasoundRegionBoxes } from '../pipeline/us-regions.ts';
import { hasZipSignature } from '../archive/zip-signature.ts';
import { MessageError, notice } from '../core/messages/notice.ts';
import { installMessageErrorTransfer } from './comlink-errors.ts';

installMessageErrorTransfer();

let session: SessionState | undefined;
let codecs: FrameCodecs | undefined;

function current(): SessionState {
  if (!session) throw new MessageError(notice('workerNoSession'));
  return session;
}

const api = {
  configure(init: SessionInit): void {
    session = makeSession(init);
  },
  async scan(blobs: Blob[]): Promise<ScanResult[]> {
    const out: ScanResult[] = [];
    for (const b of blobs) out.push(await scanFile(await openSource(b), current()));
    return out;
  },
  /** Which of the inputs start like a ZIP archive (checked here, off the main thread). */
  zipSignatures(blobs: Blob[]): Promise<boolean[]> {
    return Promise.all(blobs.map((b) => hasZipSignature(b).catch(() => false)));
  },
  async plan(blob: Blob): Promise<InstancePlan> {
    return planInstance(await openSource(blob), current());
  },
  async viewCopy(blob: Blob): Promise<Uint8Array | null> {
    const bytes = await transcodeToExplicitLe(await openSource(blob));
    return bytes ? transfer(bytes, [bytes.buffer as ArrayBuffer]) : null;
  },
  async usRegionBoxes(blob: Blob): Promise<RedactionBox[]> {
    return ultrasoundRegionBoxes(await openSource(blob));
  },
  async exportFile(blob: Blob, pixels?: PixelReview, media?: boolean): Promise<ExportedFile> {
    const redaction = pixels?.boxes.length ? { ...pixels, codecs: (codecs ??= browserFrameCodecs()) } : pixels;
    const r = await exportFile(await openSource(blob), current(), redaction, media === true);
    return r.bytes ? transfer(r, [r.bytes.buffer as ArrayBuffer]) : r;
  },
};

export type VeilWorkerApi = typeof api;

expose(api);
