// The project key: 32 random bytes that make every replacement deterministic and secret.
// It is stored as a small text file ("veil-key-v1:<64 hex digits>") that the user can export,
// import and share between machines; it is never written into an output.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { fromHex, toHex } from './keyed-hash.ts';

const PREFIX = 'veil-key-v1:';

export function generateKey(): Uint8Array {
  const key = new Uint8Array(32);
  globalThis.crypto.getRandomValues(key);
  return key;
}

export const formatKey = (key: Uint8Array): string => `${PREFIX}${toHex(key)}\n`;

export function parseKey(text: string): Uint8Array {
  const t = text.trim();
  const hex = t.startsWith(PREFIX) ? t.slice(PREFIX.length) : t;
  let key: Uint8Array;
  try {
    key = fromHex(hex);
  } catch {
    throw new MessageError(msg('key-not-a-key', { prefix: PREFIX }));
  }
  if (key.length < 16) throw new MessageError(msg('key-too-short', { n: key.length }));
  return key;
}
