// Names inside the export: <pseudonym Patient ID>/<new Study UID>/<new Series UID>/<new SOP UID>.dcm,
// never an original file or folder name. Components are made safe for every file system; two
// inputs that would share one name are reported, not overwritten. The report's input label is
// "#<n> sha256:<16 hex digits>" rather than the original path, which could identify.

export interface OutputIds {
  patientID: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A safe path component: letters, digits, '.', '_' and '-' only; never empty, '.' or '..'. */
export function pathComponent(value: string, fallback: string): string {
  let s = value.trim().replace(/[^0-9A-Za-z._-]/g, '_').slice(0, 100);
  if (s === '') s = fallback;
  if (/^\.*$/.test(s) || RESERVED.test(s)) s = `_${s}`;
  return s;
}

export function outputPath(ids: OutputIds): string {
  return [
    pathComponent(ids.patientID, 'no-patient-id'),
    pathComponent(ids.studyInstanceUID, 'no-study-uid'),
    pathComponent(ids.seriesInstanceUID, 'no-series-uid'),
    `${pathComponent(ids.sopInstanceUID, 'no-sop-uid')}.dcm`,
  ].join('/');
}

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
