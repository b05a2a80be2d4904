// The help overlay listing every keyboard shortcut (from app/shortcuts.ts, so it cannot drift
// from what the keys do). Opened with ? or its button; Esc, the button or a click outside closes it.
// A modal dialog (use-modal.ts): focus starts on the close button, stays inside, and returns to
// where it was when the list closes.

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../workspace/shortcuts.ts';
import { useModal } from './use-modal.ts';

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('shortcuts');
  const box = useRef<HTMLDivElement>(null);
  useModal(box, onClose);
  return (
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className="modal" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
        <h2 id="shortcuts-title">{t('title')}</h2>
        <p className="muted small">{t('intro')}</p>
        <table className="shortcuts-table">
          <thead>
            <tr><th scope="col" style={{ textAlign: 'left' }}>{t('keys')}</th><th scope="col" style={{ textAlign: 'left' }}>{t('action')}</th></tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.label} data-action={s.action}>
                <td><kbd>{s.label}</kbd></td>
                <td>{t(`actions.${s.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row wrap end">
          <button type="button" className="btn" data-testid="shortcuts-close" onClick={onClose}>{t('close')}</button>
        </div>
      </div>
    </div>
  );
}
