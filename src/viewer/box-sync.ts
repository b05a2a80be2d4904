// The shown image's redaction boxes (from the store) and OCR proposals, mirrored as viewer
// annotations; renders only when something changed (or when asked).

import type { Types } from '@cornerstonejs/core';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { boxesOnFrame, filesById, type DrawnBox } from '../workspace/redaction-boxes.ts';
import { RedactionTool, syncBoxes, type SuggestedBox } from './redaction-tool.ts';

export interface BoxSources {
  files: LoadedFile[];
  allFiles?: LoadedFile[];
  boxes?: DrawnBox[];
  suggestions?: readonly SuggestedBox[];
}

export function syncShownBoxes(vp: Types.IStackViewport, stack: { fileOf: number[]; frameOf: number[] }, p: BoxSources, render = false): void {
  const imageId = vp.getCurrentImageId();
  if (!imageId) return;
  const idx = vp.getCurrentImageIdIndex();
  const fid = stack.fileOf[idx];
  const frame = stack.frameOf[idx] ?? 0;
  const shown = fid === undefined ? [] : boxesOnFrame(p.boxes ?? [], filesById(p.allFiles ?? p.files), fid, frame);
  const suggested = (p.suggestions ?? []).filter((b) => b.fileId === fid && b.frame === frame);
  const before = RedactionTool.suggestions;
  RedactionTool.suggestions = { imageId, boxes: suggested };
  const moved = before.imageId !== imageId || before.boxes.length !== suggested.length || before.boxes.some((b, i) => b !== suggested[i]);
  if (syncBoxes(vp, imageId, shown) || render || moved) vp.render();
}
