// Settings beside the profile options: two-person release of flagged files, and what Veil may
// keep on this computer ("Remember on this computer", off by default; how long; and "Forget
// everything on this computer").

import { useEffect, useState } from 'react';
import { parseTtlHours } from '../app/stored-items.ts';
import { forgetEverything, setRemember, setRequireReviewer, setTtlHours } from '../state/persistence.ts';
import { setNotice } from '../state/actions.ts';
import { useStore } from '../state/store.ts';

export function SettingsPanel() {
  const settings = useStore((s) => s.settings);
  const [ttl, setTtl] = useState(String(settings.ttlHours));
  useEffect(() => setTtl(String(settings.ttlHours)), [settings.ttlHours]);
  const commitTtl = () => {
    const r = parseTtlHours(ttl);
    if ('error' in r) {
      setNotice(r.error);
      setTtl(String(settings.ttlHours));
    } else if (r.hours !== settings.ttlHours) setTtlHours(r.hours);
  };
  return (
    <div className="side-section">
      <h2>Release of flagged files</h2>
      <label className="option">
        <input type="checkbox" data-testid="require-reviewer" checked={settings.requireReviewer} onChange={(e) => setRequireReviewer(e.target.checked)} />
        <span>
          <span className="option-label">Two-person release</span>
          <span className="option-expl">Releasing a file the leak gate flagged needs a second, named reviewer; the operator must enter a name before exporting.</span>
        </span>
      </label>

      <h2>This computer</h2>
      <label className="option">
        <input type="checkbox" data-testid="remember-toggle" checked={settings.remember} onChange={(e) => void setRemember(e.target.checked)} />
        <span>
          <span className="option-label">Remember on this computer</span>
          <span className="option-expl">
            Keeps the project key, the mapping, the options and these settings in this browser, for {settings.ttlHours} hours after each change. Off: nothing outlives this tab.
          </span>
        </span>
      </label>
      <div className="row">
        <label className="small" htmlFor="ttl-hours">Keep for</label>
        <input id="ttl-hours" className="num-input" type="number" min={1} step={1} data-testid="ttl-hours" value={ttl} onChange={(e) => setTtl(e.target.value)} onBlur={commitTtl} onKeyDown={(e) => e.key === 'Enter' && commitTtl()} />
        <span className="small">hours</span>
      </div>
      <div className="row wrap">
        <button type="button" className="btn small danger" data-testid="forget-everything" onClick={() => void forgetEverything()}>Forget everything on this computer</button>
      </div>
    </div>
  );
}
