// Small formatting helpers for the UI: sizes, durations, remaining time, DICOM dates. Pure and
// language-free: the components put the parts into translated sentences (src/i18n).

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** A duration split for display: seconds, minutes and seconds, or hours and minutes. */
export type DurationParts = { unit: 's'; s: string } | { unit: 'ms'; m: string; s: string } | { unit: 'hm'; h: string; m: string };

export function durationParts(ms: number): DurationParts {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return { unit: 's', s: String(s) };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: 'ms', m: String(m), s: String(s % 60).padStart(2, '0') };
  return { unit: 'hm', h: String(Math.floor(m / 60)), m: String(m % 60).padStart(2, '0') };
}

export function formatDuration(ms: number): string {
  const d = durationParts(ms);
  if (d.unit === 's') return `${d.s} s`;
  if (d.unit === 'ms') return `${d.m} min ${d.s} s`;
  return `${d.h} h ${d.m} min`;
}

/** Remaining time from the rate so far; null until there is enough to judge. */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs < 500 || total <= done) return total <= done ? 0 : null;
  return (elapsedMs / done) * (total - done);
}

/** "20240305" → "2024-03-05"; anything else unchanged. */
export const formatDicomDate = (da: string): string => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da);

const IDEOGRAPHIC = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/**
 * A Person Name for reading: components of each group joined (", " for alphabetic names, nothing
 * between ideographic ones), groups (alphabetic = ideographic = phonetic) joined with " · ".
 */
export function formatPersonName(pn: string): string {
  const groups = pn.split('=').map((g) => {
    const parts = g.split('^').map((p) => p.trim()).filter(Boolean);
    return parts.join(IDEOGRAPHIC.test(g) ? '' : ', ');
  });
  return groups.filter(Boolean).join(' · ');
}
