// Colour theme: dark by default (the reading-room convention: a dim screen beside the
// monitors), light on request. The choice is a UI preference kept in localStorage (no patient
// data) and applied as <html data-theme="…">; styles.css defines both palettes as CSS variables.

import { useSyncExternalStore } from 'react';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'veil.theme';
const listeners = new Set<() => void>();

export function storedTheme(): Theme {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

let current: Theme = storedTheme();

function apply(): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = current;
}
apply();

export function setTheme(theme: Theme): void {
  current = theme;
  apply();
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, theme);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  for (const l of listeners) l();
}

export function useTheme(): Theme {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
