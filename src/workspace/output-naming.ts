// Names inside the export are made by the core (src/core/deid/output-name.ts) and handed out by
// its claims (src/core/deid/output-claims.ts), as in the CLI. The report's input label is
// "#<n> sha256:<16 hex digits>" rather than the original path, which could identify.

/** The report's label for input file `id` (0-based load order). */
export const inputLabel = (id: number, sha256Hex: string): string => `#${id + 1} sha256:${sha256Hex.slice(0, 16)}`;
