// Export: one ZIP of everything loaded with the current options (a download, or straight into a
// file or folder the operator picks where the File System Access API exists), progress with
// remaining time, cancel, and every flagged, refused or skipped file listed with its reason.
// The operator's name (optional, asked once per session) goes into the audit log.

import { Trans, useTranslation } from 'react-i18next';
import { formatBytes } from '../workspace/format.ts';
import { formatNumber } from '../i18n/index.ts';
import { useCodes, useMessages } from '../i18n/messages.ts';
import { cancelExport } from '../state/export-run.ts';
import { runReviewedExport as runExport } from '../state/review-gate.ts';
import { canPickFile, canPickFolder, downloadTarget, pickFileTarget, pickFolderTarget } from '../state/output-targets.ts';
import { setOperator } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { ProgressBar } from './ProgressBar.tsx';

const SHOWN_FAILURES = 200;

const zipName = () => `veil-export-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;
const MONO = { mono: <span className="mono" data-i18n-skip="file-name" />, f: <span className="mono" data-i18n-skip="file-name" /> };

export function ExportPanel() {
  const { t } = useTranslation('app');
  const m = useMessages();
  const c = useCodes();
  const ex = useStore((s) => s.exporting);
  const count = useStore((s) => s.files.length);
  const scanning = useStore((s) => s.loading !== null);
  const operator = useStore((s) => s.operator);
  const requireReviewer = useStore((s) => s.settings.requireReviewer);
  const running = ex.phase === 'running';
  const disabled = running || count === 0;
  return (
    <section className="side-section export" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="muted small"><Trans t={t} i18nKey="export.expl" components={MONO} /></p>
      <label className="field inline">
        <span className="small">{requireReviewer ? t('export.operator') : t('export.operatorOptional')}</span>
        <input type="text" data-testid="operator-name" value={operator} placeholder={t('export.operatorPlaceholder')} autoComplete="name" disabled={running} onChange={(e) => setOperator(e.target.value)} />
      </label>
      <div className="row wrap">
        <button type="button" className="btn primary" data-testid="export-zip" disabled={disabled} onClick={() => void runExport(async () => downloadTarget(zipName()))}>
          {t('export.download', { n: formatNumber(count) })}
        </button>
        {canPickFile() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(() => pickFileTarget(zipName()))}>{t('export.saveTo')}</button>}
        {canPickFolder() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(pickFolderTarget)}>{t('export.toFolder')}</button>}
      </div>
      {scanning && count > 0 && !running && <p className="muted small">{t('export.stillReading')}</p>}
      {running && (
        <>
          <div className="row">
            <ProgressBar label={t('export.exporting')} done={ex.done} total={ex.total} startedAt={ex.startedAt} />
            <button type="button" className="btn small danger" onClick={cancelExport}>{t('export.cancel')}</button>
          </div>
          <div className="muted small ellipsis" title={ex.target} data-i18n-skip="file-name">{t('export.to', { target: ex.target })}</div>
        </>
      )}
      <p className={`export-status ${ex.phase}`} data-testid="export-status" role="status">
        {running
          ? ex.message ? m(ex.message) : t('export.runningStatus', { done: formatNumber(ex.done), total: formatNumber(ex.total), written: formatNumber(ex.written), size: formatBytes(ex.bytesOut) })
          : m(ex.message)}
      </p>
      {ex.phase === 'done' && ex.gateMs > 0 && (
        <p className="muted small" data-testid="gate-time">{t('export.gateTime', { seconds: formatNumber(ex.gateMs / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}</p>
      )}
      {ex.failures.length > 0 && (
        <details className="failures" open={ex.failures.length <= 10}>
          <summary>{ex.failures.length === 1 ? <Trans t={t} i18nKey="export.notWrittenOne" components={MONO} /> : <Trans t={t} i18nKey="export.notWritten" values={{ n: formatNumber(ex.failures.length) }} components={MONO} />}</summary>
          <ul>
            {ex.failures.slice(0, SHOWN_FAILURES).map((f) => (
              <li key={f.input}>
                <span className="mono small" data-i18n-skip="file-name">{f.input}</span> <span title={f.name} data-i18n-skip="file-name">{f.name}</span>
                <div className={`status ${f.status}`}>{t('export.statusLine', { status: t(`export.status.${f.status}`), error: f.message ? c(f.message) : m(f.error) })}</div>
              </li>
            ))}
          </ul>
          {ex.failures.length > SHOWN_FAILURES && <p className="muted small">{t('export.more', { n: formatNumber(ex.failures.length - SHOWN_FAILURES) })}</p>}
        </details>
      )}
    </section>
  );
}
