// The workstation layout: top bar (load), tree on the left, viewer over the header plan in the
// middle, export, options and settings on the right; the release dialog over everything when an
// export waits for it. Files and folders can be dropped anywhere.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCodes } from '../i18n/messages.ts';
import { startPersistence } from '../state/persistence.ts';
import { fromDataTransfer } from '../state/collect-inputs.ts';
import { trackInputs } from '../state/files-ready.ts';
import { setNotice } from '../state/actions.ts';
import { useStore } from '../state/store.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { HeaderPanel } from './HeaderPanel.tsx';
import { LoadBar, loadIncoming } from './LoadBar.tsx';
import { OptionsPanel } from './OptionsPanel.tsx';
import { ReleaseDialog } from './ReleaseDialog.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { ShortcutKeys } from './ShortcutKeys.tsx';
import { SlidePanel } from './SlidePanel.tsx';
import { TreePanel } from './TreePanel.tsx';
import { ViewerArea } from './ViewerArea.tsx';
import './theme.ts';

export function App() {
  const [dragging, setDragging] = useState(false);
  const notice = useStore((s) => s.notice);
  const { t } = useTranslation('app');
  const c = useCodes();
  useEffect(() => void startPersistence(), []);
  useEffect(() => {
    document.title = t('documentTitle');
  }, [t]);
  return (
    <div
      className="app"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        // Walking dropped folders is part of the load: the export waits for it (files-ready.ts).
        void trackInputs(fromDataTransfer(e.dataTransfer).then(loadIncoming));
      }}
    >
      <LoadBar />
      {notice && (
        <div className="notice" role="status">
          <span>{c(notice)}</span>
          <button type="button" className="btn small ghost" onClick={() => setNotice(null)} aria-label={t('layout.dismiss')}>✕</button>
        </div>
      )}
      <main className="workspace">
        <aside className="pane tree-pane" aria-label={t('layout.loadedFiles')}><TreePanel /></aside>
        <section className="pane centre" aria-label={t('layout.viewerHeader')}>
          <div className="viewer-pane" role="region" aria-label={t('layout.viewer')}><ViewerArea /></div>
          <div className="header-pane" role="region" aria-label={t('layout.header')}><HeaderPanel /></div>
        </section>
        <aside className="side-pane" aria-label={t('layout.exportOptions')}>
          <ExportPanel />
          <div className="pane side-scroll"><SlidePanel /><OptionsPanel /><SettingsPanel /></div>
        </aside>
      </main>
      <ReleaseDialog />
      <ShortcutKeys />
      {dragging && <div className="drop-overlay"><div>{t('layout.drop')}</div></div>}
    </div>
  );
}
