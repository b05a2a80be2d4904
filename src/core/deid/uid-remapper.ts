// Deterministic UID replacement (PS3.15 E.1.1 action U): "2.25." followed by the decimal form
// of 128 bits of HMAC-SHA-256(project key, original UID) — a UUID-derived UID (PS3.5 §B.2).
// The same original UID becomes the same new UID in every file, batch and session with one key.
// UIDs of the DICOM registry (1.2.840.10008.*: SOP classes, transfer syntaxes…) are kept.

import { first128, hmacSha256 } from './keyed-hash.ts';

export const REGISTRY_ROOT = '1.2.840.10008.';

/**
 * Well-known SOP Instances of the registry (PS3.6 Annex A): the standard color palettes and the
 * logging/printer instances. When one is stored as an instance, the de-identified copy is a new
 * instance, so it is remapped like any instance UID.
 */
const WELL_KNOWN_INSTANCE = /^1\.2\.840\.10008\.(1\.5\.\d+|1\.40|1\.42|5\.1\.1\.17(\.\d+)?|5\.1\.1\.25)$/;

export const isRegistryUid = (uid: string): boolean => uid.startsWith(REGISTRY_ROOT) && !WELL_KNOWN_INSTANCE.test(uid);

export class UidRemapper {
  private readonly cache = new Map<string, string>();
  /** Every original → new UID pair handed out, for uid_mapping.csv. */
  readonly seen = new Map<string, string>();

  constructor(private readonly key: Uint8Array) {}

  remap(uid: string): string {
    const clean = uid.replace(/[\0 ]+$/g, '').trim();
    if (clean === '' || isRegistryUid(clean)) return clean;
    let out = this.cache.get(clean);
    if (out === undefined) {
      out = `2.25.${first128(hmacSha256(this.key, `uid:${clean}`)).toString(10)}`;
      this.cache.set(clean, out);
    }
    this.seen.set(clean, out);
    return out;
  }
}
