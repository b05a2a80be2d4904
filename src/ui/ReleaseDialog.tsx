// The release decision for files the leak gate flagged: each file with the attributes its
// identifying values came from and where they were found (never the values), then "Release and
// include" or "Leave out". With two-person release on, a second person types their name (not
// the operator's) to confirm; the release and both names go into the audit log. A modal dialog
// (use-modal.ts): focus stays inside; Escape is "Leave out" (nothing is released without a click).

import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Message } from '../core/messages/message.ts';
import { placeOf } from '../core/leak/place.ts';
import { useCodes } from '../i18n/messages.ts';
import { answerRelease } from '../state/release.ts';
import { useStore } from '../state/store.ts';
import { useModal } from './use-modal.ts';

const SHOWN = 50;

const leaveOut = () => answerRelease(false);

export function ReleaseDialog() {
  const { t } = useTranslation('app');
  const c = useCodes();
  const req = useStore((s) => s.release);
  const [reviewer, setReviewer] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useModal(box, leaveOut, req !== null);
  useEffect(() => {
    setReviewer('');
    setError(null);
  }, [req]);
  if (!req) return null;
  const release = () => setError(answerRelease(true, reviewer));
  const one = req.files.length === 1;
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal" role="alertdialog" aria-modal="true" aria-labelledby="release-title" aria-describedby="release-expl" data-testid="release-dialog">
        <h2 id="release-title">{one ? t('release.titleOne') : t('release.title', { n: req.files.length })}</h2>
        <p className="small" id="release-expl">{one ? t('release.explOne') : t('release.expl')}</p>
        <ul className="flagged-list">
          {req.files.slice(0, SHOWN).map((f) => (
            <li key={f.input} data-testid="flagged-file">
              <div><span className="mono small" data-i18n-skip="file">{f.input}</span> <span className="muted small" title={f.name} data-i18n-skip="file">{f.name}</span></div>
              <ul className="small" data-i18n-skip="dicom-keywords">
                {[...new Set(f.leaks.map((l) => t('release.foundIn', { source: l.source, where: c(placeOf(l.foundIn)) })))].map((w) => <li key={w}>{w}</li>)}
              </ul>
            </li>
          ))}
        </ul>
        {req.files.length > SHOWN && <p className="muted small"><Trans t={t} i18nKey="release.more" values={{ n: req.files.length - SHOWN }} components={{ f: <span className="mono" data-i18n-skip="file-name" /> }} /></p>}
        {req.requireReviewer && (
          <label className="field">
            <span><Trans t={t} i18nKey="release.reviewer" values={{ operator: req.operator || t('release.theOperator') }} components={{ v: <span data-i18n-skip="person-name" /> }} /></span>
            <input type="text" data-testid="reviewer-name" value={reviewer} autoComplete="off" onChange={(e) => setReviewer(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && release()} />
          </label>
        )}
        {error && <p className="status refused small" role="alert" data-testid="release-error">{c(error)}</p>}
        <div className="row wrap end">
          <button type="button" className="btn" data-testid="release-leave-out" onClick={leaveOut}>{t('release.leaveOut')}</button>
          <button type="button" className="btn danger" data-testid="release-include" onClick={release}>{t('release.include')}</button>
        </div>
      </div>
    </div>
  );
}
