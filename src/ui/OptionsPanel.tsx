// The PS3.15 E.3 options with their one-line explanations (changing one re-plans at once), the
// project key (generate, export as a file, import) and the patient mapping CSV import.

import { useRef } from 'react';
import { formatKey, generateKey } from '../core/deid/project-key.ts';
import { OPTION_INFO, OPTION_KEYS } from '../core/profile/options.ts';
import { clearMapping, importKeyFile, importMappingCsv, setKey, setOption } from '../state/actions.ts';
import { useStore } from '../state/store.ts';

function saveText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function OptionsPanel() {
  const options = useStore((s) => s.options);
  const key = useStore((s) => s.key);
  const keyOrigin = useStore((s) => s.keyOrigin);
  const mapping = useStore((s) => s.mapping);
  const keyInput = useRef<HTMLInputElement>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const fingerprint = [...key.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');

  return (
    <div className="side-section">
      <h2>Profile options <span className="muted small">PS3.15 Basic Profile +</span></h2>
      <ul className="options">
        {OPTION_KEYS.map((k) => (
          <li key={k}>
            <label className="option">
              <input type="checkbox" checked={options[k]} onChange={(e) => setOption(k, e.target.checked)} data-option={k} />
              <span>
                <span className="option-label">{OPTION_INFO[k].label}</span>
                <span className="option-expl">{OPTION_INFO[k].explanation}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>

      <h2>Project key</h2>
      <p className="muted small">
        Pseudonyms, new UIDs and date shifts follow this key. Keep it to de-identify more data of the same patients consistently later.
      </p>
      <div className="row">
        <span className="mono key-fp" data-testid="key-fingerprint" title="First bytes of the key">{fingerprint}… <span className="muted">({keyOrigin})</span></span>
      </div>
      <div className="row wrap">
        <button type="button" className="btn small" onClick={() => setKey(generateKey(), 'generated')}>Generate new</button>
        <button type="button" className="btn small" onClick={() => saveText('veil-project.key', formatKey(key))}>Export key…</button>
        <button type="button" className="btn small" onClick={() => keyInput.current?.click()}>Import key…</button>
        <input ref={keyInput} type="file" hidden accept=".key,.txt,text/plain" onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void importKeyFile(f);
        }} />
      </div>

      <h2>Patient mapping</h2>
      <p className="muted small">Optional CSV with columns <span className="mono">id_old,id_new</span> (and optionally <span className="mono">new_name</span>). Patients missing from it are refused.</p>
      <div className="row wrap">
        <button type="button" className="btn small" onClick={() => csvInput.current?.click()}>Import mapping CSV…</button>
        <input ref={csvInput} type="file" hidden accept=".csv,text/csv" onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void importMappingCsv(f);
        }} />
        {mapping && (
          <>
            <span className="small">{mapping.name}: {mapping.pairs.length} patients</span>
            <button type="button" className="btn small ghost" onClick={clearMapping}>Remove</button>
          </>
        )}
      </div>
    </div>
  );
}
