// The files `veil anonymize` reads because a flag names them, checked before any input is touched:
// --redact (a template file, or rules in another tool's format imported as templates, with
// what was skipped said on stderr) and --mapping (a Patient ID → pseudonym CSV). A file that
// cannot be read or parsed is a usage error (exit status 2).

import { promises as fsp } from 'node:fs';
import { parseMappingCsv } from '../core/deid/pseudonymizer.ts';
import { readRedactionRules, RULES_FORMAT_NAME, type ReadRules } from '../core/redaction/read-rules.ts';
import { errorInEnglish, inEnglish } from '../i18n/render-code.ts';
import { UsageError } from './args.ts';
import type { WorkerInit } from './session.ts';

/** --redact FILE: the templates it holds or imports; what was imported or skipped is said on `err`. */
export async function readRedactFlag(redactPath: string, err: (s: string) => void): Promise<ReadRules> {
  let text: string;
  try {
    text = await fsp.readFile(redactPath, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --redact ${redactPath}: ${(e as Error).message}`);
  }
  let rules: ReadRules;
  try {
    rules = readRedactionRules(text);
  } catch (e) {
    throw new UsageError(`--redact ${redactPath}: ${errorInEnglish(e)}`);
  }
  if (rules.format !== 'template') {
    err(`veil: --redact ${redactPath}: ${RULES_FORMAT_NAME[rules.format]}, ${rules.file.templates.length} template(s) imported, ${rules.skipped.length} rule(s) skipped\n`);
  }
  for (const s of rules.skipped) err(`veil: --redact ${redactPath}: skipped rule "${s.rule}": ${inEnglish(s.reason)}\n`);
  return rules;
}

/** --mapping CSV: the [original Patient ID, pseudonym] pairs. */
export async function readMappingFlag(mappingPath: string): Promise<NonNullable<WorkerInit['mapping']>> {
  let text: string;
  try {
    text = await fsp.readFile(mappingPath, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the mapping CSV ${mappingPath}: ${(e as Error).message}`);
  }
  try {
    return [...parseMappingCsv(text).byId];
  } catch (e) {
    throw new UsageError(`${mappingPath}: ${errorInEnglish(e)}`);
  }
}
