// The viewer's toolbar: what the left mouse button does (pan, zoom, window/level), the window
// (header, automatic, full range, CT presets), reset, the redaction "Draw box" mode, and cine for
// multi-frame images.

import { useTranslation } from 'react-i18next';
import { WINDOW_MODES, type WindowMode } from './window-control.ts';

export type LeftTool = 'pan' | 'zoom' | 'wl';

export interface ViewerToolbarProps {
  left: LeftTool;
  onLeft: (t: LeftTool) => void;
  onReset: () => void;
  windowMode: WindowMode;
  onWindow: (m: WindowMode) => void;
  /** Present when boxes can be drawn. */
  onDrawing?: (on: boolean) => void;
  drawing: boolean;
  multiFrame: boolean;
  playing: boolean;
  onCine: () => void;
}

export function ViewerToolbar(p: ViewerToolbarProps) {
  const { t } = useTranslation('redaction');
  const { t: ta } = useTranslation('app');
  return (
    <div className="viewer-tools" role="toolbar" aria-label={ta('viewer.tools')}>
      <span className="viewer-hint">{ta('viewer.leftDrag')}</span>
      {(['pan', 'zoom', 'wl'] as LeftTool[]).map((k) => (
        <button key={k} type="button" className={p.left === k ? 'tool on' : 'tool'} aria-pressed={p.left === k} onClick={() => p.onLeft(k)}>
          {ta(`viewer.${k}`)}
        </button>
      ))}
      <select className="tool" data-testid="wl-preset" aria-label={ta('viewer.window')} value={p.windowMode} onChange={(e) => p.onWindow(e.target.value as WindowMode)}>
        {WINDOW_MODES.map((m) => <option key={m} value={m}>{ta(`viewer.mode.${m}`)}</option>)}
        {p.windowMode === 'user' && <option value="user" disabled>{ta('viewer.mode.user')}</option>}
      </select>
      <button type="button" className="tool" onClick={p.onReset}>{ta('viewer.reset')}</button>
      {p.onDrawing && (
        <button type="button" data-testid="draw-box" className={p.drawing ? 'tool on' : 'tool'} aria-pressed={p.drawing} onClick={() => p.onDrawing?.(!p.drawing)}
          title={t('drawBoxHint')}>
          {t('drawBox')}
        </button>
      )}
      {p.multiFrame && (
        <button type="button" className={p.playing ? 'tool on' : 'tool'} onClick={p.onCine} aria-pressed={p.playing}>
          {p.playing ? ta('viewer.stopCine') : ta('viewer.cine')}
        </button>
      )}
      <span className="viewer-hint right">{ta('viewer.hints')}</span>
    </div>
  );
}
