// SHA-256 on a helper thread, for the input of a large streamed file: the audit log hashes both
// the input and the output of every file, and for a multi-gigabyte file those two passes of
// SHA-256 are most of the work. The output is hashed on the thread that writes it; the input's
// slices are copied into a ring of shared buffers that a helper thread hashes meanwhile, so the
// two hashes run on two cores. Same digests as node:crypto's (it is node:crypto's, elsewhere).
// The helper is a tiny eval'd CommonJS worker (no bundle to load), started on first use, kept
// for later files, unref'd so it never holds the process open.

import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Sha256, Sha256Factory } from '../core/audit/hashing.ts';

const SLOTS = 4;
const SLOT_BYTES = 4 * 1024 * 1024;
/** ctrl[HEAD]: slices handed over; ctrl[TAIL]: slices hashed; ctrl[LEN + i]: bytes in slot i (-1: digest, -2: stop). */
const HEAD = 0;
const TAIL = 1;
const LEN = 2;

const HELPER = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { ctrl, data, out, slots, slotBytes } = workerData;
let tail = 0;
let h = createHash('sha256');
for (;;) {
  while (Atomics.load(ctrl, ${HEAD}) === tail) Atomics.wait(ctrl, ${HEAD}, tail);
  const i = tail % slots;
  const n = ctrl[${LEN} + i];
  if (n === -2) break;
  if (n === -1) { out.set(h.digest()); h = createHash('sha256'); }
  else h.update(data.subarray(i * slotBytes, i * slotBytes + n));
  tail++;
  Atomics.store(ctrl, ${TAIL}, tail);
  Atomics.notify(ctrl, ${TAIL});
}
`;

class Helper {
  readonly ctrl = new Int32Array(new SharedArrayBuffer(4 * (LEN + SLOTS)));
  readonly data = new Uint8Array(new SharedArrayBuffer(SLOTS * SLOT_BYTES));
  readonly out = new Uint8Array(new SharedArrayBuffer(32));
  private head = 0;
  busy = false;
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(HELPER, { eval: true, workerData: { ctrl: this.ctrl, data: this.data, out: this.out, slots: SLOTS, slotBytes: SLOT_BYTES } });
    this.worker.unref();
  }

  /** Wait for a free slot, then hand over `n` (bytes, or a marker) with `fill` writing the slot. */
  private push(n: number, fill?: (slot: Uint8Array) => void): void {
    for (;;) {
      const tail = Atomics.load(this.ctrl, TAIL);
      if (this.head - tail < SLOTS) break;
      Atomics.wait(this.ctrl, TAIL, tail);
    }
    const i = this.head % SLOTS;
    if (fill) fill(this.data.subarray(i * SLOT_BYTES, (i + 1) * SLOT_BYTES));
    this.ctrl[LEN + i] = n;
    this.head++;
    Atomics.store(this.ctrl, HEAD, this.head);
    Atomics.notify(this.ctrl, HEAD);
  }

  update(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length; at += SLOT_BYTES) {
      const piece = chunk.subarray(at, Math.min(chunk.length, at + SLOT_BYTES));
      this.push(piece.length, (slot) => slot.set(piece));
    }
  }

  digest(): Uint8Array {
    this.push(-1);
    for (;;) {
      const tail = Atomics.load(this.ctrl, TAIL);
      if (tail === this.head) break;
      Atomics.wait(this.ctrl, TAIL, tail);
    }
    return this.out.slice();
  }
}

let helper: Helper | undefined;

/**
 * A SHA-256 whose work runs on the helper thread (one hash at a time per thread: a second one
 * while the first is open falls back to node:crypto here).
 */
export const threadSha256: Sha256Factory = (): Sha256 => {
  helper ??= new Helper();
  const h = helper;
  if (h.busy) return createHash('sha256');
  h.busy = true;
  let done = false;
  return {
    update: (chunk: Uint8Array) => h.update(chunk),
    digest: () => {
      if (done) throw new Error('digest() called twice');
      done = true;
      try {
        return h.digest();
      } finally {
        h.busy = false;
      }
    },
  };
};
