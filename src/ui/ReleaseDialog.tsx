// The release decision for files the leak gate flagged: each file with the attributes its
// identifying values came from and where they were found (never the values), then "Release and
// include" or "Leave out". With two-person release on, a second person types their name (not
// the operator's) to confirm; the release and both names go into the audit log.

import { useEffect, useRef, useState } from 'react';
import { answerRelease } from '../state/release.ts';
import { useStore } from '../state/store.ts';

const SHOWN = 50;

export function ReleaseDialog() {
  const req = useStore((s) => s.release);
  const [reviewer, setReviewer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setReviewer('');
    setError(null);
    if (req) box.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [req]);
  if (!req) return null;
  const release = () => setError(answerRelease(true, reviewer));
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal" role="alertdialog" aria-modal="true" aria-labelledby="release-title" data-testid="release-dialog">
        <h2 id="release-title">The leak gate flagged {req.files.length} file{req.files.length === 1 ? '' : 's'}</h2>
        <p className="small">
          Identifying values of the original were found in {req.files.length === 1 ? 'its output' : 'their outputs'}. They are left out of the export unless
          you release them. A release is written to the audit log.
        </p>
        <ul className="flagged-list">
          {req.files.slice(0, SHOWN).map((f) => (
            <li key={f.input} data-testid="flagged-file">
              <div><span className="mono small">{f.input}</span> <span className="muted small" title={f.name}>{f.name}</span></div>
              <ul className="small">
                {[...new Set(f.leaks.map((l) => `${l.source} — found in ${l.foundIn}`))].map((w) => <li key={w}>{w}</li>)}
              </ul>
            </li>
          ))}
        </ul>
        {req.files.length > SHOWN && <p className="muted small">… and {req.files.length - SHOWN} more (all in report.json).</p>}
        {req.requireReviewer && (
          <label className="field">
            <span>Reviewer (a second person, not {req.operator || 'the operator'})</span>
            <input type="text" data-testid="reviewer-name" value={reviewer} autoComplete="off" onChange={(e) => setReviewer(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && release()} />
          </label>
        )}
        {error && <p className="status refused small" role="alert" data-testid="release-error">{error}</p>}
        <div className="row wrap end">
          <button type="button" className="btn" data-testid="release-leave-out" onClick={() => answerRelease(false)}>Leave out</button>
          <button type="button" className="btn danger" data-testid="release-include" onClick={release}>Release and include</button>
        </div>
      </div>
    </div>
  );
}
