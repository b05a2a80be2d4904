// Redaction boxes in the store (the source of truth; the viewer's annotations mirror them), and
// redaction templates: save the device-template boxes of the selected image as a version 1
// template file, load one. A saved or loaded template stays in use for the session: it is applied
// to matching images already loaded and, whenever more files are read, to those too.

import { errorDetail, notice } from '../core/messages/notice.ts';
import { saveDownload } from './save-download.ts';
import { type BoxScope, type DrawnBox } from '../workspace/redaction-boxes.ts';
import { attributesOf, boxesFromTemplate, TEMPLATE_BOX_PREFIX, templateBoxesToAdd, templateOf } from '../workspace/redaction-templates.ts';
import { formatTemplateFile, type TemplateFile } from '../core/redaction/template.ts';
import { readRedactionRules, type ReadRules, type RulesFormat } from '../core/redaction/read-rules.ts';
import type { SkippedRule } from '../core/redaction/rule-conditions.ts';
import { useSyncExternalStore } from 'react';
import { onFilesChanged, store } from './store.ts';

export { attributesOf, boxesFromTemplate, templateOf };

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
  dismissed.add(id);
  store.set((s) => ({ boxes: s.boxes.filter((b) => b.id !== id) }));
}

export function setBoxScope(id: string, scope: BoxScope): void {
  store.set((s) => ({ boxes: s.boxes.map((b) => (b.id === id ? { ...b, scope } : b)) }));
}

// ---- templates in use ----

export interface ActiveTemplate {
  file: TemplateFile;
  prefix: string;
  /** A CTP script or deid recipe: where it came from and the rules it skipped, with the reason. */
  imported?: { name: string; format: RulesFormat; skipped: SkippedRule[] };
}

let active: ActiveTemplate[] = [];
/** Template box ids the operator deleted: never put back by a later apply. */
const dismissed = new Set<string>();
let templateCount = 0;
const listeners = new Set<() => void>();

/** Apply every template in use to the loaded files; returns the number of boxes added. */
export function applyActiveTemplates(): number {
  const s = store.get();
  const added: DrawnBox[] = [];
  for (const a of active) added.push(...templateBoxesToAdd(a.file, s.files, [...s.boxes, ...added], a.prefix, dismissed));
  if (added.length) store.set((st) => ({ boxes: [...st.boxes, ...added] }));
  return added.length;
}

function use(file: TemplateFile, imported?: ActiveTemplate['imported']): number {
  active = [...active, { file, prefix: `${TEMPLATE_BOX_PREFIX}${++templateCount}`, ...(imported ? { imported } : {}) }];
  for (const l of listeners) l();
  return applyActiveTemplates();
}

export function stopTemplates(): void {
  active = [];
  for (const l of listeners) l();
}

// More files read (or scans finished): apply the templates in use to them too.
onFilesChanged(() => {
  if (active.length) queueMicrotask(applyActiveTemplates);
});

const subscribeTemplates = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The templates in use, as a React hook. */
export function useTemplatesInUse(): readonly ActiveTemplate[] {
  return useSyncExternalStore(subscribeTemplates, () => active);
}

export function saveTemplate(): void {
  const s = store.get();
  const f = s.files.find((x) => x.id === s.selectedFile);
  const t = f ? templateOf(f, s.boxes) : null;
  if (!t) {
    store.set({ notice: notice('noTemplate') });
    return;
  }
  saveDownload(formatTemplateFile(t), 'veil-redaction-template.json', 'application/json');
  // The saved template stays in use: images of this device read later get its boxes too.
  use(t);
}

export async function loadTemplate(file: File): Promise<void> {
  let r: ReadRules;
  try {
    r = readRedactionRules(await file.text());
  } catch (err) {
    store.set({ notice: notice('templateFailed', { error: errorDetail(err) }) });
    return;
  }
  const n = use(r.file, r.format === 'template' ? undefined : { name: file.name, format: r.format, skipped: r.skipped });
  store.set({ notice: n ? notice('templateLoaded', { count: n }) : notice('templateNoMatch') });
}
