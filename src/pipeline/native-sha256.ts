// SHA-256 through WebCrypto (crypto.subtle.digest: native, several times faster than the pure-JS
// @noble/hashes core uses by default) for bytes already in memory, as hex; the same digest core
// computes (FIPS 180-4). Falls back to core's hashing where WebCrypto is missing (no secure context).

import { sha256Hex as portableSha256Hex, sha256OfSource, toHex } from '../core/audit/hashing.ts';
import { MemorySource, type ByteSource } from '../core/io/byte-source.ts';

const subtle = (): SubtleCrypto | undefined => (globalThis.crypto as Crypto | undefined)?.subtle;

/** SHA-256 (hex) of bytes in memory. */
export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const s = subtle();
  if (!s) return portableSha256Hex(bytes);
  return toHex(new Uint8Array(await s.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** SHA-256 (hex) of a source: in one native call when it is in memory, else streamed in 4 MiB slices. */
export function sha256OfInput(source: ByteSource): Promise<string> {
  if (source instanceof MemorySource && subtle()) return sha256OfBytes(source.bytes);
  return sha256OfSource(source, 4 * 1024 * 1024);
}
