// The in-app help page (issue 7): what each PS3.15 option does, what the leak gate and the audit
// log are, and how to verify an export with `veil verify-audit`. A modal dialog (use-modal.ts):
// focus stays inside; Escape or the close button returns focus to the button that opened it.

import { useRef } from 'react';
import { useModal } from './use-modal.ts';
import { Trans, useTranslation } from 'react-i18next';
import { OPTION_INFO, OPTION_KEYS } from '../core/profile/options.ts';

const FILE = { f: <code data-i18n-skip="file-name" /> };

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('help');
  const { t: ta } = useTranslation('app');
  const box = useRef<HTMLDivElement>(null);
  useModal(box, onClose);
  return (
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className="modal help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-dialog">
        <div className="modal-head">
          <h2 id="help-title">{t('title')}</h2>
          <button type="button" className="btn small" data-testid="help-close" onClick={onClose}>{t('close')}</button>
        </div>
        <p>{t('intro')}</p>
        <h3>{t('optionsTitle')}</h3>
        <p>{t('optionsIntro')}</p>
        <dl className="help-options">
          {OPTION_KEYS.map((k) => (
            <div key={k}>
              <dt>{ta(`options.${k}.label`)} <code className="muted" data-i18n-skip="cli-flag">{OPTION_INFO[k].flag}</code></dt>
              <dd>{t(`option.${k}`)}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('gateTitle')}</h3>
        <p>{t('gate')}</p>
        <h3>{t('auditTitle')}</h3>
        <p><Trans t={t} i18nKey="audit" components={FILE} /></p>
        <h3>{t('verifyTitle')}</h3>
        <p><Trans t={t} i18nKey="verify" components={FILE} /></p>
        <pre className="code" data-i18n-skip="command"><code>veil verify-audit ./veil-private-records --out ./veil-export</code></pre>
        <p>{t('verifyOk')}</p>
        <pre className="code" data-i18n-skip="command-output"><code>the chain holds; N outputs present and unmodified</code></pre>
        <h3>{t('keysTitle')}</h3>
        <p><Trans t={t} i18nKey="keys" components={FILE} /></p>
      </div>
    </div>
  );
}
