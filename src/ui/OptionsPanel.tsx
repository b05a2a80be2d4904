// The PS3.15 E.3 options with their one-line explanations (changing one re-plans at once), the
// project key (generate, export as a file, import) and the patient mapping CSV import. Option
// texts come from the `app` namespace by option id (core's OPTION_INFO stays language-free).
// A preset (core/profile/presets.ts) turns on its options; it shows as chosen while they are all on.

import { saveDownload } from '../state/save-download.ts';
import { useRef } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatKey, generateKey } from '../core/deid/project-key.ts';
import { OPTION_KEYS } from '../core/profile/options.ts';
import { isPresetName, PRESET_NAMES, presetOf } from '../core/profile/presets.ts';
import { formatNumber } from '../i18n/index.ts';
import { choosePreset, clearMapping, importKeyFile, importMappingCsv, setKey, setOption } from '../state/actions.ts';
import { useStore } from '../state/store.ts';

const saveText = (name: string, text: string): void => saveDownload(text, name, 'text/plain');

export function OptionsPanel() {
  const { t } = useTranslation('app');
  const options = useStore((s) => s.options);
  const preset = presetOf(options);
  const key = useStore((s) => s.key);
  const keyOrigin = useStore((s) => s.keyOrigin);
  const mapping = useStore((s) => s.mapping);
  const keyInput = useRef<HTMLInputElement>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const fingerprint = [...key.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');

  return (
    <section className="side-section" aria-labelledby="options-title">
      <h2 id="options-title">{t('options.title')} <span className="muted small">{t('options.subtitle')}</span></h2>
      <label className="option-preset">
        <span className="option-label">{t('options.preset.label')}</span>
        <select
          data-testid="options-preset"
          value={preset ?? ''}
          aria-describedby="expl-preset"
          onChange={(e) => choosePreset(isPresetName(e.target.value) ? e.target.value : null)}
        >
          <option value="">{t('options.preset.none')}</option>
          {PRESET_NAMES.map((n) => <option key={n} value={n}>{t(`options.preset.${n}.label`)}</option>)}
        </select>
      </label>
      <p className="option-expl muted small" id="expl-preset">{preset ? t(`options.preset.${preset}.explanation`) : t('options.preset.explanation')}</p>
      <ul className="options">
        {OPTION_KEYS.map((k) => (
          <li key={k}>
            <label className="option">
              <input type="checkbox" checked={options[k]} onChange={(e) => setOption(k, e.target.checked)} data-option={k} aria-describedby={`expl-${k}`} />
              <span>
                <span className="option-label">{t(`options.${k}.label`)}</span>
                <span className="option-expl" id={`expl-${k}`}>{t(`options.${k}.explanation`)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>

      <h2>{t('options.keyTitle')}</h2>
      <p className="muted small">{t('options.keyExpl')}</p>
      <div className="row">
        <span className="mono key-fp" data-testid="key-fingerprint" title={t('options.keyFingerprint')}><span data-i18n-skip="key">{fingerprint}…</span> <span className="muted">({t(`options.${keyOrigin}`)})</span></span>
      </div>
      <div className="row wrap">
        <button type="button" className="btn small" onClick={() => setKey(generateKey(), 'generated')}>{t('options.generate')}</button>
        <button type="button" className="btn small" onClick={() => saveText('veil-project.key', formatKey(key))}>{t('options.exportKey')}</button>
        <button type="button" className="btn small" onClick={() => keyInput.current?.click()}>{t('options.importKey')}</button>
        <input ref={keyInput} type="file" hidden aria-label={t('options.importKeyFile')} accept=".key,.txt,text/plain" onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void importKeyFile(f);
        }} />
      </div>

      <h2>{t('options.mappingTitle')}</h2>
      <p className="muted small"><Trans t={t} i18nKey="options.mappingExpl" components={{ mono: <span className="mono" data-i18n-skip="csv-column" /> }} /></p>
      <div className="row wrap">
        <button type="button" className="btn small" onClick={() => csvInput.current?.click()}>{t('options.importMapping')}</button>
        <input ref={csvInput} type="file" hidden aria-label={t('options.mappingFile')} accept=".csv,text/csv" onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void importMappingCsv(f);
        }} />
        {mapping && (
          <>
            <span className="small"><Trans t={t} i18nKey="options.mappingLoaded" values={{ name: mapping.name, n: formatNumber(mapping.pairs.length) }} components={{ f: <span data-i18n-skip="file-name" /> }} /></span>
            <button type="button" className="btn small ghost" onClick={clearMapping}>{t('options.remove')}</button>
          </>
        )}
      </div>
    </section>
  );
}
