// The keyboard shortcuts (table in app/shortcuts.ts) wired to the app's actions, and the help
// overlay listing them (? key, or the top bar's ShortcutButton). Mounted once by App. Export and slide export press their own
// buttons, so a shortcut never does what the button would not (disabled stays disabled).

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTree, findSeries } from '../workspace/instance-tree.ts';
import { actionForKey, isTypingTarget, stepThrough, type ShortcutAction } from '../workspace/shortcuts.ts';
import { boxesOnFrame, filesById } from '../workspace/redaction-boxes.ts';
import { notice } from '../core/messages/notice.ts';
import { selectFile, selectSeries, setNotice } from '../state/actions.ts';
import { acceptFocusedSuggestion, rejectFocusedSuggestion } from '../state/ocr-suggestions.ts';
import { removeBox, setDrawing } from '../state/redaction.ts';
import { store } from '../state/store.ts';
import { SHOW_SHORTCUTS_EVENT } from './ShortcutButton.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';

function pressButton(testId: string): void {
  const b = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
  if (b && !b.disabled) b.click();
}

async function deleteBox(): Promise<void> {
  const s = store.get();
  const file = s.selectedFile;
  if (file === null) return;
  const byId = filesById(s.files);
  const frames = byId.get(file)?.scan?.info?.frames ?? 1;
  const onImage = new Set<string>();
  for (let fr = 0; fr < frames; fr++) for (const b of boxesOnFrame(s.boxes, byId, file, fr)) onImage.add(b.id);
  let selected: string[] = [];
  try {
    selected = (await import('../viewer/selected-annotations.ts')).selectedAnnotationUIDs();
  } catch {
    /* viewer not loaded */
  }
  const target = selected.find((id) => onImage.has(id)) ?? [...s.boxes].reverse().find((b) => onImage.has(b.id))?.id;
  if (target) removeBox(target);
  else setNotice(notice('noBoxToDelete'));
}

/** Runs one action; returns false when it did not apply (the key then keeps its default). */
function run(action: ShortcutAction, help: { open: boolean; set: (v: boolean) => void }): boolean {
  const s = store.get();
  const tree = () => buildTree(s.files);
  switch (action) {
    case 'help':
      help.set(!help.open);
      return true;
    case 'close':
      if (help.open) help.set(false);
      else if (s.drawing) setDrawing(false);
      else return false;
      return true;
    case 'next-image':
    case 'previous-image': {
      const series = findSeries(tree(), s.selectedSeries);
      const next = series ? stepThrough(series.files.map((f) => f.id), s.selectedFile, action === 'next-image' ? 1 : -1) : null;
      if (next === null) return false;
      selectFile(next);
      return true;
    }
    case 'next-series':
    case 'previous-series': {
      const keys = tree().patients.flatMap((p) => p.studies.flatMap((st) => st.series.map((se) => se.key)));
      const next = stepThrough(keys, s.selectedSeries, action === 'next-series' ? 1 : -1);
      if (next === null) return false;
      selectSeries(next);
      return true;
    }
    case 'draw-box':
      if (s.selectedSeries === null) return false;
      setDrawing(!s.drawing);
      return true;
    case 'delete-box':
      void deleteBox();
      return true;
    case 'accept-suggestion':
      acceptFocusedSuggestion();
      return true;
    case 'reject-suggestion':
      rejectFocusedSuggestion();
      return true;
    case 'export':
      pressButton('export-zip');
      return true;
    case 'slide-export':
      pressButton('slide-export');
      return true;
  }
}

export function ShortcutKeys() {
  const { t } = useTranslation('shortcuts');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTypingTarget(e.target as HTMLElement | null)) return;
      const action = actionForKey(e);
      if (!action) return;
      // Another dialog (release, help page, review) has the keyboard: leave its keys to it.
      if (document.querySelector('[aria-modal="true"]:not([data-testid="shortcuts-help"])')) return;
      // The list itself only opens and closes.
      if (open && action !== 'help' && action !== 'close') return;
      if (run(action, { open, set: setOpen })) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, t]);
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(SHOW_SHORTCUTS_EVENT, show);
    return () => window.removeEventListener(SHOW_SHORTCUTS_EVENT, show);
  }, []);
  return open ? <ShortcutHelp onClose={() => setOpen(false)} /> : null;
}
