// Keyed hashing for every deterministic replacement (UIDs, pseudonyms, date offsets):
// HMAC-SHA-256 with the project key. @noble/hashes is used instead of WebCrypto because it is
// synchronous (no await in the per-element hot path) and identical in Node, workers and pages.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const utf8 = new TextEncoder();

export function hmacSha256(key: Uint8Array, message: string): Uint8Array {
  return hmac(sha256, key, utf8.encode(message));
}

/** The first 16 bytes of a digest as an unsigned 128-bit integer. */
export function first128(digest: Uint8Array): bigint {
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(digest[i]);
  return n;
}

/** An unsigned 32-bit integer from bytes 16..19 of a digest (independent of the first 128 bits). */
export const u32At = (digest: Uint8Array, at: number): number =>
  ((digest[at] << 24) | (digest[at + 1] << 16) | (digest[at + 2] << 8) | digest[at + 3]) >>> 0;

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: safe to read aloud and type

/** `length` characters of a readable base-32 code from a digest. */
export function code32(digest: Uint8Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += BASE32[digest[i] & 31];
  return s;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.trim();
  if (!/^([0-9a-fA-F]{2})+$/.test(clean)) throw new Error('the key is not a hexadecimal string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}
