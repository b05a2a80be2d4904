// What the UI can do to the session: add files, select, change options, key and mapping, ask
// for a plan or a viewing copy. Every change of key, options or mapping reconfigures the pool's
// workers, re-plans the selected file at once and re-checks the status of every file.

import type { Message } from '../core/messages/message.ts';
import { errorDetail, notice } from '../core/messages/notice.ts';
import { parseMappingCsv } from '../core/deid/pseudonymizer.ts';
import { parseKey } from '../core/deid/project-key.ts';
import { validateOptions, withOption, type ProfileOptions } from '../core/profile/options.ts';
import { choosePresetOptions, type PresetName } from '../core/profile/presets.ts';
import { buildTree, seriesKeyOf } from '../workspace/instance-tree.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { Scanner } from './scanner.ts';
import { store, type AppState } from './store.ts';
import { warmUpWhenIdle } from './warm-up.ts';
import { WorkerPool } from './worker-pool.ts';

let pool: WorkerPool | null = null;
const getPool = (): WorkerPool => (pool ??= new WorkerPool(store.sessionInit()));
const scanner = new Scanner(getPool, selectSeries);
warmUpWhenIdle(getPool, () => store.get().loading !== null);
let nextId = 0;

export interface Incoming {
  name: string;
  blob: Blob;
  /** Refused before reading (a ZIP entry or archive past the limits): why. */
  refused?: Message;
}

const NO_COUNTS = { X: 0, Z: 0, D: 0, K: 0, C: 0, U: 0 };

/** Which of the blobs start like a ZIP archive, checked in a worker (ahead of queued scans). */
export const zipSignatures = (blobs: Blob[]): Promise<boolean[]> => getPool().run((api) => api.zipSignatures(blobs), { urgent: true });

export function addFiles(incoming: Incoming[]): void {
  if (incoming.length === 0) return;
  const added: LoadedFile[] = incoming.map((f) => ({
    id: nextId++, name: f.name, blob: f.blob,
    // Read when first shown: the first size of a picked File is a synchronous round trip to the
    // browser process, too slow to do for 1,000 files at once on the main thread.
    get size() {
      return f.blob.size;
    },
    ...(f.refused ? { refusal: f.refused, scan: { kind: 'not-dicom' as const, status: 'refused' as const, error: f.refused, warnings: [], counts: { ...NO_COUNTS } } } : {}),
  }));
  store.set((s) => ({ files: [...s.files, ...added], filesVersion: s.filesVersion + 1, notice: null }));
  scanner.enqueue(added.filter((f) => !f.refusal).map((f) => f.id));
}

export function clearAll(): void {
  scanner.reset();
  pool?.terminate();
  pool = null;
  store.set((s) => ({ files: [], filesVersion: s.filesVersion + 1, selectedFile: null, selectedSeries: null, boxes: [], drawing: false, plan: null, planError: null, loading: null }));
}

export function selectSeries(key: string): void {
  const tree = buildTree(store.get().files);
  const series = tree.patients.flatMap((p) => p.studies.flatMap((st) => st.series)).find((se) => se.key === key);
  store.set({ selectedSeries: key });
  if (series && series.files.length) selectFile(series.files[0].id);
}

export function selectFile(id: number): void {
  const s = store.get();
  if (s.selectedFile === id && s.plan?.fileId === id && s.plan.sessionVersion === s.sessionVersion) return;
  const seriesKey = seriesKeyOf(buildTree(s.files), id) ?? s.selectedSeries;
  store.set({ selectedFile: id, selectedSeries: seriesKey ?? null });
  void replan();
}

let planSeq = 0;

/** Plan the selected file with the current session (urgent: ahead of any background scan). */
export async function replan(): Promise<void> {
  const s = store.get();
  const file = s.files.find((f) => f.id === s.selectedFile);
  if (!file) return;
  const seq = ++planSeq;
  const version = s.sessionVersion;
  try {
    const result = await getPool().run((api) => api.plan(file.blob), { urgent: true });
    if (seq === planSeq) store.set({ plan: { fileId: file.id, sessionVersion: version, result }, planError: null });
  } catch (err) {
    if (seq === planSeq) store.set({ plan: null, planError: notice('planFailed', { error: errorDetail(err) }) });
  }
}

