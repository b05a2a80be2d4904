// Keyboard shortcuts of the workstation (issue 7): one table from key to action id, pure so the
// help overlay lists exactly what the handler does. Keys are matched on KeyboardEvent.key (the
// character the layout produces), with Ctrl/⌘ where listed; typing in a field never triggers one.

export type ShortcutAction =
  | 'next-image' | 'previous-image' | 'next-series' | 'previous-series'
  | 'draw-box' | 'delete-box' | 'accept-suggestion' | 'reject-suggestion'
  | 'export' | 'slide-export' | 'help' | 'close';

export interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.key values, lower-cased for letters. */
  keys: readonly string[];
  /** Needs Ctrl (or ⌘ on a Mac). */
  ctrl?: boolean;
  /** Shown in the help overlay, e.g. "↓ J PageDown". */
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next-image', keys: ['ArrowDown', 'j', 'PageDown'], label: '↓ · J · PageDown' },
  { action: 'previous-image', keys: ['ArrowUp', 'k', 'PageUp'], label: '↑ · K · PageUp' },
  { action: 'next-series', keys: ['ArrowRight', 'n'], label: '→ · N' },
  { action: 'previous-series', keys: ['ArrowLeft', 'p'], label: '← · P' },
  { action: 'draw-box', keys: ['b'], label: 'B' },
  { action: 'delete-box', keys: ['Delete', 'Backspace'], label: 'Delete · Backspace' },
  { action: 'accept-suggestion', keys: ['a'], label: 'A' },
  { action: 'reject-suggestion', keys: ['r'], label: 'R' },
  { action: 'export', keys: ['e'], label: 'E' },
  { action: 'export', keys: ['e'], ctrl: true, label: 'Ctrl+E' },
  { action: 'slide-export', keys: ['s'], label: 'S' },
  { action: 'help', keys: ['?'], label: '?' },
  { action: 'close', keys: ['Escape'], label: 'Esc' },
];

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The action for a key press, or null (Alt combinations and unlisted Ctrl ones are the browser's). */
export function actionForKey(e: KeyPress): ShortcutAction | null {
  if (e.altKey) return null;
  const ctrl = Boolean(e.ctrlKey || e.metaKey);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const hit = SHORTCUTS.find((s) => Boolean(s.ctrl) === ctrl && s.keys.includes(key));
  return hit?.action ?? null;
}

/** Whether a key press happened while typing (inputs, text areas, selects, editable content). */
export function isTypingTarget(t: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!t?.tagName) return false;
  const tag = t.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (t.type ?? 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** The id `step` places from `current` in `ids` (clamped to the ends), or null when there are none. */
export function stepThrough<T>(ids: readonly T[], current: T | null, step: number): T | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at < 0) return ids[step >= 0 ? 0 : ids.length - 1]!;
  return ids[Math.max(0, Math.min(ids.length - 1, at + step))]!;
}
