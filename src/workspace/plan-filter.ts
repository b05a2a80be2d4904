// Which plan rows the header panel shows: rows under a collapsed sequence are hidden; a filter
// (free text, actions, identifying only) shows matching rows together with the sequences that
// contain them, so a nested match is never shown without its context.

import type { Action, PlanRow } from '../core/deid/plan.ts';
import type { Message } from '../core/messages/message.ts';

export interface RowFilter {
  text: string;
  actions: ReadonlySet<Action>;
  identifyingOnly: boolean;
  /** The reason as shown (in the UI language), so the free text finds it; without it reasons are not searched. */
  reasonText?: (reason: Message) => string;
}

export const NO_FILTER: RowFilter = { text: '', actions: new Set(), identifyingOnly: false };

export const isFiltering = (f: RowFilter): boolean => f.text.trim() !== '' || f.actions.size > 0 || f.identifyingOnly;

/** Paths of the sequence rows that contain `path`: "(a)[0].(b)[1].(c)" → ["(a)", "(a)[0].(b)"]. */
export function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf('['); i >= 0; i = path.indexOf('[', i + 1)) out.push(path.slice(0, i));
  return out;
}

/** True when the row is a sequence with at least one row inside it. */
export const hasChildren = (rows: readonly PlanRow[], index: number): boolean =>
  index + 1 < rows.length && rows[index + 1].path.startsWith(`${rows[index].path}[`);

export function rowMatches(row: PlanRow, f: RowFilter): boolean {
  if (f.identifyingOnly && !row.identifying) return false;
  if (f.actions.size > 0 && !f.actions.has(row.action)) return false;
  const q = f.text.trim().toLowerCase();
  if (q === '') return true;
  return [row.tag, row.keyword, row.vr, row.original, row.result ?? '', f.reasonText?.(row.reason) ?? '', row.path].some((s) => s.toLowerCase().includes(q));
}

/** Indices into `rows` of the rows to show, in order. */
export function visibleRows(rows: readonly PlanRow[], f: RowFilter, collapsed: ReadonlySet<string>): number[] {
  const out: number[] = [];
  if (isFiltering(f)) {
    const keep = new Set<string>();
    for (const r of rows) if (rowMatches(r, f)) {
      keep.add(r.path);
      for (const a of ancestorPaths(r.path)) keep.add(a);
    }
    rows.forEach((r, i) => keep.has(r.path) && out.push(i));
    return out;
  }
  let hiddenUnder: string | null = null;
  rows.forEach((r, i) => {
    if (hiddenUnder !== null && r.path.startsWith(hiddenUnder)) return;
    hiddenUnder = collapsed.has(r.path) ? `${r.path}[` : null;
    out.push(i);
  });
  return out;
}
