// Replaces findings in the text. The default mask is "***" for every kind, the same mask the
// de-identifier's TextCleaner uses, so a label stays readable ("住院号：***"); pass a mask
// function for kind tags (e.g. f => `[${f.kind}]`). Overlapping or out-of-range findings are skipped.

import type { Finding } from './types.ts';

export const DEFAULT_MASK = '***';

export function redactText(text: string, findings: readonly Finding[], mask: (f: Finding) => string = () => DEFAULT_MASK): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const f of sorted) {
    if (f.start < pos || f.end > text.length || f.end <= f.start) continue;
    out += text.slice(pos, f.start) + mask(f);
    pos = f.end;
  }
  return out + text.slice(pos);
}
