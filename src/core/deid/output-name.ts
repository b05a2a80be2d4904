// The name of a de-identified output, the same in the CLI and the app:
// <pseudonym Patient ID>/<new Study UID>/<new Series UID>/<new SOP Instance UID>.dcm, never an
// original file or folder name (those often carry the patient's name or ID, PS3.15 E.1.1).
// Components are made safe for every file system. The CLI's --keep-paths mirrors the input's
// path instead; the leak gate then checks that path like any other output name.

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

/** The output's path (with '/') relative to the output folder or the archive's root. */
export function outputPath(ids: OutputIds): string {
  return [
    pathComponent(ids.patientID, 'no-patient-id'),
    pathComponent(ids.studyInstanceUID, 'no-study-uid'),
    pathComponent(ids.seriesInstanceUID, 'no-series-uid'),
    `${pathComponent(ids.sopInstanceUID, 'no-sop-uid')}.dcm`,
  ].join('/');
}
