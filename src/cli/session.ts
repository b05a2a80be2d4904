// Building a SessionState from plain data. The UID remapper and the pseudonymizer are keyed,
// deterministic functions (HMAC of the project key), so every worker thread builds its own from
// the same key, options and mapping, and they all agree without sharing state.

import type { SessionState } from '../core/deid/file-rules.ts';
import { Pseudonymizer, type Pseudonym } from '../core/deid/pseudonymizer.ts';
import { UidRemapper } from '../core/deid/uid-remapper.ts';
import type { ProfileOptions } from '../core/profile/options.ts';
import type { TemplateFile } from '../core/redaction/template.ts';

/** What a worker needs to start: structured-clone friendly (no Maps of classes). */
export interface WorkerInit {
  key: Uint8Array;
  options: ProfileOptions;
  /** A parsed --mapping CSV as [original Patient ID, pseudonym] pairs, or null. */
  mapping: [string, Pseudonym][] | null;
  outDir: string;
  rename: boolean;
  dryRun: boolean;
  /** --allow-flagged: keep outputs the leak gate flags. */
  allowFlagged: boolean;
  /** --fsync: flush each output to disk before renaming it into place. */
  fsync?: boolean;
  /** --redact TEMPLATE.json, parsed (format version 1). */
  redaction?: TemplateFile | null;
  /** --reencode */
  reencode?: boolean;
  /** --max-frame-mb: the largest decoded frame accepted (bounded decoding), in bytes. */
  maxFrameBytes?: number;
  /** Random per run: temporary files are named from it and the task (see tempPathOf). */
  tempStem?: string;
  /** Files up to this size are worked on in memory, larger ones streamed (default 32 MiB; tests lower it). */
  wholeReadLimit?: number;
}

export function makeSession(init: Pick<WorkerInit, 'key' | 'options' | 'mapping'>): SessionState {
  return {
    key: init.key,
    options: init.options,
    uids: new UidRemapper(init.key),
    pseudonyms: new Pseudonymizer(init.key, init.mapping ? { byId: new Map(init.mapping) } : undefined),
  };
}
