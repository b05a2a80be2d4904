// The top bar: open files, open a folder, try the sample, clear; plus the reading progress.
// Drops of files and folders anywhere on the window are handled by App (DropZone).

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { clearAll } from '../state/actions.ts';
import { fromFileList, loadInputs } from '../state/collect-inputs.ts';
import { loadSample } from '../state/sample.ts';
import { store, useStore } from '../state/store.ts';
import { Preferences } from './Preferences.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { ShortcutButton } from './ShortcutButton.tsx';

export async function loadIncoming(list: ReturnType<typeof fromFileList>): Promise<void> {
  const problems: string[] = [];
  await loadInputs(list, (text) => store.set({ notice: text }), (text) => problems.push(text));
  if (problems.length) store.set({ notice: problems.join(' ') });
}

export function LoadBar() {
  const { t } = useTranslation('app');
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const loading = useStore((s) => s.loading);
  const count = useStore((s) => s.files.length);
  const pick = (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    const list = fromFileList(input.files);
    input.value = '';
    void loadIncoming(list);
  };
  return (
    <header className="topbar" role="banner">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Veil</span>
        <span className="brand-sub">{t('brand.sub')}</span>
      </div>
      <div className="load-actions">
        <button type="button" className="btn" onClick={() => files.current?.click()}>{t('top.openFiles')}</button>
        <input ref={files} data-testid="file-input" type="file" aria-label={t('top.openFiles')} multiple hidden onChange={(e) => pick(e.currentTarget)} />
        <button type="button" className="btn" onClick={() => folder.current?.click()}>{t('top.openFolder')}</button>
        <input ref={folder} type="file" aria-label={t('top.openFolder')} multiple hidden onChange={(e) => pick(e.currentTarget)} {...{ webkitdirectory: '', directory: '' }} />
        <button type="button" className="btn primary" data-testid="sample-button" onClick={() => void loadSample()}>{t('top.sample')}</button>
        {count > 0 && <button type="button" className="btn ghost" onClick={clearAll}>{t('top.clear')}</button>}
      </div>
      <ShortcutButton />
      <div className="load-progress">{loading && loading.total > 0 && <ProgressBar {...loading} />}</div>
      <Preferences />
    </header>
  );
}
