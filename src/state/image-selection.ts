// The images the operator ticked in the tree (issue 7: teaching slides of "the current image or
// selected images"): a set of loaded-file ids, kept apart from the viewer's selection (the one
// image shown). The batch slide export writes one slide per ticked image; with nothing ticked it
// falls back to every image of the shown series. Files that are unloaded leave the selection.

import { useSyncExternalStore } from 'react';
import { loadedFileIds, onFilesChanged } from './store.ts';

let selected: ReadonlySet<number> = new Set();
const listeners = new Set<() => void>();

function set(next: ReadonlySet<number>): void {
  selected = next;
  for (const l of listeners) l();
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** React hook over the ticked file ids (a new Set object on every change). */
export function useImageSelection(): ReadonlySet<number> {
  return useSyncExternalStore(subscribe, () => selected);
}

export const selectedImages = (): ReadonlySet<number> => selected;

/** Tick or untick every id in `ids`. */
export function setImagesSelected(ids: readonly number[], on: boolean): void {
  const next = new Set(selected);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  set(next);
}

export const toggleImage = (id: number): void => setImagesSelected([id], !selected.has(id));

export const clearImageSelection = (): void => set(new Set());

// Files unloaded (or the session cleared): their ticks go.
onFilesChanged(() => {
  if (selected.size === 0) return;
  const ids = loadedFileIds();
  if ([...selected].every((id) => ids.has(id))) return;
  set(new Set([...selected].filter((id) => ids.has(id))));
});
