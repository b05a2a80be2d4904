// A small thumbnail of a series' first image, drawn by Cornerstone into a canvas. Falls back to
// the modality's letters when the image cannot be decoded or has no pixels. Drawn when the page is
// idle, so it never shares a task with the viewer's first image of the same file.

import { utilities } from '@cornerstonejs/core';
import { useEffect, useRef, useState } from 'react';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { unviewableReason } from '../workspace/viewability.ts';
import { baseImageId, ensureCornerstone, frameImageIds } from './cornerstone.ts';

export interface SeriesThumbProps {
  file: LoadedFile;
  label: string;
  viewableBlob: (f: LoadedFile) => Promise<Blob>;
}

const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });

export default function SeriesThumb({ file, label, viewableBlob }: SeriesThumbProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const info = file.scan?.info;
    if (!info || unviewableReason(info)) {
      setFailed(true);
      return;
    }
    let stale = false;
    void (async () => {
      try {
        await ensureCornerstone();
        await whenIdle();
        const blob = await viewableBlob(file);
        if (stale || !canvas.current) return;
        await utilities.loadImageToCanvas({ canvas: canvas.current, imageId: frameImageIds(baseImageId(blob), info.frames)[0], thumbnail: true });
      } catch {
        if (!stale) setFailed(true);
      }
    })();
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file.id, !!file.scan?.info]);
  if (failed) return <div className="thumb thumb-empty" aria-hidden="true">{label || '—'}</div>;
  return (
    <div className="thumb" aria-hidden="true">
      <canvas ref={canvas} width={96} height={96} />
    </div>
  );
}
