// Redaction templates (format versions 1 and 2, src/core/redaction/template.ts) against the loaded
// images, pure: the template of one image's device-scope boxes, and the boxes a template adds to
// the loaded images it matches — anchored on the first image of each device (Manufacturer, model,
// Rows, Columns) and skipping boxes an image already has, so applying a template again whenever
// more files arrive only adds what is new. A version 2 template with a condition beyond the
// device (a "when", boxes from the right or bottom edge) gives each matching image its own boxes
// (instance scope), since other images of the same device may not match. Its conditions see the
// attributes the scan keeps (InstanceInfo); any other attribute counts as missing here, and the
// export, which reads the full header, is where those are tested.

import type { LoadedFile } from './loaded-file.ts';
import { boxAppliesTo, filesById, type DrawnBox } from './redaction-boxes.ts';
import { boxesFor, templateMatches, type ImageAttributes, type RedactionTemplate, type TemplateFile } from '../core/redaction/template.ts';
import { attributeKey } from '../core/redaction/template-condition.ts';

/** Ids of boxes a template in use added start with this, then its number and a dash (src/state/redaction.ts). */
export const TEMPLATE_BOX_PREFIX = 'template';
export const isTemplateBox = (b: DrawnBox): boolean => new RegExp(`^${TEMPLATE_BOX_PREFIX}\\d+-`).test(b.id);

export function attributesOf(f: LoadedFile): ImageAttributes | null {
  const i = f.scan?.info;
  if (!i || !i.hasPixels) return null;
  const known: Record<string, string | undefined> = {
    Modality: i.modality, Manufacturer: i.manufacturer, ManufacturerModelName: i.manufacturerModelName, Rows: String(i.rows), Columns: String(i.columns),
    SeriesDescription: i.seriesDescription, StudyDescription: i.studyDescription, ImageType: i.imageType, BurnedInAnnotation: i.burnedInAnnotation,
    SOPClassUID: i.sopClassUID, PhotometricInterpretation: i.photometric, SeriesNumber: i.seriesNumber, InstanceNumber: i.instanceNumber,
  };
  const TAGS: Record<string, string> = { '00080060': 'Modality', '00080070': 'Manufacturer', '00081090': 'ManufacturerModelName', '00280010': 'Rows', '00280011': 'Columns', '0008103E': 'SeriesDescription', '00081030': 'StudyDescription', '00080008': 'ImageType', '00280301': 'BurnedInAnnotation' };
  const lookup = (attribute: string) => {
    const k = attributeKey(attribute);
    const v = known[TAGS[k] ?? k];
    return v === '' ? undefined : v;
  };
  return { Modality: i.modality, Manufacturer: i.manufacturer, ManufacturerModelName: i.manufacturerModelName, Rows: i.rows, Columns: i.columns, lookup };
}

/** A template that tests more than the device, or places boxes per image. */
const perImage = (t: RedactionTemplate): boolean => t.when !== undefined || t.keepUltrasoundRegions === true || t.boxes.some((b) => b.x < 0 || b.y < 0);

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

/** Boxes of a template file for the loaded images it matches: one device-scope box per template box, anchored on the first match. */
export function boxesFromTemplate(t: TemplateFile, files: readonly LoadedFile[], prefix: string): DrawnBox[] {
  const out: DrawnBox[] = [];
  t.templates.forEach((tpl, ti) => {
    const seen = new Set<string>();
    for (const f of files) {
      const a = attributesOf(f);
      if (!a || !templateMatches(tpl, a)) continue;
      if (perImage(tpl)) {
        boxesFor({ version: 2, templates: [tpl] }, a).boxes.forEach((b, bi) => {
          out.push({ id: `${prefix}-${ti}-${bi}-${f.id}`, fileId: f.id, frame: 0, scope: 'instance', x: b.x, y: b.y, width: b.width, height: b.height });
        });
        continue;
      }
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

const sameRect = (a: DrawnBox, b: DrawnBox): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * The boxes a template still has to add: those of boxesFromTemplate whose id is neither present
 * nor dismissed (deleted by the operator), and whose rectangle the anchor image does not already
 * carry on the same frames (e.g. the very boxes a saved template was made from).
 */
export function templateBoxesToAdd(
  t: TemplateFile, files: readonly LoadedFile[], existing: readonly DrawnBox[], prefix: string, dismissed: ReadonlySet<string> = new Set(),
): DrawnBox[] {
  const have = new Set(existing.map((b) => b.id));
  const byId = filesById(files);
  return boxesFromTemplate(t, files, prefix).filter((c) => {
    if (have.has(c.id) || dismissed.has(c.id)) return false;
    const f = byId.get(c.fileId)!;
    return !existing.some((b) => sameRect(b, c) && boxAppliesTo(b, f, byId.get(b.fileId)) && (b.scope !== 'frame' || (c.scope === 'frame' && b.frame === c.frame)));
  });
}
