// The full plan of one file for the header panel: every attribute at every depth with its
// original value, action, result and reason (core's PlanRow), plus the file's outcome.

import type { SessionState } from '../core/deid/file-rules.ts';
import { emptyCounts, type ActionCounts, type PlanRow } from '../core/deid/plan.ts';
import { planFile } from '../core/deid/process-file.ts';
import type { ByteSource } from '../core/io/byte-source.ts';
import { capMessages, type Message } from '../core/messages/message.ts';

export interface InstancePlan {
  status: 'ok' | 'refused' | 'skipped';
  error: Message | null;
  warnings: Message[];
  counts: ActionCounts;
  rows: PlanRow[];
  /** New identifiers (pseudonym, UIDs) when the file would be de-identified. */
  ids: { patientID: string; studyInstanceUID: string; seriesInstanceUID: string; sopInstanceUID: string } | null;
}

export async function planInstance(source: ByteSource, session: SessionState): Promise<InstancePlan> {
  const r = await planFile(source, session, { collectRows: true });
  if (r.status !== 'ok' || !r.outcome) {
    return { status: r.status, error: r.reason, warnings: capMessages(r.warnings), counts: r.counts ?? emptyCounts(), rows: [], ids: null };
  }
  const { ids } = r.outcome;
  return {
    status: 'ok', error: null, warnings: capMessages(r.warnings), counts: r.counts, rows: r.outcome.rows,
    ids: { patientID: ids.patientID, studyInstanceUID: ids.studyInstanceUID, seriesInstanceUID: ids.seriesInstanceUID, sopInstanceUID: ids.sopInstanceUID },
  };
}
