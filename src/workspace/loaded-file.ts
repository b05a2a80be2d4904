// One file the operator loaded: where it came from (shown in the tree only, never written into
// an output), its bytes (a File or a Blob from an opened ZIP), and what the worker found.

import type { Message } from '../core/messages/message.ts';
import type { ScanResult } from '../pipeline/scan-file.ts';

export interface LoadedFile {
  /** Load order, 0-based; the report labels a file "#<id + 1>". */
  id: number;
  /** Relative path as loaded (folder/file, archive.zip/inner/path), for the operator's eyes only. */
  name: string;
  size: number;
  blob: Blob;
  /** Refused before reading (e.g. a ZIP entry named "../x"): never extracted, never exported. */
  refusal?: Message;
  scan?: ScanResult;
}

export const isPending = (f: LoadedFile): boolean => f.scan === undefined;
