// Aho–Corasick multi-pattern search over bytes (one pass over the output finds every candidate
// in every encoding). Haystack and patterns are compared with ASCII letters folded to lower
// case; patterns in multi-byte encodings are then checked byte for byte at each hit (a GB18030
// trail byte may be an ASCII letter, and "A" and "a" there are different characters). The
// automaton is a dense DFA over a reduced alphabet (bytes that occur in no pattern share one
// class) built from the first 8 bytes of each pattern, the rest compared at each prefix hit:
// hundreds of patterns build in a fraction of a millisecond, and the scan costs two array reads
// per byte. It runs over a stream: the state carries from one chunk to the next.

export interface BytePattern {
  bytes: Uint8Array;
  /** Compare the original bytes exactly at a hit (non-ASCII patterns). */
  exact: boolean;
}

const FOLD = new Uint8Array(256);
for (let b = 0; b < 256; b++) FOLD[b] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;

export class MultiMatcher {
  /** Byte → alphabet class (0: a byte no pattern holds). */
  private readonly cls = new Uint8Array(256);
  private readonly width: number;
  private readonly delta: Uint16Array | Int32Array;
  /** Pattern ending at a state, or -1. */
  private readonly out: Int32Array;
  /** Next state on the suffix chain that ends a pattern, or -1. */
  private readonly dict: Int32Array;
  /** Next pattern that ends in the same state (equal once folded), or -1. */
  private readonly same: Int32Array;
  readonly maxLength: number;
  /** Number of automaton states (for tests and tuning). */
  readonly states: number;

  /**
   * Only the first `prefixLength` bytes of each pattern go into the automaton; the rest is
   * compared at each prefix hit (the automaton's size, and so its build time, is then bounded by
   * patterns × prefix, whatever the patterns' lengths). The caller's buffer must reach
   * maxLength bytes past the range it asks to scan.
   */
  constructor(readonly patterns: readonly BytePattern[], readonly prefixLength = 8) {
    let k = 1;
    let maxLength = 0;
    for (const p of patterns) {
      maxLength = Math.max(maxLength, p.bytes.length);
      for (const b of p.bytes) {
        const f = FOLD[b];
        if (this.cls[f] === 0) this.cls[f] = k++;
      }
    }
    for (let b = 0x41; b <= 0x5a; b++) this.cls[b] = this.cls[b | 0x20];
    this.width = k;
    this.maxLength = maxLength;

    // Trie written straight into the transition table (0: no child yet; no edge leads back to the root).
    let cap = 1;
    for (const p of patterns) cap += Math.min(p.bytes.length, prefixLength);
    const delta = cap < 0xffff ? new Uint16Array(cap * k) : new Int32Array(cap * k);
    const out = new Int32Array(cap).fill(-1);
    const same = new Int32Array(patterns.length).fill(-1);
    let n = 1;
    patterns.forEach((p, index) => {
      if (p.bytes.length === 0) return;
      let s = 0;
      for (let j = 0; j < p.bytes.length && j < prefixLength; j++) {
        const at = s * k + this.cls[FOLD[p.bytes[j]]];
        if (delta[at] === 0) delta[at] = n++;
        s = delta[at];
      }
      same[index] = out[s];
      out[s] = index;
    });
    // Breadth-first: a missing transition is the failure state's; failure links from the parent's.
    const fail = new Int32Array(n);
    const dict = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (let c = 0; c < k; c++) if (delta[c] !== 0) queue[tail++] = delta[c];
    while (head < tail) {
      const s = queue[head++];
      const f = fail[s];
      dict[s] = out[f] >= 0 ? f : dict[f];
      const row = s * k;
      const frow = f * k;
      for (let c = 0; c < k; c++) {
        const t = delta[row + c];
        if (t === 0) delta[row + c] = delta[frow + c];
        else {
          fail[t] = s === 0 ? 0 : delta[frow + c];
          queue[tail++] = t;
        }
      }
    }
    this.delta = delta;
    this.out = out;
    this.dict = dict;
    this.same = same;
    this.states = n;
  }

  /**
   * Run over buf[from, to) starting in `state`; returns the state to continue with. For each
   * match, calls onMatch(pattern index, start index in buf). Exact patterns are verified here;
   * bounds (word, number, UID) are the caller's, who has buf around the match.
   */
  run(buf: Uint8Array, from: number, to: number, state: number, onMatch: (pattern: number, start: number) => void): number {
    const { cls, delta, out, dict, same, width, patterns, prefixLength } = this;
    let s = state;
    for (let i = from; i < to; i++) {
      s = delta[s * width + cls[buf[i]]];
      if (out[s] < 0 && dict[s] < 0) continue;
      for (let t = out[s] >= 0 ? s : dict[s]; t >= 0; t = dict[t]) {
        for (let p = out[t]; p >= 0; p = same[p]) {
          const pat = patterns[p];
          const start = i + 1 - Math.min(pat.bytes.length, prefixLength);
          if (pat.exact ? !sameBytes(buf, start, pat.bytes) : pat.bytes.length > prefixLength && !sameFolded(buf, start, pat.bytes)) continue;
          onMatch(p, start);
        }
      }
    }
    return s;
  }
}

function sameBytes(buf: Uint8Array, at: number, p: Uint8Array): boolean {
  if (at < 0 || at + p.length > buf.length) return false;
  for (let j = 0; j < p.length; j++) if (buf[at + j] !== p[j]) return false;
  return true;
}

function sameFolded(buf: Uint8Array, at: number, p: Uint8Array): boolean {
  if (at < 0 || at + p.length > buf.length) return false;
  for (let j = 0; j < p.length; j++) if (FOLD[buf[at + j]] !== FOLD[p[j]]) return false;
  return true;
}
