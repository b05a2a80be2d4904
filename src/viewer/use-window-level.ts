// The viewer's window state as a React hook: the mode (header/auto, full range, a CT preset, or
// 'user' once the operator drags window/level), the W/L readout and the "one grey" notice. Window
// changes the viewer makes itself go through `setVoi`, so a VOI event is the user's only while a
// pointer drag is under way on the viewport.

import { Enums, type Types } from '@cornerstonejs/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ViewerText } from './load-failure.ts';
import type { WindowReadout } from './ViewportStatus.tsx';
import { applyWindowTo, type WindowMode } from './window-control.ts';
import { windowFromRange } from './window-level.ts';

export function useWindowLevel(element: RefObject<HTMLDivElement | null>) {
  const [mode, setModeState] = useState<WindowMode>('default');
  const modeRef = useRef<WindowMode>('default');
  const [readout, setReadout] = useState<WindowReadout | null>(null);
  const [notice, setNotice] = useState<ViewerText | null>(null);
  const applying = useRef(false);
  const dragging = useRef(false);

  const setMode = (m: WindowMode) => {
    modeRef.current = m;
    setModeState(m);
  };

  useEffect(() => {
    const el = element.current!;
    const onVoi = (evt: Event) => {
      const r = (evt as CustomEvent<{ range?: { lower: number; upper: number } }>).detail.range;
      if (!r || applying.current) return;
      if (dragging.current) {
        if (modeRef.current !== 'user') setMode('user');
        setNotice(null);
      }
      setReadout({ ...windowFromRange(r), source: dragging.current || modeRef.current === 'user' ? 'user' : 'header' });
    };
    const down = () => (dragging.current = true);
    const up = () => (dragging.current = false);
    el.addEventListener(Enums.Events.VOI_MODIFIED, onVoi);
    el.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    return () => {
      el.removeEventListener(Enums.Events.VOI_MODIFIED, onVoi);
      el.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
    };
  }, [element]);

  /** Give the viewport's image the window of the current mode; true when its pixels are not one grey. */
  const apply = (vp: Types.IStackViewport): boolean => {
    const w = applyWindowTo(vp, modeRef.current, (voiRange) => {
      applying.current = true;
      try {
        vp.setProperties({ voiRange });
      } finally {
        applying.current = false;
      }
    });
    setReadout(w.readout);
    setNotice(w.notice);
    return w.notBlank;
  };

  /** No image to window (a message is shown instead). */
  const clear = () => {
    setReadout(null);
    setNotice(null);
  };

  return { mode, setMode, readout, notice, apply, clear };
}
