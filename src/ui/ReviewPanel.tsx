// Review mode (issue 4): how many loaded images may carry burned-in text and how many are still
// unreviewed; step through them, and mark the shown one redacted (its boxes cover the text) or
// confirmed clean — refused, with the reason, while the image is not drawn or the boxes leave text
// OCR found uncovered (src/state/review.ts). Also the export's question when candidates are
// unreviewed (ReviewGateDialog).

import { useMemo, useRef, useState } from 'react';
import { useModal } from './use-modal.ts';
import { useTranslation } from 'react-i18next';
import { candidates, markSelected, mark, nextCandidate, startReview, stopReview, useReview, type MarkRefusal } from '../state/review.ts';
import { answerReviewGate, useReviewGate } from '../state/review-gate.ts';
import { useOcr } from '../state/ocr-suggestions.ts';
import { useStore } from '../state/store.ts';

/** Notes inside the compact redaction panel: no paragraph margins. */
const TIGHT = { margin: '2px 0' } as const;

export function ReviewPanel() {
  const { t } = useTranslation('review');
  const files = useStore((s) => s.files);
  const boxes = useStore((s) => s.boxes);
  const selected = useStore((s) => s.selectedFile);
  const marks = useReview((s) => s.marks);
  const active = useReview((s) => s.active);
  const hits = useOcr((s) => s.hits);
  const rendered = useReview((s) => (selected === null ? undefined : s.rendered.get(selected)));
  const [refused, setRefused] = useState<{ fileId: number; why: MarkRefusal } | null>(null);
  const markShown = (m: 'redacted' | 'clean') => {
    const why = markSelected(m);
    setRefused(why && selected !== null ? { fileId: selected, why } : null);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const list = useMemo(() => candidates(files, boxes), [files, boxes, marks, hits]);
  const open = list.filter((c) => c.status === 'unreviewed').length;
  const current = list.find((c) => c.fileId === selected);
  const hasBoxes = (current?.boxes ?? 0) > 0;
  return (
    <div className="review-panel" aria-label={t('panelLabel')}>
      <div className="redaction-head">
        <strong>{t('title')}</strong>
        <span className="muted" data-testid="review-status" data-open={open} data-total={list.length}>
          {' '}{list.length ? t('status', { open, total: list.length }) : t('none')}
        </span>
        <span className="redaction-actions">
          {!active && list.length > 0 && <button type="button" data-testid="review-start" onClick={startReview}>{t('start')}</button>}
          {active && <button type="button" data-testid="review-next" onClick={() => nextCandidate()} disabled={open === 0}>{t('next')}</button>}
          {active && <button type="button" onClick={stopReview}>{t('stop')}</button>}
        </span>
      </div>
      {selected !== null && (current || active) && (
        <p className="review-current" style={TIGHT} data-testid="review-current" data-status={current?.status ?? ''}>
          <span>{current ? t(`state.${current.status}`) : t('notCandidate')}{current?.reasons.length ? ` · ${current.reasons.map((r) => t(`reason.${r}`)).join(', ')}` : ''}</span>{' '}
          <button type="button" data-testid="review-mark-redacted" disabled={!hasBoxes} title={hasBoxes ? undefined : t('needsBoxes')} onClick={() => markShown('redacted')}>{t('markRedacted')}</button>
          <button type="button" data-testid="review-confirm-clean" disabled={rendered !== true} title={rendered === true ? undefined : t(rendered === false ? 'refused.render-failed' : 'refused.not-rendered')} onClick={() => markShown('clean')}>{t('confirmClean')}</button>
          {current?.mark && <button type="button" onClick={() => mark(current.fileId, null)}>{t('undo')}</button>}
        </p>
      )}
      {refused && refused.fileId === selected && <p className="warnings" style={TIGHT} role="alert" data-testid="review-refused" data-reason={refused.why}>{t(`refused.${refused.why}`)}</p>}
      {active && open === 0 && <p className="muted" style={TIGHT} role="status">{t('allDone')}</p>}
    </div>
  );
}

const closeGate = () => answerReviewGate(false);

/** The export's question: unreviewed images that may carry burned-in text (focus trapped, Escape = review first). */
export function ReviewGateDialog() {
  const { t } = useTranslation('review');
  const gate = useReviewGate();
  const box = useRef<HTMLDivElement>(null);
  // Escape is "review first": nothing is exported without an answer.
  useModal(box, closeGate, gate !== null);
  if (!gate) return null;
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal" role="dialog" aria-modal="true" aria-labelledby="review-gate-title" data-testid="review-gate">
        <h2 id="review-gate-title">{t('gate.title')}</h2>
        <p>{t('gate.body', { count: gate.count })}</p>
        <div className="modal-actions">
          <button type="button" className="btn primary" data-testid="review-gate-review" onClick={() => answerReviewGate(false)}>{t('gate.review')}</button>
          <button type="button" className="btn" data-testid="review-gate-export" onClick={() => answerReviewGate(true)}>{t('gate.exportAnyway')}</button>
        </div>
      </div>
    </div>
  );
}
