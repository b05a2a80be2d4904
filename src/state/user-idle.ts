// When the operator has left the page alone for a while: the last pointer, key or wheel input on
// the page, or files picked or dropped, and a call that runs once that many milliseconds have
// passed without any (restarting its wait on every input, and not while the tab is hidden).
// Background work (the OCR of the shown series) waits for this so it never competes with what
// the operator is doing.

/** What counts as the operator's input: pointer, keys, wheel, and files picked (change) or dropped. */
const INPUTS = ['pointerdown', 'keydown', 'wheel', 'change', 'drop'] as const;
let lastInput = Date.now();
let wired = false;

function wire(): void {
  if (wired || typeof window === 'undefined') return;
  wired = true;
  const mark = (): void => {
    lastInput = Date.now();
  };
  for (const type of INPUTS) window.addEventListener(type, mark, { capture: true, passive: true });
}
// Watching from start-up: files picked or dropped before any background work was scheduled are
// the operator's latest input too (counted from page load instead, a background OCR started the
// moment the files were read, and competed with the export the operator started next).
wire();

/** Milliseconds since the operator's last input on the page. */
export const idleFor = (): number => Date.now() - lastInput;

/**
 * Runs `fn` once the operator has been idle for `ms` (and the page is visible, and `busy` — work
 * the operator asked for, such as reading files or an export — says no); returns a cancel.
 */
export function whenIdle(ms: number, fn: () => void, busy?: () => boolean): () => void {
  wire();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    const left = ms - idleFor();
    if (left <= 0 && !hidden && !busy?.()) fn();
    else timer = setTimeout(check, Math.max(left, 250));
  };
  timer = setTimeout(check, Math.max(ms - idleFor(), 0));
  return () => clearTimeout(timer);
}
