// The rules for releasing files the leak gate flagged (the CLI's --allow-flagged and
// --require-reviewer, as the app asks them): with two-person release on, the operator must be
// named before the export, and a release needs a second, different person named as reviewer.

import type { Message } from '../core/messages/message.ts';
import { notice } from '../core/messages/notice.ts';

export const samePerson = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why an export may not start under the current release setting, or null. */
export function exportStartProblem(o: { requireReviewer: boolean; operator: string }): Message | null {
  if (o.requireReviewer && o.operator.trim() === '') {
    return notice('operatorNeeded');
  }
  return null;
}

/** Why the release cannot be confirmed with this reviewer, or null. */
export function reviewerProblem(o: { requireReviewer: boolean; operator: string; reviewer: string }): Message | null {
  if (!o.requireReviewer) return null;
  if (o.reviewer.trim() === '') return notice('reviewerNeeded');
  if (o.operator.trim() !== '' && samePerson(o.operator, o.reviewer)) return notice('reviewerSame');
  return null;
}

/** The name as it goes into the audit log: trimmed, or null when empty. */
export const personName = (s: string): string | null => (s.trim() === '' ? null : s.trim().slice(0, 200));
