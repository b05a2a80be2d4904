// The centre of the workstation: the selected series in the (lazily loaded) Cornerstone viewer.

import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildTree, findSeries } from '../workspace/instance-tree.ts';
import { selectFile, viewableBlob } from '../state/actions.ts';
import { addBox, moveBox, removeBox, setDrawing } from '../state/redaction.ts';
import { useStore } from '../state/store.ts';
import { stackViewerComponent } from '../state/warm-up.ts';
import { RedactionPanel } from './RedactionPanel.tsx';
import { ReviewGateDialog } from './ReviewPanel.tsx';
import { setFrameSource, useOcr } from '../state/ocr-suggestions.ts';

const StackViewer = lazy(stackViewerComponent); // no suspending once the warm-up loaded it

export function ViewerArea() {
  const { t } = useTranslation('app');
  const files = useStore((s) => s.files);
  const version = useStore((s) => s.filesVersion);
  const selectedSeries = useStore((s) => s.selectedSeries);
  const selectedFile = useStore((s) => s.selectedFile);
  const boxes = useStore((s) => s.boxes);
  const drawing = useStore((s) => s.drawing);
  const suggestions = useOcr((s) => s.suggestions);
  const focused = useOcr((s) => s.focused);
  const shownSuggestions = useMemo(() => suggestions.map((s) => ({ ...s, focused: s.id === focused })), [suggestions, focused]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const series = useMemo(() => findSeries(buildTree(files), selectedSeries), [version, selectedSeries]);
  if (!series) {
    return <div className="viewer-empty"><p className="muted">{t('viewer.selectSeries')}</p><ReviewGateDialog /></div>;
  }
  return (
    <Suspense fallback={<div className="viewer-empty"><p className="muted">{t('viewer.starting')}</p></div>}>
      <div className="viewer-area">
      <StackViewer files={series.files} selectedId={selectedFile} onSelect={selectFile} viewableBlob={viewableBlob}
        allFiles={files} boxes={boxes} drawing={drawing} onDrawing={setDrawing} onBoxDrawn={addBox} onBoxMoved={moveBox} onBoxRemoved={removeBox}
        suggestions={shownSuggestions} onFrameSource={setFrameSource} />
      <RedactionPanel />
      <ReviewGateDialog />
      </div>
    </Suspense>
  );
}
