// Settings beside the profile options: two-person release of flagged files, and what Veil may
// keep on this computer ("Remember on this computer", off by default; how long; and "Forget
// everything on this computer").

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTtlHours } from '../workspace/stored-items.ts';
import { forgetEverything, setRemember, setRequireReviewer, setTtlHours } from '../state/persistence.ts';
import { setNotice } from '../state/actions.ts';
import { useStore } from '../state/store.ts';

export function SettingsPanel() {
  const { t } = useTranslation('app');
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
    <section className="side-section" aria-labelledby="settings-release">
      <h2 id="settings-release">{t('settings.releaseTitle')}</h2>
      <label className="option">
        <input type="checkbox" data-testid="require-reviewer" checked={settings.requireReviewer} onChange={(e) => setRequireReviewer(e.target.checked)} aria-describedby="expl-two-person" />
        <span>
          <span className="option-label">{t('settings.twoPerson')}</span>
          <span className="option-expl" id="expl-two-person">{t('settings.twoPersonExpl')}</span>
        </span>
      </label>

      <h2>{t('settings.computerTitle')}</h2>
      <label className="option">
        <input type="checkbox" data-testid="remember-toggle" checked={settings.remember} onChange={(e) => void setRemember(e.target.checked)} aria-describedby="expl-remember" />
        <span>
          <span className="option-label">{t('settings.remember')}</span>
          <span className="option-expl" id="expl-remember">{t('settings.rememberExpl', { hours: settings.ttlHours })}</span>
        </span>
      </label>
      <div className="row">
        <label className="small" htmlFor="ttl-hours">{t('settings.keepFor')}</label>
        <input id="ttl-hours" className="num-input" type="number" min={1} step={1} data-testid="ttl-hours" value={ttl} aria-describedby="ttl-unit" onChange={(e) => setTtl(e.target.value)} onBlur={commitTtl} onKeyDown={(e) => e.key === 'Enter' && commitTtl()} />
        <span className="small" id="ttl-unit">{t('settings.hours')}</span>
      </div>
      <div className="row wrap">
        <button type="button" className="btn small danger" data-testid="forget-everything" onClick={() => void forgetEverything()}>{t('settings.forget')}</button>
      </div>
    </section>
  );
}
