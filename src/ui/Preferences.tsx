// The top bar's right end: language switch (follows the browser until the operator picks one),
// dark/light theme toggle, and the button that opens the help page.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts';
import { HelpDialog } from './HelpDialog.tsx';
import { setTheme, useTheme } from './theme.ts';

export function Preferences() {
  const { t, i18n } = useTranslation('app');
  const theme = useTheme();
  const [help, setHelp] = useState(false);
  return (
    <div className="prefs" role="group" aria-label={t('top.preferences')}>
      <label className="sr-only" htmlFor="language-switch">{t('language.label', { ns: 'common' })}</label>
      <select id="language-switch" className="select" data-testid="language-switch" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`language.${l}`, { ns: 'common' })}</option>)}
      </select>
      <button type="button" className="btn" data-testid="theme-toggle"
        title={theme === 'dark' ? t('top.toLight') : t('top.toDark')} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
        <span aria-hidden="true">{theme === 'dark' ? '☾ ' : '☀ '}</span>{theme === 'dark' ? t('top.themeDark') : t('top.themeLight')}
        <span className="sr-only"> · {theme === 'dark' ? t('top.toLight') : t('top.toDark')}</span>
      </button>
      <button type="button" className="btn" data-testid="help-open" aria-haspopup="dialog" title={t('top.helpTitle')} onClick={() => setHelp(true)}>? {t('top.help')}</button>
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
