// A labelled progress bar with count and remaining time.

import { useTranslation } from 'react-i18next';
import { durationParts, estimateRemainingMs } from '../workspace/format.ts';
import { formatNumber } from '../i18n/index.ts';

export function ProgressBar({ label, done, total, startedAt }: { label: string; done: number; total: number; startedAt: number }) {
  const { t } = useTranslation('app');
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const eta = estimateRemainingMs(done, total, performance.now() - startedAt);
  const shownLabel = label;
  const d = eta !== null && eta > 0 ? durationParts(eta) : null;
  return (
    <div className="progress" role="progressbar" aria-label={shownLabel} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div className="progress-text">
        <span>{shownLabel}</span>
        <span>
          {formatNumber(done)} / {formatNumber(total)}
          {d ? ` · ${t('progress.left', { time: t(`duration.${d.unit}`, d) })}` : ''}
        </span>
      </div>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
