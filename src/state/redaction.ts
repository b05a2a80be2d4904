// Redaction boxes in the store (the source of truth; the viewer's annotations mirror them), and
// redaction templates: save the device-template boxes of the selected image as a version 1
// template file, load one and show its boxes on every matching loaded image.

import { type BoxScope, type DrawnBox } from '../app/redaction-boxes.ts';
import type { LoadedFile } from '../app/loaded-file.ts';
import { formatTemplateFile, parseTemplateFile, templateMatches, type ImageAttributes, type TemplateFile } from '../core/redaction/template.ts';
import { store } from './store.ts';

export function setDrawing(on: boolean): void {
  store.set({ drawing: on });
}

/** A box drawn in the viewer (default scope: every frame of this image). */
export function addBox(b: Omit<DrawnBox, 'scope'> & { scope?: BoxScope }): void {
  store.set((s) => ({ boxes: [...s.boxes.filter((x) => x.id !== b.id), { scope: 'instance', ...b }] }));
}

/** A box moved or resized in the viewer. */
export function moveBox(id: string, r: { x: number; y: number; width: number; height: number }): void {
  store.set((s) => {
    const old = s.boxes.find((b) => b.id === id);
    if (!old || (old.x === r.x && old.y === r.y && old.width === r.width && old.height === r.height)) return {};
    return { boxes: s.boxes.map((b) => (b.id === id ? { ...b, ...r } : b)) };
  });
}

export function removeBox(id: string): void {
  store.set((s) => ({ boxes: s.boxes.filter((b) => b.id !== id) }));
}

export function setBoxScope(id: string, scope: BoxScope): void {
  store.set((s) => ({ boxes: s.boxes.map((b) => (b.id === id ? { ...b, scope } : b)) }));
}

export function attributesOf(f: LoadedFile): ImageAttributes | null {
  const i = f.scan?.info;
  if (!i || !i.hasPixels) return null;
  return { Modality: i.modality, Manufacturer: i.manufacturer, ManufacturerModelName: i.manufacturerModelName, Rows: i.rows, Columns: i.columns };
}

/** The device-template boxes drawn on file f, as a template file (null when there are none). */
export function templateOf(f: LoadedFile, boxes: readonly DrawnBox[]): TemplateFile | null {
  const a = attributesOf(f);
  const mine = boxes.filter((b) => b.fileId === f.id && b.scope === 'device');
  if (!a || mine.length === 0) return null;
  const name = [a.Manufacturer, a.ManufacturerModelName, `${a.Columns}x${a.Rows}`].filter(Boolean).join(' ');
  return {
    version: 1,
    templates: [{
      name, match: { Modality: a.Modality, Manufacturer: a.Manufacturer, ManufacturerModelName: a.ManufacturerModelName, Rows: a.Rows, Columns: a.Columns },
      boxes: mine.map((b) => ({ x: b.x, y: b.y, width: b.width, height: b.height })),
    }],
  };
}

export function saveTemplate(): void {
  const s = store.get();
  const f = s.files.find((x) => x.id === s.selectedFile);
  const t = f ? templateOf(f, s.boxes) : null;
  if (!t) {
    store.set({ notice: 'No template to save: draw a box on this image and set its scope to "Same device and size".' });
    return;
  }
  const url = URL.createObjectURL(new Blob([formatTemplateFile(t)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'veil-redaction-template.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let templateCount = 0;

/** Boxes of a template file for the loaded images it matches: one device-scope box per template box, anchored on the first match. */
export function boxesFromTemplate(t: TemplateFile, files: readonly LoadedFile[], prefix: string): DrawnBox[] {
  const out: DrawnBox[] = [];
  t.templates.forEach((tpl, ti) => {
    const seen = new Set<string>();
    for (const f of files) {
      const a = attributesOf(f);
      if (!a || !templateMatches(tpl, a)) continue;
      // One anchor per device key: the device scope then covers the others.
      const key = JSON.stringify([a.Manufacturer, a.ManufacturerModelName, a.Rows, a.Columns]);
      if (seen.has(key)) continue;
      seen.add(key);
      tpl.boxes.forEach((b, bi) => {
        const id = `${prefix}-${ti}-${bi}-${f.id}`;
        const frames = b.frames;
        if (frames && frames.length) for (const fr of frames) out.push({ id: `${id}-f${fr}`, fileId: f.id, frame: fr, scope: 'frame', x: b.x, y: b.y, width: b.width, height: b.height });
        else out.push({ id, fileId: f.id, frame: 0, scope: 'device', x: b.x, y: b.y, width: b.width, height: b.height });
      });
    }
  });
  return out;
}

export async function loadTemplate(file: File): Promise<void> {
  let t: TemplateFile;
  try {
    t = parseTemplateFile(await file.text());
  } catch (err) {
    store.set({ notice: `The template was not loaded: ${(err as Error).message}` });
    return;
  }
  const added = boxesFromTemplate(t, store.get().files, `template${++templateCount}`);
  store.set((s) => ({
    boxes: [...s.boxes, ...added],
    notice: added.length ? `Template loaded: ${added.length} box${added.length === 1 ? '' : 'es'} on matching images.` : 'The template matches none of the loaded images.',
  }));
}
