// The viewer's stack for a series: one image id per frame with the file and frame each came from,
// and why files that cannot be shown were left out. When a load adds files to the series that is
// already shown, `keepShownImage` gives the viewport the longer list in place: no `setStack`, so
// the shown image is neither reloaded nor drawn again (each `setStack` of a 1,000-image stack cost
// 100–440 ms of main thread in headless Chromium, mostly drawing the canvas again, once per
// applied batch of results).

import { utilities, type Types } from '@cornerstonejs/core';
import type { LoadedFile } from '../app/loaded-file.ts';
import { unviewableReason } from '../app/viewability.ts';
import { baseImageId, describeLoadError, frameImageIds } from './cornerstone.ts';

export interface ShownStackIds {
  imageIds: string[];
  fileOf: number[];
  frameOf: number[];
}

export async function buildStack(files: readonly LoadedFile[], viewableBlob: (f: LoadedFile) => Promise<Blob>): Promise<ShownStackIds & { reasons: string[] }> {
  const imageIds: string[] = [];
  const fileOf: number[] = [];
  const frameOf: number[] = [];
  const reasons: string[] = [];
  for (const f of files) {
    const info = f.scan?.info;
    const reason = info ? unviewableReason(info) : 'The file could not be read.';
    if (reason || !info) {
      reasons.push(reason ?? '');
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
      reasons.push(`A viewing copy could not be made: ${describeLoadError(err)}`);
    }
  }
  return { imageIds, fileOf, frameOf, reasons };
}

/** The StackViewport fields `setStack` sets (Cornerstone3D 5.x, StackViewport.js) that a longer list changes. */
interface StackFields {
  imageIds: string[];
  imageKeyToIndexMap: Map<string, number>;
  currentImageIdIndex: number;
  targetImageIdIndex: number;
}

function stackFields(vp: object): StackFields | null {
  const v = vp as Partial<StackFields>;
  const ok = Array.isArray(v.imageIds) && v.imageKeyToIndexMap instanceof Map && typeof v.currentImageIdIndex === 'number' && typeof v.targetImageIdIndex === 'number';
  return ok ? (v as StackFields) : null;
}

/**
 * When the viewport shows an image that is in `imageIds` (nothing is loading and the old list is
 * part of the new one), swap in the new list and keep that image shown; returns its new index.
 * Returns -1 when a real `setStack` is needed (another series, the image left the list, a load
 * in flight, or a Cornerstone whose viewport lacks these fields).
 */
export function keepShownImage(viewport: Types.IStackViewport, imageIds: readonly string[]): number {
  const vp = stackFields(viewport);
  if (!vp) return -1;
  const old = vp.imageIds;
  const shownId = viewport.getCurrentImageId();
  if (!shownId || old.length === 0 || vp.currentImageIdIndex !== vp.targetImageIdIndex) return -1;
  const newIndex = new Map<string, number>();
  imageIds.forEach((id, i) => newIndex.set(id, i));
  const at = newIndex.get(shownId);
  if (at === undefined || !old.every((id) => newIndex.has(id))) return -1;
  const keys = new Map<string, number>();
  imageIds.forEach((id, i) => {
    keys.set(id, i);
    keys.set(utilities.imageIdToURI(id), i);
  });
  vp.imageIds = [...imageIds];
  vp.imageKeyToIndexMap = keys;
  vp.currentImageIdIndex = at;
  vp.targetImageIdIndex = at;
  return at;
}
