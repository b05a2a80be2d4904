// Export: one ZIP of everything loaded with the current options (a download, or straight into a
// file or folder the operator picks where the File System Access API exists), progress with
// remaining time, cancel, and every flagged, refused or skipped file listed with its reason.
// The operator's name (optional, asked once per session) goes into the audit log.

import { formatBytes } from '../app/format.ts';
import { cancelExport } from '../state/export-run.ts';
import { runReviewedExport as runExport } from '../state/review-gate.ts';
import { canPickFile, canPickFolder, downloadTarget, pickFileTarget, pickFolderTarget } from '../state/output-targets.ts';
import { setOperator } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { ProgressBar } from './ProgressBar.tsx';

const SHOWN_FAILURES = 200;

const zipName = () => `veil-export-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.zip`;

export function ExportPanel() {
  const ex = useStore((s) => s.exporting);
  const count = useStore((s) => s.files.length);
  const scanning = useStore((s) => s.loading !== null);
  const operator = useStore((s) => s.operator);
  const requireReviewer = useStore((s) => s.settings.requireReviewer);
  const running = ex.phase === 'running';
  const disabled = running || count === 0;
  return (
    <div className="side-section export">
      <h2>Export</h2>
      <p className="muted small">
        Writes the de-identified files as <span className="mono">patient/study/series/instance.dcm</span> (new names only), with
        <span className="mono"> uid_mapping.csv</span>, <span className="mono">patid_mapping.csv</span>, <span className="mono">report.json</span> and the
        audit log <span className="mono">audit.jsonl</span>. Every output passes the leak gate first.
      </p>
      <label className="field inline">
        <span className="small">Operator{requireReviewer ? '' : ' (optional)'}</span>
        <input type="text" data-testid="operator-name" value={operator} placeholder="your name, for the audit log" autoComplete="name" disabled={running} onChange={(e) => setOperator(e.target.value)} />
      </label>
      <div className="row wrap">
        <button type="button" className="btn primary" data-testid="export-zip" disabled={disabled} onClick={() => void runExport(async () => downloadTarget(zipName()))}>
          Download ZIP ({count})
        </button>
        {canPickFile() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(() => pickFileTarget(zipName()))}>Save ZIP to…</button>}
        {canPickFolder() && <button type="button" className="btn" disabled={disabled} onClick={() => void runExport(pickFolderTarget)}>Write to folder…</button>}
      </div>
      {scanning && count > 0 && !running && <p className="muted small">Files are still being read; the export reads every file again anyway.</p>}
      {running && (
        <>
          <div className="row">
            <ProgressBar label="Exporting" done={ex.done} total={ex.total} startedAt={ex.startedAt} />
            <button type="button" className="btn small danger" onClick={cancelExport}>Cancel</button>
          </div>
          <div className="muted small ellipsis" title={ex.target}>to {ex.target}</div>
        </>
      )}
      <p className={`export-status ${ex.phase}`} data-testid="export-status" role="status">
        {running ? ex.message || `Exporting: ${ex.done} of ${ex.total} files, ${ex.written} written (${formatBytes(ex.bytesOut)})` : ex.message}
      </p>
      {ex.phase === 'done' && ex.gateMs > 0 && <p className="muted small" data-testid="gate-time">Leak gate: {(ex.gateMs / 1000).toFixed(2)} s of worker time.</p>}
      {ex.failures.length > 0 && (
        <details className="failures" open={ex.failures.length <= 10}>
          <summary>{ex.failures.length} file{ex.failures.length === 1 ? '' : 's'} not written (all listed in report.json)</summary>
          <ul>
            {ex.failures.slice(0, SHOWN_FAILURES).map((f) => (
              <li key={f.input}>
                <span className="mono small">{f.input}</span> <span title={f.name}>{f.name}</span>
                <div className={`status ${f.status}`}>{f.status}: {f.error}</div>
              </li>
            ))}
          </ul>
          {ex.failures.length > SHOWN_FAILURES && <p className="muted small">… and {ex.failures.length - SHOWN_FAILURES} more.</p>}
        </details>
      )}
    </div>
  );
}
