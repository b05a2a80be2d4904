// "Remember on this computer": when the operator opts in, the project key, the mapping, the
// profile options and the settings are kept in IndexedDB (local-data.ts) and restored on the
// next visit; every item expires after the chosen time-to-live (default 72 hours) and expired
// items are purged at start-up. Only changed items are saved again. Off by default: then
// nothing outlives the tab. "Forget everything" deletes what was kept and resets the session.

import { errorDetail, notice } from '../core/messages/notice.ts';
import { generateKey } from '../core/deid/project-key.ts';
import type { Pseudonym } from '../core/deid/pseudonymizer.ts';
import { DEFAULT_OPTIONS, validateOptions, type ProfileOptions } from '../core/profile/options.ts';
import { clearAll, replaceSession } from './actions.ts';
import { deleteUserCaches, forgetStored, loadRemembered, saveItems, type ItemName } from './local-data.ts';
import { DEFAULT_SETTINGS, store, type AppState, type Settings } from './store.ts';

type Snapshot = Pick<AppState, 'key' | 'keyOrigin' | 'mapping' | 'options' | 'settings'>;

let started = false;
let ready = false;
let saved: Partial<Record<ItemName, unknown>> = {};
let timer: ReturnType<typeof setTimeout> | null = null;
let saving: Promise<void> = Promise.resolve();

const itemsOf = (s: Snapshot): Record<ItemName, unknown> => ({
  key: { bytes: s.key, origin: s.keyOrigin },
  mapping: s.mapping,
  options: s.options,
  settings: s.settings,
});

/** Values equal for saving purposes (same object, or same key bytes). */
function same(name: ItemName, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (name !== 'key' || !a || !b) return false;
  const x = a as { bytes: Uint8Array; origin: string };
  const y = b as { bytes: Uint8Array; origin: string };
  return x.origin === y.origin && x.bytes.length === y.bytes.length && x.bytes.every((v, i) => v === y.bytes[i]);
}

function restore(items: Map<string, { value: unknown }>): void {
  const settings = items.get('settings')?.value as Partial<Settings> | undefined;
  if (!settings?.remember) return;
  const patch: Partial<Snapshot> = {};
  const key = items.get('key')?.value as { bytes?: unknown; origin?: unknown } | undefined;
  if (key?.bytes instanceof Uint8Array && key.bytes.length >= 16) {
    patch.key = key.bytes;
    patch.keyOrigin = key.origin === 'imported' ? 'imported' : 'generated';
  }
  const options = items.get('options')?.value as ProfileOptions | undefined;
  if (options && typeof options === 'object' && validateOptions({ ...DEFAULT_OPTIONS, ...options }).length === 0) patch.options = { ...DEFAULT_OPTIONS, ...options };
  const mapping = items.get('mapping')?.value as { name?: unknown; pairs?: unknown } | null | undefined;
  if (mapping && typeof mapping.name === 'string' && Array.isArray(mapping.pairs)) patch.mapping = { name: mapping.name, pairs: mapping.pairs as [string, Pseudonym][] };
  const ttl = Number(settings.ttlHours);
  store.set({ settings: { ...DEFAULT_SETTINGS, requireReviewer: settings.requireReviewer === true, remember: true, ttlHours: Number.isFinite(ttl) && ttl > 0 ? ttl : DEFAULT_SETTINGS.ttlHours } });
  if (Object.keys(patch).length) replaceSession(patch);
  // What was restored counts as saved: reloading does not extend its time-to-live.
  saved = Object.fromEntries(Object.entries(itemsOf(store.get())).filter(([k]) => items.has(k)));
}

function scheduleSave(all = false): void {
  if (!ready || !store.get().settings.remember) return;
  if (all) saved = {};
  if (timer !== null) return;
  timer = setTimeout(() => {
    timer = null;
    const s = store.get();
    if (!s.settings.remember) return;
    const now = itemsOf(s);
    const changed = Object.fromEntries(Object.entries(now).filter(([k, v]) => !same(k as ItemName, saved[k as ItemName], v)));
    if (Object.keys(changed).length === 0) return;
    saved = { ...saved, ...changed };
    saving = saving.then(() => saveItems(changed, Date.now(), s.settings.ttlHours)).catch((err: unknown) => {
      store.set({ notice: notice('keepFailed', { error: errorDetail(err) }) });
    });
  }, 50);
}

/** Once per page: restore what was remembered (purging expired items), then follow changes. */
export async function startPersistence(): Promise<void> {
  if (started) return;
  started = true;
  try {
    const items = await loadRemembered(Date.now());
    if (items) restore(items);
  } catch (err) {
    store.set({ notice: notice('keptUnreadable', { error: errorDetail(err) }) });
  }
  ready = true;
  scheduleSave(); // items that had expired on their own are saved again while remembering is on
  let last = store.get();
  store.subscribe(() => {
    const s = store.get();
    if (s.key !== last.key || s.mapping !== last.mapping || s.options !== last.options || s.settings !== last.settings) scheduleSave();
    last = s;
  });
}

/** Opt in or out. Opting out deletes what was kept (the session itself goes on). */
export async function setRemember(on: boolean): Promise<void> {
  store.set((s) => ({ settings: { ...s.settings, remember: on } }));
  if (on) return scheduleSave(true);
  saved = {};
  await saving;
  await forgetStored();
  store.set({ notice: notice('rememberOff') });
}

export function setTtlHours(hours: number): void {
  store.set((s) => ({ settings: { ...s.settings, ttlHours: hours } }));
  scheduleSave(true); // every item gets the new time-to-live
}

export function setRequireReviewer(on: boolean): void {
  store.set((s) => ({ settings: { ...s.settings, requireReviewer: on } }));
}

/** "Forget everything on this computer": the database, user-data caches, and this session. */
export async function forgetEverything(): Promise<void> {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  saved = {};
  await saving.catch(() => {});
  await forgetStored();
  const caches = await deleteUserCaches();
  clearAll();
  store.set({ settings: { ...DEFAULT_SETTINGS }, operator: '', release: null });
  replaceSession({ key: generateKey(), keyOrigin: 'generated', mapping: null, options: { ...DEFAULT_OPTIONS } });
  store.set({ notice: caches === 0 ? notice('forgotten') : caches === 1 ? notice('forgottenCache') : notice('forgottenCaches', { n: caches }) });
}
