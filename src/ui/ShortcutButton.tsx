// The top bar's button that opens the keyboard-shortcut list (the same as pressing ?).
// ShortcutKeys owns the list; this only asks it to open, through a window event.

import { useTranslation } from 'react-i18next';

export const SHOW_SHORTCUTS_EVENT = 'veil:show-shortcuts';

export function ShortcutButton() {
  const { t } = useTranslation('shortcuts');
  return (
    <button type="button" className="btn ghost" data-testid="shortcuts-button" aria-haspopup="dialog" title={t('button')}
      onClick={() => window.dispatchEvent(new Event(SHOW_SHORTCUTS_EVENT))}>
      {t('button')}
    </button>
  );
}
