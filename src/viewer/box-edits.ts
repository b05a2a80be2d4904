// The viewer's redaction box edits going to the store: a box the operator starts drawing is
// remembered as "being drawn" (not yet in the store, so syncing leaves it alone); when a draw,
// move or resize ends, its image-pixel box goes to the store (new, moved, or removed when it
// left the image) and the annotations are synced back to the store.

import { eventTarget, type Types } from '@cornerstonejs/core';
import { Enums as ToolEnums } from '@cornerstonejs/tools';
import { boxFromCorners, type DrawnBox } from '../workspace/redaction-boxes.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { annotationCorners, drawingNow, isSyncing, RedactionTool } from './redaction-tool.ts';

export interface BoxEditContext {
  viewport(): Types.IStackViewport | undefined;
  stack(): { imageIds: string[]; fileOf: number[]; frameOf: number[] };
  files(): LoadedFile[];
  boxes(): DrawnBox[] | undefined;
  onBoxDrawn?(b: Omit<DrawnBox, 'scope'>): void;
  onBoxMoved?(id: string, r: { x: number; y: number; width: number; height: number }): void;
  onBoxRemoved?(id: string): void;
  /** Sync the annotations with the store and render. */
  sync(): void;
}

/** Listen for box edits; returns the clean-up. */
export function wireBoxEdits(ctx: () => BoxEditContext): () => void {
  const onAdded = (evt: Event) => {
    const a = (evt as CustomEvent<{ annotation: { annotationUID?: string; metadata?: { toolName?: string } } }>).detail.annotation;
    if (!isSyncing() && a.metadata?.toolName === RedactionTool.toolName && a.annotationUID) drawingNow.add(a.annotationUID);
  };
  RedactionTool.onEditEnd = (a) => {
    const c0 = ctx();
    const c = annotationCorners(a);
    const s = c0.stack();
    const idx = c0.viewport() ? s.imageIds.indexOf(c?.imageId ?? '') : -1;
    const fid = s.fileOf[idx];
    const info = c0.files().find((f) => f.id === fid)?.scan?.info;
    const box = c && info ? boxFromCorners(c.p0, c.p1, info.columns, info.rows) : null;
    const known = c0.boxes()?.some((b) => b.id === a.annotationUID);
    if (!box || fid === undefined) {
      if (known) c0.onBoxRemoved?.(a.annotationUID!);
    } else if (known) c0.onBoxMoved?.(a.annotationUID!, box);
    else c0.onBoxDrawn?.({ id: a.annotationUID!, fileId: fid, frame: s.frameOf[idx] ?? 0, ...box });
    c0.sync();
  };
  eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_ADDED, onAdded);
  eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_MODIFIED, onAdded);
  return () => {
    eventTarget.removeEventListener(ToolEnums.Events.ANNOTATION_ADDED, onAdded);
    eventTarget.removeEventListener(ToolEnums.Events.ANNOTATION_MODIFIED, onAdded);
    RedactionTool.onEditEnd = undefined;
  };
}
