// Test helpers: build byte fixtures from the notations used in PS3.5 — "column/row" pairs
// (§6.1.2.2, e.g. "05/09 06/01", the standard's own typo "5/14" included) and "0x57 0x61" hex.

/** Parse PS3.5 column/row notation ("01/11 02/04 04/02") into bytes. */
export function colRow(text: string): Uint8Array {
  const tokens = text.trim().split(/\s+/);
  return Uint8Array.from(
    tokens.map((t) => {
      const m = /^(\d{1,2})\/(\d{1,2})$/.exec(t);
      if (!m) throw new Error(`bad column/row token ${t}`);
      return Number(m[1]) * 16 + Number(m[2]);
    }),
  );
}

/** Parse whitespace-separated hex bytes, with or without 0x prefixes. */
export function hex(text: string): Uint8Array {
  const tokens = text.trim().split(/[\s,]+/).filter(Boolean);
  return Uint8Array.from(tokens.map((t) => parseInt(t.replace(/^0x/i, ''), 16)));
}

/** Concatenate byte arrays, ASCII strings and byte numbers. */
export function cat(...parts: (Uint8Array | string | number | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else if (typeof p === 'number') out.push(p);
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

export const ESC = 0x1b;

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
