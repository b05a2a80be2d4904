// A labelled progress bar with count and remaining time.

import { estimateRemainingMs, formatDuration } from '../app/format.ts';

export function ProgressBar({ label, done, total, startedAt }: { label: string; done: number; total: number; startedAt: number }) {
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const eta = estimateRemainingMs(done, total, performance.now() - startedAt);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
      <div className="progress-text">
        <span>{label}</span>
        <span>
          {done} / {total}
          {eta !== null && eta > 0 ? ` · about ${formatDuration(eta)} left` : ''}
        </span>
      </div>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
