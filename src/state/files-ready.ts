// Whether every file the operator opened is in the session and read: no input still being
// listed (a folder walked, an archive opened, the next batch of a large pick checked — see
// collect-inputs.ts, which hands files over in batches) and no file waiting for the scanner. The
// export starts only then: before, it listed the files loaded so far (62 of 271) and skipped the
// review gate for images not read yet (issue 11). Between two batches the scanner can be idle,
// so its progress alone does not say the load is over; the inputs still being listed count too.

import { useSyncExternalStore } from 'react';
import { store } from './store.ts';

let listing = 0;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Count `work` (listing and adding inputs) as part of the load until it settles. */
export async function trackInputs<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  listing++;
  emit();
  try {
    return await (typeof work === 'function' ? work() : work);
  } finally {
    listing--;
    emit();
  }
}

/** No input being listed, and the scanner idle (addFiles queues every file it adds at once, so an idle scanner has read them all). */
export function filesReady(): boolean {
  return listing === 0 && store.get().loading === null;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const off = store.subscribe(l);
  return () => {
    listeners.delete(l);
    off();
  };
}

/** Resolves once every opened file is read (at once when it already is); rejects with the signal's reason when aborted. */
export function whenFilesReady(signal?: AbortSignal): Promise<void> {
  if (filesReady()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (signal?.aborted) {
        off();
        reject(signal.reason);
      } else if (filesReady()) {
        off();
        resolve();
      }
    };
    const off = subscribe(check);
    signal?.addEventListener('abort', check, { once: true });
  });
}

/** The same as a React hook. */
export function useFilesReady(): boolean {
  return useSyncExternalStore(subscribe, filesReady);
}
