// The plan: one row per attribute of a data set, at every depth, saying what happens to it and
// why. Plain data: the app shows it, the CLI prints it, tests assert on it.

import type { Message } from '../messages/message.ts';

export type Action = 'X' | 'Z' | 'D' | 'K' | 'C' | 'U';

export const ACTION_NAMES: Record<Action, string> = {
  X: 'remove',
  Z: 'empty',
  D: 'replace with dummy',
  K: 'keep',
  C: 'clean',
  U: 'replace UID',
};

export interface PlanRow {
  /** Path with sequence item indices, e.g. "(0040,0275)[0].(0010,0010)". */
  path: string;
  tag: string;
  keyword: string;
  vr: string;
  depth: number;
  /** The original value, decoded in its character set ('' when empty; "3 items" for sequences). */
  original: string;
  action: Action;
  /** The resulting value, or null when the attribute is removed. */
  result: string | null;
  /** The table row or option that decided the action (plan.* codes, src/core/profile/plan-reasons.ts). */
  reason: Message;
  /** The table's code before resolution (e.g. "X/Z/D"), "X"/"C" for private rules, '' when unlisted. */
  code: string;
  identifying: boolean;
}

export type ActionCounts = Record<Action, number>;

export const emptyCounts = (): ActionCounts => ({ X: 0, Z: 0, D: 0, K: 0, C: 0, U: 0 });
