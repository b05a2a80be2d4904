// Names inside the export are made by the core (src/core/deid/output-name.ts); here, two inputs
// that would share one name are reported, not overwritten. The report's input label is
// "#<n> sha256:<16 hex digits>" rather than the original path, which could identify.

/** Reserves output paths; a second claim of a path returns the first claimant's label. */
export class PathClaims {
  private readonly owners = new Map<string, string>();
  claim(path: string, label: string): string | null {
    const had = this.owners.get(path);
    if (had !== undefined) return had;
    this.owners.set(path, label);
    return null;
  }
}

/** The report's label for input file `id` (0-based load order). */
export const inputLabel = (id: number, sha256Hex: string): string => `#${id + 1} sha256:${sha256Hex.slice(0, 16)}`;
