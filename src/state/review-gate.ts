// The export's question about burned-in text: when review candidates are still unreviewed, the
// export waits for the operator — "Review them" (starts review mode, exports nothing) or
// "Export anyway" (recorded per image as "unreviewed" in report.json). Nothing unreviewed: the
// export starts at once.

import { useSyncExternalStore } from 'react';
import { exportStartProblem } from '../workspace/release-rules.ts';
import { runExport } from './export-run.ts';
import { store } from './store.ts';
import type { OutputTarget } from './output-targets.ts';
import { startReview, unreviewed } from './review.ts';

let pending: { count: number; answer: (go: boolean) => void } | null = null;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export function useReviewGate(): { count: number } | null {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => pending);
}

export function answerReviewGate(go: boolean): void {
  const p = pending;
  pending = null;
  emit();
  p?.answer(go);
}

/** runExport, after asking about unreviewed candidates. */
export async function runReviewedExport(openTarget: () => Promise<OutputTarget>): Promise<void> {
  const s = store.get();
  // An export that cannot start (nothing loaded, operator name missing) says so without asking.
  const cannotStart = s.files.length === 0 || exportStartProblem({ requireReviewer: s.settings.requireReviewer, operator: s.operator }) !== null;
  const open = cannotStart ? [] : unreviewed();
  if (open.length) {
    const go = await new Promise<boolean>((answer) => {
      pending = { count: open.length, answer };
      emit();
    });
    if (!go) {
      startReview();
      return;
    }
  }
  await runExport(openTarget);
}
