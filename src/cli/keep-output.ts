// The last step of one input, on the thread that hands out output paths (the main thread): a
// verified output already written whole into its temporary file (PendingOutput) is claimed
// (output-claims.ts: the path, maybe suffixed; or refused; or the earlier input it duplicates
// byte for byte), then renamed into place or removed. A worker thread thus posts one message per
// file and never waits for the main thread between files.

import { msg } from '../core/messages/message.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { removeTemp, renameIntoPlace } from './file-source.ts';
import { duplicateInput, type ClaimAnswer } from './output-claims.ts';
import type { TaskResult } from './task-result.ts';
import { WriteFault } from './write-fault.ts';

export interface PendingOutput {
  /** The result once the output is kept (output still null). */
  kept: TaskResult;
  /** The finished temporary file holding the output. */
  temp: string;
  /** The final path asked for (absolute, under --out). */
  final: string;
  /** SHA-256 of the input (duplicates are found by it). */
  sha256: string | null;
}

/** The result of a file whose output is not kept (refused, duplicate, failed write): no output, no pairs. */
function notKept(kept: TaskResult, extra: Partial<TaskResult>): TaskResult {
  const { directoryEntry: _d, ...rest } = kept;
  return { ...rest, output: null, reason: null, error: null, leaks: [], released: false, uids: [], patientIds: [], outputSha256: null, bytesOut: 0, ...extra };
}

/** Apply the claim's answer: rename the temporary file into place, or remove it (with the folders it leaves empty under `outDir`). */
export function keepOutput(p: PendingOutput, answer: ClaimAnswer, outDir: string): TaskResult {
  if ('error' in answer) {
    removeTemp(p.temp, outDir);
    return notKept(p.kept, { status: 'refused', reason: answer.error, error: inEnglish(answer.error) });
  }
  if ('duplicateOf' in answer) {
    removeTemp(p.temp, outDir);
    const reason = duplicateInput({ first: answer.duplicateOf });
    return notKept(p.kept, { status: 'duplicate', reason, error: inEnglish(reason), duplicateOf: answer.duplicateOf });
  }
  try {
    renameIntoPlace(p.temp, answer.path);
  } catch (err) {
    removeTemp(p.temp, outDir);
    if (!(err instanceof WriteFault)) throw err;
    const reason = msg('output-write-fault', { errno: err.code });
    return notKept(p.kept, { status: 'refused', reason, error: inEnglish(reason), fault: { code: err.code, where: err.where } });
  }
  if (!answer.warning) return { ...p.kept, output: answer.path };
  return {
    ...p.kept, output: answer.path,
    warnings: [...p.kept.warnings, inEnglish(answer.warning)], warningMessages: [...(p.kept.warningMessages ?? []), answer.warning],
  };
}
