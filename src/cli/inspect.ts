// `veil inspect <file>`: the plan of one file (planFile with collectRows) as a table of
// path, keyword, VR, action, original → result and reason, or as JSON with --json.
// Nothing is written. Exit 1 when the file would be refused.

import * as path from 'node:path';
import { planFile } from '../core/deid/process-file.ts';
import { inEnglish } from '../i18n/render-code.ts';
import { ACTION_NAMES, type PlanRow } from '../core/deid/plan.ts';
import { parseCommandLine, profileFlagSpecs, profileOptionsFrom, stringFlag, UsageError } from './args.ts';
import type { Io } from './anonymize.ts';
import { FileSource } from './file-source.ts';
import { loadOrCreateKey } from './key-file.ts';
import { makeSession } from './session.ts';
import { inspectHelp } from './usage.ts';

/** Control characters (which could drive the terminal) shown as "?", long values cut. */
export function cell(text: string, max: number): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const chars = [...clean];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : clean;
}

export function planTable(rows: PlanRow[]): string {
  const cols = rows.map((r) => [
    cell(r.path, 44),
    cell(r.keyword || '(unknown)', 32),
    r.vr,
    `${r.action} ${ACTION_NAMES[r.action]}`,
    r.action === 'K' ? cell(r.original, 40) : `${cell(r.original, 40)} → ${r.result === null ? '(removed)' : cell(r.result, 40)}`,
    cell(inEnglish(r.reason), 80),
  ]);
  const head = ['path', 'keyword', 'VR', 'action', 'original → result', 'reason'];
  const widths = head.map((h, i) => Math.max([...h].length, ...cols.map((c) => [...c[i]].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v + ' '.repeat(widths[i] - [...v].length))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cols.map(line)].join('\n') + '\n';
}

export async function inspect(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { json: { type: 'boolean' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...profileFlagSpecs() },
    'inspect',
  );
  if (values.help) {
    io.out(inspectHelp());
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one file to inspect', 'Run "veil inspect --help" for the usage.');
  const file = positionals[0];
  const options = profileOptionsFrom(values);
  let opened;
  try {
    opened = await FileSource.open(file);
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const { key } = await loadOrCreateKey(stringFlag(values, 'key'), io.err);
  const session = makeSession({ key, options, mapping: null });
  let r;
  try {
    r = await planFile(opened.source, session, { collectRows: true });
  } finally {
    await opened.handle.close();
  }
  const rows = r.outcome?.rows ?? [];
  const error = r.reason ? inEnglish(r.reason) : null;
  const warnings = r.warnings.map(inEnglish);
  if (values.json) {
    io.out(JSON.stringify({ file, status: r.status, error, warnings, actions: r.counts, transferSyntax: r.transferSyntaxUID ?? null, rows: rows.map((row) => ({ ...row, reason: inEnglish(row.reason) })) }, null, 2) + '\n');
  } else {
    io.out(`${path.basename(file)}: ${r.status}${error ? ` — ${error}` : ''}\n`);
    if (r.transferSyntaxUID) io.out(`transfer syntax: ${r.transferSyntaxUID}\n`);
    for (const w of warnings) io.out(`warning: ${cell(w, 300)}\n`);
    if (r.status === 'ok') {
      const c = r.counts;
      io.out(`actions: ${c.X} removed, ${c.Z} emptied, ${c.D} dummy, ${c.K} kept, ${c.C} cleaned, ${c.U} new UIDs\n\n`);
      io.out(planTable(rows));
    }
  }
  return r.status === 'refused' ? 1 : 0;
}
