// The release decision an export waits for when the leak gate flagged files: the export puts a
// ReleaseRequest in the store (the UI shows ReleaseDialog) and waits; the dialog answers with
// "Release and include" (and, with two-person release on, a reviewer who is not the operator)
// or "Leave out". A cancelled export answers "Leave out" on its own.

import type { Message } from '../core/messages/message.ts';
import { personName, reviewerProblem } from '../workspace/release-rules.ts';
import { store, type ReleaseRequest } from './store.ts';

export interface ReleaseDecision {
  release: boolean;
  /** The second person who confirmed the release (two-person release), or null. */
  reviewer: string | null;
}

let pending: ((d: ReleaseDecision) => void) | null = null;

export function requestRelease(request: ReleaseRequest, signal: AbortSignal): Promise<ReleaseDecision> {
  return new Promise((resolve) => {
    const done = (d: ReleaseDecision) => {
      signal.removeEventListener('abort', onAbort);
      pending = null;
      store.set({ release: null });
      resolve(d);
    };
    const onAbort = () => done({ release: false, reviewer: null });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    pending = done;
    store.set({ release: request });
  });
}

/** The dialog's answer. Returns why a release cannot be confirmed (nothing happens then), or null. */
export function answerRelease(release: boolean, reviewer = ''): Message | null {
  const req = store.get().release;
  if (!pending || !req) return null;
  if (release) {
    const problem = reviewerProblem({ requireReviewer: req.requireReviewer, operator: req.operator, reviewer });
    if (problem) return problem;
  }
  pending({ release, reviewer: release && req.requireReviewer ? personName(reviewer) : null });
  return null;
}