function sessionChanged(): void {
  store.set((s) => ({ sessionVersion: s.sessionVersion + 1 }));
  pool?.configure(store.sessionInit());
  void replan();
  scanner.rescanAll();
}

/** Turn on every option of a preset, or with null turn off those of the preset shown now. */
export function choosePreset(name: PresetName | null): void {
  commitOptions(choosePresetOptions(store.get().options, name));
}

export function setOption(key: keyof ProfileOptions, value: boolean): void {
  commitOptions(withOption(store.get().options, key, value));
}

function commitOptions(options: ProfileOptions): void {
  const errors = validateOptions(options);
  if (errors.length) {
    // From the panel only the two date options can clash, and that clash has a notice of its own.
    const clash = options.retainLongitudinalFullDates && options.retainLongitudinalModifiedDates;
    store.set({ notice: clash ? notice('datesExclusive') : notice('optionsRefused', { error: errors }) });
    return;
  }
  store.set({ options });
  sessionChanged();
}

/** Key, options and mapping at once (restored from this computer, or reset): one re-plan. */
export function replaceSession(patch: Partial<Pick<AppState, 'key' | 'keyOrigin' | 'options' | 'mapping'>>): void {
  store.set(patch);
  sessionChanged();
}

export function setKey(key: Uint8Array, origin: 'generated' | 'imported'): void {
  store.set({ key, keyOrigin: origin });
  sessionChanged();
}

export async function importKeyFile(file: Blob): Promise<void> {
  try {
    setKey(parseKey(await file.text()), 'imported');
    store.set({ notice: notice('keyImported') });
  } catch (err) {
    store.set({ notice: notice('keyFailed', { error: errorDetail(err) }) });
  }
}

export async function importMappingCsv(file: File): Promise<void> {
  try {
    const mapping = parseMappingCsv(await file.text());
    store.set({ mapping: { name: file.name, pairs: [...mapping.byId] }, notice: notice('mappingImported', { n: mapping.byId.size }) });
    sessionChanged();
  } catch (err) {
    store.set({ notice: notice('mappingFailed', { error: errorDetail(err) }) });
  }
}

export function clearMapping(): void {
  store.set({ mapping: null });
  sessionChanged();
}

export function setOperator(name: string): void {
  store.set({ operator: name.slice(0, 200) });
}

export function setNotice(m: Message | null): void {
  store.set({ notice: m });
}

/** An explicit VR LE copy for the viewer (deflated, big endian), or the file itself. */
export async function viewableBlob(file: LoadedFile): Promise<Blob> {
  if (!file.scan?.info?.needsViewCopy) return file.blob;
  const bytes = await getPool().run((api) => api.viewCopy(file.blob), { urgent: true });
  return bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/dicom' }) : file.blob;
}

/**
 * "Keep only the ultrasound regions" for the selected image: boxes over everything outside its
 * Sequence of Ultrasound Regions, added as boxes of this image (all frames).
 */
export async function keepUltrasoundRegions(): Promise<void> {
  const s = store.get();
  const file = s.files.find((f) => f.id === s.selectedFile);
  if (!file) return;
  try {
    const boxes = await getPool().run((api) => api.usRegionBoxes(file.blob), { urgent: true });
    if (boxes.length === 0) {
      store.set({ notice: notice('noUsRegion') });
      return;
    }
    const prefix = `us-regions-${file.id}-`;
    const added = boxes.map((b, i) => ({ id: `${prefix}${i}`, fileId: file.id, frame: 0, scope: 'instance' as const, x: b.x, y: b.y, width: b.width, height: b.height }));
    store.set((st) => ({ boxes: [...st.boxes.filter((b) => !b.id.startsWith(prefix)), ...added] }));
  } catch (err) {
    store.set({ notice: notice('usRegionsFailed', { error: errorDetail(err) }) });
  }
}
