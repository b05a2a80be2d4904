// The viewer's stack for a series: one image id per frame with the file and frame each came from,
// and why files that cannot be shown were left out. When a load adds files to the series that is
// already shown, `keepShownImage` gives the viewport the longer list in place (stack-growth.ts).

import { utilities, type Types } from '@cornerstonejs/core';
import type { Message } from '../core/messages/message.ts';
import { notice } from '../core/messages/notice.ts';
import type { LoadedFile } from '../workspace/loaded-file.ts';
import { unviewableReason } from '../workspace/viewability.ts';
import { baseImageId, frameImageIds } from './cornerstone.ts';
import { loadFailure, type ViewerText } from './load-failure.ts';
import { growStack } from './stack-growth.ts';

export interface ShownStackIds {
  imageIds: string[];
  fileOf: number[];
  frameOf: number[];
}

export async function buildStack(files: readonly LoadedFile[], viewableBlob: (f: LoadedFile) => Promise<Blob>): Promise<ShownStackIds & { reasons: (Message | ViewerText)[] }> {
  const imageIds: string[] = [];
  const fileOf: number[] = [];
  const frameOf: number[] = [];
  const reasons: (Message | ViewerText)[] = [];
  for (const f of files) {
    const info = f.scan?.info;
    const reason = info ? unviewableReason(info) : notice('viewUnreadable');
    if (reason || !info) {
      if (reason) reasons.push(reason);
      continue;
    }
    try {
      const blob = await viewableBlob(f);
      frameImageIds(baseImageId(blob), info.frames).forEach((id, frame) => {
        imageIds.push(id);
        fileOf.push(f.id);
        frameOf.push(frame);
      });
    } catch (err) {
      reasons.push(loadFailure(err, info.transferSyntaxName));
    }
  }
  return { imageIds, fileOf, frameOf, reasons };
}

/** `growStack` on a Cornerstone stack viewport (URIs by Cornerstone's own imageIdToURI). */
export function keepShownImage(viewport: Types.IStackViewport, imageIds: readonly string[]): number {
  return growStack(viewport, viewport.getCurrentImageId(), imageIds, utilities.imageIdToURI);
}
