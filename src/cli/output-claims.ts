// Who gets which output path in one `veil anonymize` run, so that no input is lost to a name
// clash. An input whose bytes equal those of an input already granted a path (same SHA-256) is a
// duplicate: it gets no output, and its report entry names the first input. A different input
// asking for a path already granted (two encodings of one image share a SOP Instance UID, hence
// its output name, PS3.3 C.12.1.1.1) gets the path with a suffix — `<name>_2.dcm`, `_3`… — and a
// warning. Paths compare without case on Windows and macOS, whose file systems ignore it.

import * as path from 'node:path';

/** A granted path (with a warning when suffixed), a duplicate's first input, or why nothing was granted. */
export type ClaimAnswer =
  | { path: string; warning?: string }
  | { duplicateOf: string }
  | { error: string };

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const keyOf = (p: string) => (caseInsensitive ? path.resolve(p).toLowerCase() : path.resolve(p));

/** The warning of an output that took a suffix (kept as a sentence for now; code `output-name-suffixed`). */
export const outputNameSuffixed = (p: { name: string; first: string }): string =>
  `another input (${p.first}) has the same output name, as it has the same SOP Instance UID but other bytes; this output was named ${p.name}`;

/** The reason of a duplicate's status (code `duplicate-input`). */
export const duplicateInput = (p: { first: string }): string => `byte-identical to ${p.first}, which has the output; no second output was written`;

/** Insert `_n` before the extension of the file name ("a/b/1.2.3.dcm" → "a/b/1.2.3_2.dcm"; "a/IM1" → "a/IM1_2"). */
export function suffixed(file: string, n: number): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const dot = base.toLowerCase().endsWith('.dcm') ? base.length - 4 : base.length;
  return path.join(dir, `${base.slice(0, dot)}_${n}${base.slice(dot)}`);
}

export class OutputClaims {
  /** Granted path key → the input holding it. */
  private readonly byPath = new Map<string, string>();
  /** Input SHA-256 → the first input granted a path with those bytes. */
  private readonly bySha = new Map<string, string>();

  /** Ask for `finalPath` on behalf of `input`, whose bytes hash to `sha256`; `shown` renders a path in messages. */
  claim(finalPath: string, input: string, sha256: string | null, shown: (p: string) => string): ClaimAnswer {
    if (sha256 !== null) {
      const first = this.bySha.get(sha256);
      if (first !== undefined) return { duplicateOf: first };
    }
    let granted = finalPath;
    const holder = this.byPath.get(keyOf(finalPath));
    for (let n = 2; this.byPath.has(keyOf(granted)); n++) granted = suffixed(finalPath, n);
    this.byPath.set(keyOf(granted), input);
    if (sha256 !== null) this.bySha.set(sha256, input);
    return holder === undefined ? { path: granted } : { path: granted, warning: outputNameSuffixed({ name: shown(granted), first: holder }) };
  }
}
