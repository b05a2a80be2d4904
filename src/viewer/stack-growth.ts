// A Cornerstone3D stack viewport given a longer image list in place, keeping its shown image: when
// a load adds files to the series already shown, this replaces `setStack`, which reloads and draws
// the shown image again (each `setStack` of a 1,000-image stack cost 100–440 ms of main thread in
// headless Chromium, mostly drawing the canvas, once per applied batch of results). Pure: it sets
// the fields `setStack` sets on the viewport object, no Cornerstone import.

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
export function growStack(viewport: object, shownId: string | undefined, imageIds: readonly string[], toURI: (id: string) => string): number {
  const vp = stackFields(viewport);
  if (!vp) return -1;
  const old = vp.imageIds;
  if (!shownId || old.length === 0 || vp.currentImageIdIndex !== vp.targetImageIdIndex) return -1;
  const newIndex = new Map<string, number>();
  imageIds.forEach((id, i) => newIndex.set(id, i));
  const at = newIndex.get(shownId);
  if (at === undefined || !old.every((id) => newIndex.has(id))) return -1;
  const keys = new Map<string, number>();
  imageIds.forEach((id, i) => {
    keys.set(id, i);
    keys.set(toURI(id), i);
  });
  vp.imageIds = [...imageIds];
  vp.imageKeyToIndexMap = keys;
  vp.currentImageIdIndex = at;
  vp.targetImageIdIndex = at;
  return at;
}
