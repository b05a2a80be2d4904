// A SessionState from plain, structured-clone friendly data. UIDs and pseudonyms are keyed,
// deterministic functions (HMAC of the project key), so every worker of a pool builds its own
// from the same key, options and mapping and they all agree without sharing state.

import type { SessionState } from '../core/deid/file-rules.ts';
import { Pseudonymizer, type Pseudonym } from '../core/deid/pseudonymizer.ts';
import { UidRemapper } from '../core/deid/uid-remapper.ts';
import type { ProfileOptions } from '../core/profile/options.ts';

export interface SessionInit {
  key: Uint8Array;
  options: ProfileOptions;
  /** An imported mapping CSV as [original Patient ID, pseudonym] pairs, or null. */
  mapping: [string, Pseudonym][] | null;
}

export function makeSession(init: SessionInit): SessionState {
  return {
    key: init.key,
    options: { ...init.options },
    uids: new UidRemapper(init.key),
    pseudonyms: new Pseudonymizer(init.key, init.mapping ? { byId: new Map(init.mapping) } : undefined),
  };
}
