// The top bar: open files, open a folder, try the sample, clear; plus the reading progress.
// Drops of files and folders anywhere on the window are handled by App (DropZone). On the served
// site it also offers the single-file edition (dist/veil.html, for USB sticks on air-gapped
// workstations) as a download, once a HEAD request shows the server has it (never from file://,
// never in the single file itself; offline the request fails and the link stays hidden).

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../core/messages/message.ts';
import { sentences } from '../core/messages/notice.ts';
import { clearAll } from '../state/actions.ts';
import { fromFileList, loadInputs } from '../state/collect-inputs.ts';
import { loadSample } from '../state/sample.ts';
import { store, useStore } from '../state/store.ts';
import { Preferences } from './Preferences.tsx';
import { useCodes } from '../i18n/messages.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { ShortcutButton } from './ShortcutButton.tsx';

export async function loadIncoming(list: ReturnType<typeof fromFileList>): Promise<void> {
  const problems: Message[] = [];
  await loadInputs(list, (m) => store.set({ notice: m }), (m) => problems.push(m));
  if (problems.length) store.set({ notice: sentences(problems) });
}

/** Where the single file sits next to the served index.html. */
export const SINGLE_FILE_HREF = './veil.html';

/**
 * The single file is megabytes (scripts, WASM and OCR data inlined); a small answer is a server's
 * fallback page for a missing file (SPA-style servers answer index.html for every path).
 */
const isSingleFileSize = (length: string | null): boolean => length === null || Number(length) > 1_000_000;

/** True when this page is the served site (not the single file, not opened from disk) and the server has veil.html. */
function useSingleFileOffer(): boolean {
  const [offer, setOffer] = useState(false);
  useEffect(() => {
    if (import.meta.env.MODE === 'single' || location.protocol === 'file:' || !/^https?:$/.test(location.protocol)) return;
    let live = true;
    fetch(SINGLE_FILE_HREF, { method: 'HEAD', cache: 'no-store' })
      .then((r) => live && setOffer(r.ok && isSingleFileSize(r.headers.get('content-length'))))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return offer;
}

export function LoadBar() {
  const { t } = useTranslation('app');
  const c = useCodes();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const loading = useStore((s) => s.loading);
  const count = useStore((s) => s.files.length);
  const offerSingleFile = useSingleFileOffer();
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
      {offerSingleFile && (
        <a className="btn ghost" data-testid="single-file-download" href={SINGLE_FILE_HREF} download="veil.html" title={t('top.singleFileTitle')}>{t('top.singleFile')}</a>
      )}
      <ShortcutButton />
      <div className="load-progress">{loading && loading.total > 0 && <ProgressBar {...loading} label={c(loading.label)} />}</div>
      <Preferences />
    </header>
  );
}
