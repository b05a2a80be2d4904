// The OCR assist (issues 4 and 13): read the text on the shown image or series with the shipped
// PP-OCR engine (every frame, from the pixels, in three windows; progress and a stop button);
// each proposal (marked when its text identifies the patient) is listed (and outlined, dashed, on the viewer) until the
// operator accepts it (it becomes a redaction box on every frame of its image) or rejects it.

import { useCodes } from '../i18n/messages.ts';
import { useTranslation } from 'react-i18next';
import { acceptAllSuggestions, acceptSuggestion, cancelOcr, focusSuggestion, rejectSuggestion, runOcr, useOcr } from '../state/ocr-suggestions.ts';
import { useStore } from '../state/store.ts';

/** Notes inside the compact redaction panel: no paragraph margins. */
const TIGHT = { margin: '2px 0' } as const;

export function OcrPanel() {
  const { t } = useTranslation('ocr');
  const c = useCodes();
  const selected = useStore((s) => s.selectedFile);
  const running = useOcr((s) => s.running);
  const message = useOcr((s) => s.message);
  const done = useOcr((s) => s.done);
  const total = useOcr((s) => s.total);
  const phase = useOcr((s) => s.phase);
  const all = useOcr((s) => s.suggestions);
  const focused = useOcr((s) => s.focused);
  const mine = all.filter((s) => s.fileId === selected);
  return (
    <div className="ocr-panel" aria-label={t('panelLabel')}>
      <div className="redaction-head">
        <strong>{t('title')}</strong>
        <span className="redaction-actions">
          <button type="button" data-testid="ocr-run" onClick={() => void runOcr('image')} title={t('runImageHint')}>{t('runImage')}</button>
          <button type="button" data-testid="ocr-run-series" onClick={() => void runOcr('series')}>{t('runSeries')}</button>
          {running && <button type="button" data-testid="ocr-cancel" onClick={() => void cancelOcr()}>{t('cancel')}</button>}
          {mine.length > 1 && <button type="button" data-testid="ocr-accept-all" onClick={() => acceptAllSuggestions(selected ?? undefined)}>{t('acceptAll')}</button>}
        </span>
      </div>
      {message && (
        <p className="muted" style={TIGHT} role="status" data-testid="ocr-status" data-state={phase === 'idle' ? undefined : phase}>
          {c(message)}{running && total ? ` (${t('progress', { done, total })})` : ''}
          {running && total > 0 && <progress max={total} value={done} style={{ display: 'block', width: '100%' }} />}
        </p>
      )}
      {all.length > mine.length && <p className="muted" style={TIGHT}>{t('elsewhere', { count: all.length - mine.length })}</p>}
      {mine.length > 0 && (
        <ul className="redaction-list">
          {mine.map((s) => (
            <li key={s.id} data-testid="ocr-suggestion" data-box={JSON.stringify({ x: s.x, y: s.y, width: s.width, height: s.height })}
              style={s.id === focused ? { outline: '1px dashed rgb(0, 200, 255)' } : undefined} aria-current={s.id === focused} onClick={() => focusSuggestion(s.id)}>
              <span>{t('proposal', { text: s.fixed ? t('static') : s.text, width: s.width, height: s.height, x: s.x, y: s.y, confidence: s.confidence })}</span>
              {s.identifying && <strong data-testid="ocr-identifying" title={t('identifyingHint')}> {t('identifying')}</strong>}
              <button type="button" data-testid="ocr-accept" onClick={() => acceptSuggestion(s.id)}>{t('accept')}</button>
              <button type="button" data-testid="ocr-reject" onClick={() => rejectSuggestion(s.id)}>{t('reject')}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
