// Patient pseudonyms: Patient ID and Patient's Name become a keyed, deterministic pseudonym
// (the same patient gets the same pseudonym in every file, batch and session with one key),
// or come from a user's mapping CSV. With a mapping, a patient missing from it is an error
// for that file, never a silent fallback to the keyed pseudonym.

import { msg } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import { code32, hmacSha256 } from './keyed-hash.ts';

export interface Pseudonym {
  patientID: string;
  patientName: string;
}

export interface PatientMapping {
  /** original Patient ID → pseudonym */
  byId: Map<string, Pseudonym>;
}

export class MissingFromMappingError extends Error {
  constructor(readonly patientIdHash: string) {
    super('the patient of this file is not in the mapping CSV (its Patient ID has no row); no output was written');
    this.name = 'MissingFromMappingError';
  }
}

export class Pseudonymizer {
  readonly seen = new Map<string, string>();
  /** Keyed codes by patient key: every slice of a series asks for the same patient's (a keyed hash per file before). */
  private readonly codes = new Map<string, string>();
  constructor(
    private readonly key: Uint8Array,
    private readonly mapping?: PatientMapping,
  ) {}

  /** The key that identifies a patient for pseudonyms and date offsets. */
  static patientKey(patientID: string, patientName: string, birthDate: string, studyUID: string): string {
    if (patientID) return `id:${patientID}`;
    if (patientName) return `name:${patientName}|${birthDate}`;
    return `study:${studyUID}`;
  }

  pseudonymFor(patientID: string, patientKey: string): Pseudonym {
    let p: Pseudonym;
    if (this.mapping) {
      const hit = this.mapping.byId.get(patientID);
      if (!hit) throw new MissingFromMappingError(code32(hmacSha256(this.key, `audit:${patientID}`), 10));
      p = hit;
    } else {
      let code = this.codes.get(patientKey);
      if (code === undefined) {
        code = code32(hmacSha256(this.key, `patient:${patientKey}`), 12);
        if (this.codes.size >= 4096) this.codes.clear();
        this.codes.set(patientKey, code);
      }
      p = { patientID: `VEIL-${code}`, patientName: `VEIL^${code}` };
    }
    if (patientID) this.seen.set(patientID, p.patientID);
    return p;
  }
}

/**
 * Parse a mapping CSV: a header row naming the columns, then one patient per row.
 * Accepted headers (case-insensitive): original/old/id_old/PatientID for the original ID,
 * new/id_new/NewPatientID for the pseudonym ID, and name/new_name/NewPatientName for the new name
 * (optional: defaults to the new ID). Quoted fields with commas and doubled quotes are supported.
 */
export function parseMappingCsv(text: string): PatientMapping {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) throw new MessageError(msg('mapping-empty'));
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const oldCol = col('original', 'old', 'id_old', 'patientid', 'original_patient_id', 'old_patient_id');
  const newCol = col('new', 'id_new', 'newpatientid', 'new_patient_id', 'pseudonym');
  // Not 'patientname': next to a 'PatientID' (original ID) column it holds the original name.
  const nameCol = col('name', 'new_name', 'newpatientname', 'new_patient_name');
  if (oldCol < 0 || newCol < 0) {
    throw new MessageError(msg('mapping-no-header'));
  }
  const byId = new Map<string, Pseudonym>();
  rows.slice(1).forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const oldId = (r[oldCol] ?? '').trim();
    const newId = (r[newCol] ?? '').trim();
    if (!oldId || !newId) throw new MessageError(msg('mapping-row-incomplete', { row: i + 2 }));
    if (byId.has(oldId)) throw new MessageError(msg('mapping-row-twice', { row: i + 2 }));
    const name = nameCol >= 0 ? (r[nameCol] ?? '').trim() : '';
    byId.set(oldId, { patientID: newId, patientName: name || newId });
  });
  return { byId };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Quote a CSV field when needed. */
export const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
