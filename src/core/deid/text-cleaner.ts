// Cleans free text that an option keeps (PS3.15 E.3.5 Clean Descriptors, E.3.9 Clean Structured
// Content, C actions on text): every known identifying value of the file's patient (name and its
// parts, IDs, accession number, birth date in its common written forms, institution, physicians)
// is replaced by "***", case-insensitively.

const MASK = '***';

export interface CleanResult {
  text: string;
  /** How many identifiers were masked. */
  hits: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Written forms of a DA value (YYYYMMDD): 19800304, 1980-03-04, 1980/03/04, 1980.03.04, 04.03.1980, 04/03/1980, 03/04/1980. */
export function dateForms(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return [];
  const [, y, mo, d] = m;
  return [`${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${y}.${mo}.${d}`, `${d}.${mo}.${y}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`, `${y}年${+mo}月${+d}日`];
}

export class TextCleaner {
  private readonly pattern: RegExp | undefined;
  constructor(identifiers: Iterable<string>) {
    const parts = new Set<string>();
    for (const raw of identifiers) {
      const s = raw.trim();
      // Short ASCII tokens ("MR", "Li") would mask ordinary words; CJK names are short but specific.
      const ascii = /^[\x00-\x7f]*$/.test(s);
      if ((ascii && s.length >= 3) || (!ascii && s.length >= 2)) parts.add(s);
    }
    const sorted = [...parts].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = sorted.length ? new RegExp(sorted.join('|'), 'giu') : undefined;
  }
  clean(text: string): CleanResult {
    if (!this.pattern) return { text, hits: 0 };
    let hits = 0;
    const out = text.replace(this.pattern, () => {
      hits++;
      return MASK;
    });
    return { text: out, hits };
  }
}

/** Name parts of a PN value: each component of each component group, and the whole groups. */
export function nameParts(pn: string): string[] {
  const out: string[] = [];
  for (const group of pn.split('=')) {
    if (!group) continue;
    const comps = group.split('^').map((c) => c.trim()).filter(Boolean);
    out.push(...comps);
    if (comps.length > 1) out.push(comps.join(' '), [...comps].reverse().join(' '), comps.join(','), comps.join(', '), [...comps].reverse().join(''), comps.join(''));
  }
  return out;
}
