// One entry for redaction rules as users have them, told apart by content: a Veil template file
// (JSON, format version 1 or 2: template.ts), a CTP DicomPixelAnonymizer script
// (ctp-pixel-script.ts) or a pydicom deid recipe (deid-recipe.ts). Imported rules come with the
// list of rules that were skipped and why, for the CLI's stderr and report and the app's panel.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { importCtpPixelScript } from './ctp-pixel-script.ts';
import { importDeidRecipe } from './deid-recipe.ts';
import type { SkippedRule } from './rule-conditions.ts';
import { parseTemplateFile, type TemplateFile } from './template.ts';

export type RulesFormat = 'template' | 'ctp' | 'deid';

export interface ReadRules {
  format: RulesFormat;
  file: TemplateFile;
  skipped: SkippedRule[];
}

/** What the text is, by content; undefined when it is none of the three. */
export function detectRulesFormat(text: string): RulesFormat | undefined {
  const t = text.replace(/^\uFEFF/, '');
  if (/^\s*\{\s*"/.test(t)) return 'template';
  if (/^\s*%filter\b/im.test(t) || (/^\s*LABEL\s+\S/m.test(t) && /^\s*(FORMAT\s+dicom|%header)\b/im.test(t))) return 'deid';
  if (/\{[^{}]*\.\w+\s*\(\s*"[^"]*"\s*\)[^{}]*\}\s*(\(\s*-?\d+\s*,|$)/m.test(t)) return 'ctp';
  return undefined;
}

export const RULES_FORMAT_NAME: Record<RulesFormat, string> = {
  template: 'Veil redaction template',
  ctp: 'CTP DicomPixelAnonymizer script',
  deid: 'pydicom deid recipe',
};

/** Read rules of any of the three kinds; throws a MessageError when the text is none of them or holds no rule. */
export function readRedactionRules(text: string): ReadRules {
  const format = detectRulesFormat(text);
  if (format === 'template') return { format, file: parseTemplateFile(text), skipped: [] };
  if (!format) {
    throw new MessageError(msg('rules-unknown-format'));
  }
  const r = format === 'ctp' ? importCtpPixelScript(text) : importDeidRecipe(text);
  if (r.file.templates.length === 0 && r.skipped.length === 0) throw new MessageError(msg('rules-empty', { format: RULES_FORMAT_NAME[format] }));
  return { format, ...r };
}
