// What Veil keeps on this computer, and only after the operator opts in ("Remember on this
// computer"): named items in one IndexedDB database (through the idb package), each stamped
// with its saved-at time and time-to-live (src/workspace/stored-items.ts). Without opt-in the database
// is never opened, so it does not exist. "Forget everything" deletes the database and any
// Cache Storage cache other than the app shell's (the service worker's "veil-<version>").

import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { splitExpired, stamp, type StoredItem } from '../workspace/stored-items.ts';

export const DB_NAME = 'veil-local';
const STORE = 'items';
/** The service worker's app shell caches (build/sw-template.js): kept by "Forget everything". */
const APP_SHELL_CACHE = /^veil-[0-9a-f]{12}$/;

export type ItemName = 'key' | 'mapping' | 'options' | 'settings';

interface VeilDb extends DBSchema {
  items: { key: string; value: StoredItem };
}

const open = (): Promise<IDBPDatabase<VeilDb>> =>
  openDB<VeilDb>(DB_NAME, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
    },
  });

/** Whether the database exists, without creating it. */
export async function databaseExists(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true; // cannot tell: open, and delete if empty
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/** The remembered items still within their time-to-live; expired ones are purged first. */
export async function loadRemembered(now: number): Promise<Map<string, StoredItem> | null> {
  if (!(await databaseExists())) return null;
  const db = await open();
  let keep: Map<string, StoredItem>;
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    const split = splitExpired(keys.map((k, i) => [k, values[i]] as [string, unknown]), now);
    await Promise.all([...split.purge.map((k) => tx.store.delete(k)), tx.done]);
    keep = split.keep;
  } finally {
    db.close();
  }
  if (keep.size === 0) {
    await forgetStored();
    return null;
  }
  return keep;
}

/** Save (replace) the given items, each stamped with `now` and the time-to-live. */
export async function saveItems(items: Partial<Record<ItemName, unknown>>, now: number, ttlHours: number): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([...Object.entries(items).map(([k, v]) => tx.store.put(stamp(v, now, ttlHours), k)), tx.done]);
  } finally {
    db.close();
  }
}

/** Delete the database (every remembered item). */
export async function forgetStored(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await deleteDB(DB_NAME, { blocked: () => console.warn('Veil: the local database is still open elsewhere; it is deleted once that closes') });
}

/** Delete every Cache Storage cache of this origin except the app shell; returns how many. */
export async function deleteUserCaches(): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const names = (await caches.keys()).filter((n) => !APP_SHELL_CACHE.test(n));
  await Promise.all(names.map((n) => caches.delete(n)));
  return names.length;
}
