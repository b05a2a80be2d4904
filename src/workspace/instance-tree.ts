// Groups loaded files into patient → study → series → instance for the tree, from the original
// decoded values. Files that are not DICOM, are a DICOMDIR, or could not be parsed go to a
// separate "other files" list with their reason. Pure; the last tree is kept for the same files
// array, so the tree panel, the viewer and the selection actions share one build per applied
// batch of results (the store replaces the array whenever a file or its scan changes).

import type { LoadedFile } from './loaded-file.ts';

export interface SeriesNode {
  key: string;
  seriesInstanceUID: string;
  number: string;
  modality: string;
  description: string;
  /** Files sorted by Instance Number, then load order. */
  files: LoadedFile[];
  frames: number;
  refused: number;
}

export interface StudyNode {
  key: string;
  studyInstanceUID: string;
  date: string;
  description: string;
  series: SeriesNode[];
  instances: number;
}

export interface PatientNode {
  key: string;
  name: string;
  patientID: string;
  birthDate: string;
  studies: StudyNode[];
  instances: number;
  refused: number;
}

export interface InstanceTree {
  patients: PatientNode[];
  /** Not DICOM, DICOMDIR, unreadable files, and files still waiting for their scan. */
  others: LoadedFile[];
  pending: number;
}

const num = (s: string): number => {
  const n = parseFloat(s);
  return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
};

let last: { files: readonly LoadedFile[]; tree: InstanceTree } | undefined;

/** The tree of `files`; the same object again for the same array (treat it as read-only). */
export function buildTree(files: readonly LoadedFile[]): InstanceTree {
  if (last?.files !== files) last = { files, tree: build(files) };
  return last.tree;
}

function build(files: readonly LoadedFile[]): InstanceTree {
  const patients = new Map<string, PatientNode>();
  const studies = new Map<string, StudyNode>();
  const series = new Map<string, SeriesNode>();
  const others: LoadedFile[] = [];
  let pending = 0;
  for (const f of files) {
    const info = f.scan?.info;
    if (!f.scan) pending++;
    if (!info) {
      if (f.scan) others.push(f);
      continue;
    }
    const pKey = info.patientID ? `id:${info.patientID}` : info.patientName ? `name:${info.patientName}` : 'none';
    let p = patients.get(pKey);
    if (!p) {
      p = { key: pKey, name: info.patientName, patientID: info.patientID, birthDate: info.patientBirthDate, studies: [], instances: 0, refused: 0 };
      patients.set(pKey, p);
    }
    const stKey = `${pKey}|${info.studyInstanceUID || 'no-study'}`;
    let st = studies.get(stKey);
    if (!st) {
      st = { key: stKey, studyInstanceUID: info.studyInstanceUID, date: info.studyDate, description: info.studyDescription, series: [], instances: 0 };
      studies.set(stKey, st);
      p.studies.push(st);
    }
    const seKey = `${stKey}|${info.seriesInstanceUID || 'no-series'}`;
    let se = series.get(seKey);
    if (!se) {
      se = { key: seKey, seriesInstanceUID: info.seriesInstanceUID, number: info.seriesNumber, modality: info.modality, description: info.seriesDescription, files: [], frames: 0, refused: 0 };
      series.set(seKey, se);
      st.series.push(se);
    }
    se.files.push(f);
    se.frames += info.frames;
    st.instances++;
    p.instances++;
    if (f.scan?.status === 'refused') {
      se.refused++;
      p.refused++;
    }
  }
  for (const se of series.values()) {
    // Instance Number parsed once per file, not once per comparison.
    const keyed = se.files.map((f) => ({ f, n: num(f.scan!.info!.instanceNumber) }));
    keyed.sort((a, b) => a.n - b.n || a.f.id - b.f.id);
    se.files = keyed.map((k) => k.f);
  }
  for (const st of studies.values()) st.series.sort((a, b) => num(a.number) - num(b.number) || a.key.localeCompare(b.key));
  const list = [...patients.values()].sort((a, b) => (a.name || a.patientID).localeCompare(b.name || b.patientID));
  for (const p of list) p.studies.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  return { patients: list, others, pending };
}

/** Find a series node by key. */
export function findSeries(tree: InstanceTree, key: string | null): SeriesNode | undefined {
  if (!key) return undefined;
  for (const p of tree.patients) for (const st of p.studies) for (const se of st.series) if (se.key === key) return se;
  return undefined;
}

/** The series key of a file, or undefined when it is not in the tree. */
export function seriesKeyOf(tree: InstanceTree, fileId: number): string | undefined {
  for (const p of tree.patients) for (const st of p.studies) for (const se of st.series) if (se.files.some((f) => f.id === fileId)) return se.key;
  return undefined;
}

/** The first series in the tree's order (what a load shows before the operator picks one). */
export function firstSeries(tree: InstanceTree): SeriesNode | undefined {
  for (const p of tree.patients) for (const st of p.studies) if (st.series.length) return st.series[0];
  return undefined;
}
