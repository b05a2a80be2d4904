// Opens a ZIP archive in the browser with zip.js (streaming reader, ZIP64, native
// DecompressionStream): every file entry becomes a Blob named "<archive>/<entry path>".
// Nested archives are opened once more; folders and macOS resource forks are skipped.

import { BlobReader, BlobWriter, ZipReader, configure } from '@zip.js/zip.js';
import type { Incoming } from './actions.ts';

// Native (De)CompressionStream on the calling thread; no zip.js web workers or WASM needed.
configure({ useWebWorkers: false, useCompressionStream: true });

export const isZipName = (name: string): boolean => /\.zip$/i.test(name);

export async function looksLikeZip(blob: Blob): Promise<boolean> {
  if (blob.size < 4) return false;
  const b = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

export async function openZip(name: string, blob: Blob, depth = 0): Promise<Incoming[]> {
  const reader = new ZipReader(new BlobReader(blob));
  const out: Incoming[] = [];
  try {
    for await (const entry of reader.getEntriesGenerator()) {
      if (entry.directory || /(^|\/)__MACOSX\//.test(entry.filename) || /(^|\/)\.DS_Store$/.test(entry.filename)) continue;
      const inner = await entry.getData(new BlobWriter());
      const innerName = `${name}/${entry.filename}`;
      if (depth < 1 && isZipName(entry.filename)) out.push(...(await openZip(innerName, inner, depth + 1)));
      else out.push({ name: innerName, blob: inner });
    }
  } finally {
    await reader.close();
  }
  return out;
}
