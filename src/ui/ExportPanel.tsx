// Export: one ZIP of everything loaded with the current options (a download, or straight into a
// file or folder the operator picks where the File System Access API exists) holding de-identified
// DICOM only, progress with remaining time, cancel, and every flagged, refused or skipped file
// listed with its reason. The buttons wait until every opened file is read (they show the reading
// progress). After an export, "Save private records" saves the mapping CSVs, report.json and the
// audit log apart, with a warning that they re-identify the patients. The operator's name
// (optional, asked once per session) goes into the audit log.

import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatBytes } from '../workspace/format.ts';
import { formatNumber } from '../i18n/index.ts';
import { useCodes } from '../i18n/messages.ts';
import type { Message } from '../core/messages/message.ts';
import { errorDetail, MessageError } from '../core/messages/notice.ts';
import { cancelExport } from '../state/export-run.ts';
import { runReviewedExport as runExport } from '../state/review-gate.ts';
import { canPickFile, canPickFolder, downloadTarget, pickFileTarget, pickFolderTarget } from '../state/output-targets.ts';
import { useFilesReady } from '../state/files-ready.ts';
import { savePrivateRecordsToFolder, savePrivateRecordsZip, usePrivateRecords } from '../state/private-records.ts';
import { setOperator } from '../state/actions.ts';
import { store, useStore } from '../state/store.ts';
import { ProgressBar } from './ProgressBar.tsx';

const SHOWN_FAILURES = 200;

const zipName = () => `veil-export-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;
const MONO = { mono: <span className="mono" data-i18n-skip="file-name" />, f: <span className="mono" data-i18n-skip="file-name" /> };

export function ExportPanel() {
  const { t } = useTranslation('app');
  const c = useCodes();
  const ex = useStore((s) => s.exporting);
  const count = useStore((s) => s.files.length);
  const loading = useStore((s) => s.loading);
  const ready = useFilesReady();
  const records = usePrivateRecords();
  // Why saving a private record failed: our Message (rendered on each render, so it follows a language switch) or a foreign error's text.
  const [privateError, setPrivateError] = useState<Message | string | null>(null);
  const savePrivate = (save: () => Promise<boolean>) => {
    setPrivateError(null);
    save().catch((err: unknown) => setPrivateError(err instanceof MessageError ? err.problem : String(errorDetail(err))));
  };
  const operator = useStore((s) => s.operator);
  const requireReviewer = useStore((s) => s.settings.requireReviewer);
  const forMedia = useStore((s) => s.exportForMedia);
  const running = ex.phase === 'running';
  const disabled = running || count === 0 || !ready;
  // Until every opened file is read, the button shows the reading progress instead.
  const reading = !ready && count > 0 && !running;
  return (
    <section className="side-section export" aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="muted small"><Trans t={t} i18nKey="export.expl" components={MONO} /></p>
      <label className="field inline">
        <span className="small">{requireReviewer ? t('export.operator') : t('export.operatorOptional')}</span>
        <input type="text" data-testid="operator-name" value={operator} placeholder={t('export.operatorPlaceholder')} autoComplete="name" disabled={running} onChange={(e) => setOperator(e.target.value)} />
      </label>
      <label className="check small" title={t('export.forMediaHint')}>
        <input type="checkbox" data-testid="export-for-media" checked={forMedia} disabled={running} onChange={(e) => store.set({ exportForMedia: e.target.checked })} /> {t('export.forMedia')}
      </label>
      <div className="row wrap">
        <button type="button" className="btn primary" data-testid="export-zip" disabled={disabled} onClick={() => void runExport(async () => downloadTarget(zipName()))}>
          {reading ? t('export.waitingForFiles', { done: formatNumber(loading?.done ?? 0), total: formatNumber(loading?.total ?? count) }) : t('export.download', { n: formatNumber(count) })}
        </button>
        {canPickFile() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(() => pickFileTarget(zipName()))}>{t('export.saveTo')}</button>}
        {canPickFolder() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(pickFolderTarget)}>{t('export.toFolder')}</button>}
      </div>
      {reading && <p className="muted small" data-testid="export-waiting">{t('export.stillReading')}</p>}
      {running && (
        <>
          <div className="row">
            <ProgressBar label={t('export.exporting')} done={ex.done} total={ex.total} startedAt={ex.startedAt} />
            <button type="button" className="btn small danger" onClick={cancelExport}>{t('export.cancel')}</button>
          </div>
          <div className="muted small ellipsis" title={ex.target} data-i18n-skip="file-name">{t(ex.targetKind === 'folder' ? 'export.toFolderNamed' : 'export.to', { target: ex.target })}</div>
        </>
      )}
      <p className={`export-status ${ex.phase}`} data-testid="export-status" role="status">
        {running
          ? ex.message ? c(ex.message) : t('export.runningStatus', { done: formatNumber(ex.done), total: formatNumber(ex.total), written: formatNumber(ex.written), size: formatBytes(ex.bytesOut) })
          : ex.message && c(ex.message)}
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
                <div className={`status ${f.status}`}>{t('export.statusLine', { status: t(`export.status.${f.status}`), error: c(f.message) })}</div>
              </li>
            ))}
          </ul>
          {ex.failures.length > SHOWN_FAILURES && <p className="muted small">{t('export.more', { n: formatNumber(ex.failures.length - SHOWN_FAILURES) })}</p>}
        </details>
      )}
      <div className="private-records" data-testid="private-records">
        <p className="warnings" role="note"><Trans t={t} i18nKey="export.privateWarning" components={MONO} /></p>
        <div className="row wrap">
          <button type="button" className="btn" data-testid="export-private" disabled={!records || running} onClick={() => savePrivate(savePrivateRecordsZip)}>{t('export.savePrivate')}</button>
          {canPickFolder() && <button type="button" className="btn" data-testid="export-private-folder" disabled={!records || running} onClick={() => savePrivate(savePrivateRecordsToFolder)}>{t('export.savePrivateFolder')}</button>}
        </div>
        {privateError && <p className="warnings" role="alert">{t('export.privateFailed', { reason: typeof privateError === 'string' ? privateError : c(privateError) })}</p>}
      </div>
    </section>
  );
}
