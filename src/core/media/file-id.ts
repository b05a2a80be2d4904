// PS3.10 file IDs (§8.2, §8.5): a file in a File-set is named by 1 to 8 components, each 1 to 8
// characters from A–Z, 0–9 and "_" (the "D" repertoire of PS3.5 §6.1.2.2 restricted further by
// PS3.12's media profiles); the DICOMDIR's Referenced File ID (0004,1500) is those components as
// a multi-valued CS, separated by "\". Media written on case-insensitive file systems come back
// in any case (a DICOMDIR naming "IMAGES\IM1" for a folder listed as "images/im1"), so files are
// matched on the upper-cased path.
//
// mediaFileId is the naming hook of the CD layout (veil anonymize --dicomdir, the app's export
// "For CD/USB"): from an output's de-identified identifiers only, it names the output
// DICOM/P…/S…/SE…/<8 digits> — deterministic (the same output gets the same name in every run, so a
// second run over the same --out replaces files instead of adding copies) and needing no shared
// counter between worker threads. Each component is a prefix plus base-36 digits of a SHA-256 of
// the de-identified value: nothing of the original can be in it.

import { sha256 } from '@noble/hashes/sha2.js';
import { msg, type Message } from '../messages/message.ts';

export const MAX_COMPONENTS = 8;
export const MAX_COMPONENT_LENGTH = 8;
const COMPONENT = /^[A-Z0-9_]{1,8}$/;

/** true when `c` may be a component of a PS3.10 file ID. */
export const isFileIdComponent = (c: string): boolean => COMPONENT.test(c);

/** The problem with a file ID in words, or null when it is valid. */
export function fileIdProblem(components: readonly string[]): Message | null {
  if (components.length === 0) return msg('file-id-empty');
  if (components.length > MAX_COMPONENTS) return msg('file-id-too-deep', { n: components.length, max: MAX_COMPONENTS });
  const bad = components.find((c) => !isFileIdComponent(c));
  return bad === undefined ? null : msg('file-id-bad-component', { component: bad });
}

/** A Referenced File ID value ("DIR\SUB\FILE") as its components; tolerant of case and padding (readers of real media must be). */
export const parseFileIdValue = (value: string): string[] =>
  value.split('\\').map((c) => c.trim()).filter((c) => c !== '');

/** The key under which a path is matched against file IDs: "/"-joined, upper-cased. */
export const fileIdKey = (components: readonly string[]): string => components.join('/').toUpperCase();

/** The de-identified identifiers an output is named from. */
export interface MediaIds {
  patientID: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

const utf8 = new TextEncoder();

/** `length` base-36 digits (0-9, A-Z) of the SHA-256 of `value` (from its first 96 bits). */
function digits36(value: string, length: number): string {
  const d = sha256(utf8.encode(value));
  let n = 0n;
  for (let i = 0; i < 12; i++) n = (n << 8n) | BigInt(d[i]);
  return n.toString(36).toUpperCase().padStart(length, '0').slice(-length);
}

/**
 * The PS3.10 file ID of an output in the CD layout: DICOM/P…/S…/SE…/<instance> (5 levels,
 * components of 8 characters; the instance's 8 base-36 digits have no prefix, to make two
 * instances of one series naming alike as rare as can be: about 1 in 5 million for a series of
 * 1,000). Two inputs with one SOP Instance UID get one name (a File-set holds an instance once:
 * the second is refused, as with --rename), and so would two instances that name alike: refused,
 * never overwritten.
 */
export function mediaFileId(ids: MediaIds): string[] {
  const patient = `P${digits36(`patient:${ids.patientID}`, 7)}`;
  const study = `S${digits36(`study:${ids.patientID}|${ids.studyInstanceUID}`, 7)}`;
  const series = `SE${digits36(`series:${ids.studyInstanceUID}|${ids.seriesInstanceUID}`, 6)}`;
  const instance = digits36(`instance:${ids.seriesInstanceUID}|${ids.sopInstanceUID}`, 8);
  return ['DICOM', patient, study, series, instance];
}

/**
 * Resolve file IDs against the paths present (relative to the File-set's root, "/"-separated):
 * case-insensitively, an exact match preferred. Returns the matching path or null for each ID.
 */
export function resolveFileIds(ids: readonly (readonly string[])[], present: readonly string[]): (string | null)[] {
  const exact = new Set(present);
  const byKey = new Map<string, string>();
  for (const p of present) {
    const k = p.toUpperCase();
    if (!byKey.has(k)) byKey.set(k, p);
  }
  return ids.map((id) => {
    const joined = id.join('/');
    return exact.has(joined) ? joined : byKey.get(fileIdKey(id)) ?? null;
  });
}
