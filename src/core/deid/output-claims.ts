// Who gets which output name in one run (the CLI's --out, the app's export), so that no input is
// lost to a name clash. An input whose bytes equal those of an input already granted a name (same
// SHA-256) is a duplicate: it gets no output, and its report entry names the first input. A
// different input asking for a name already granted (two encodings of one image share a SOP
// Instance UID, hence its output name, PS3.3 C.12.1.1.1) gets the name with a suffix —
// `<name>_2.dcm`, `_3`… — and a warning. The CLI and the app both use this one rule.

import { msg, type Message } from '../messages/message.ts';

/** A granted name (with a warning when suffixed), a duplicate's first input, or why nothing was granted. */
export type ClaimAnswer =
  | { path: string; warning?: Message }
  | { duplicateOf: string }
  | { error: Message };

/** The warning of an output that took a suffix. */
export const outputNameSuffixed = (p: { name: string; first: string }): Message => msg('output-name-suffixed', p);

/** The reason of a duplicate's status. */
export const duplicateInput = (p: { first: string }): Message => msg('duplicate-input', p);

/** Insert `_n` before the .dcm extension of the last component ("a/b/1.2.3.dcm" → "a/b/1.2.3_2.dcm"; "a/IM1" → "a/IM1_2"). */
export function suffixed(file: string, n: number): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1;
  const base = file.slice(cut);
  const dot = base.toLowerCase().endsWith('.dcm') ? base.length - 4 : base.length;
  return `${file.slice(0, cut)}${base.slice(0, dot)}_${n}${base.slice(dot)}`;
}

export class OutputClaims {
  /** Granted name key → the input holding it. */
  private readonly byPath = new Map<string, string>();
  /** Input SHA-256 → the first input granted a name with those bytes. */
  private readonly bySha = new Map<string, string>();

  /** `keyOf`: how names compare (the CLI folds case on file systems that ignore it). */
  /** `suffixes`: false in the CD layout (a taken name is refused). */
  constructor(
    private readonly keyOf: (p: string) => string = (p) => p,
    private readonly suffixes = true,
  ) {}

  /** Ask for `finalPath` on behalf of `input`, whose bytes hash to `sha256`; `shown` renders a name in messages. */
  claim(finalPath: string, input: string, sha256: string | null, shown: (p: string) => string = (p) => p): ClaimAnswer {
    if (sha256) {
      const first = this.bySha.get(sha256);
      if (first !== undefined) return { duplicateOf: first };
    }
    let granted = finalPath;
    const holder = this.byPath.get(this.keyOf(finalPath));
    if (holder !== undefined && !this.suffixes) {
      return { error: msg('output-path-taken', { path: shown(finalPath), holder }) };
    }
    for (let n = 2; this.byPath.has(this.keyOf(granted)); n++) granted = suffixed(finalPath, n);
    this.byPath.set(this.keyOf(granted), input);
    if (sha256) this.bySha.set(sha256, input);
    return holder === undefined ? { path: granted } : { path: granted, warning: outputNameSuffixed({ name: shown(granted), first: holder }) };
  }
}
