// Redaction templates, format version 1 (the contract shared by the app and `veil --redact`):
// {"version":1,"templates":[{"name":"…","match":{"Modality":"US","Manufacturer":"…",
//  "ManufacturerModelName":"…","Rows":480,"Columns":640},"boxes":[{"x":0,"y":0,"width":640,"height":48}]}]}
// Boxes are in image pixels, origin top-left, applied to every frame of every matching image.
// Every match field is optional; an empty match matches every image.
//
// Compatible extension, still version 1: an optional "matchContains" per template, e.g.
// {"matchContains":{"Manufacturer":"GE","ManufacturerModelName":["LOGIQ","E9"],"Rows":"512"}},
// holds case-insensitive substring conditions on the same five fields, Rows and Columns taken as
// decimal text (a list: every string must occur). It exists for rules imported from CTP and pydicom
// deid, which test "contains" (CTP scripts even test [0028,0010].containsIgnoreCase("512")). Files
// without it are exactly the version 1 files they were; a reader that predates it ignores the
// field and so matches more images (more redaction, never less).
//
// Version 2 adds, per template (every version 1 file is read as it always was):
// - "when": a condition on any attribute (template-condition.ts): equals, contains, startsWith,
//   endsWith, matches, missing, empty; combined with all / any / not, nested. It must hold as well
//   as "match" and "matchContains".
// - boxes with a negative x or y, placed from the right or bottom edge (x = Columns + x).
// - "keepUltrasoundRegions": true — the regions of the Sequence of Ultrasound Regions (PS3.3
//   C.8.5.5) are taken out of the boxes again (deid's keepcoordinates from:SequenceOfUltrasoundRegions).

import { msg, type Message, type MessageCode } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import { maskToBoxes, type Rect } from './rect-mask.ts';
import { conditionHolds, parseCondition, type AttributeLookup, type Condition } from './template-condition.ts';

export interface TemplateMatch {
  Modality?: string;
  Manufacturer?: string;
  ManufacturerModelName?: string;
  Rows?: number;
  Columns?: number;
}

/** Case-insensitive substring conditions (format extension, see above). */
export type TemplateMatchContains = Partial<Record<'Modality' | 'Manufacturer' | 'ManufacturerModelName' | 'Rows' | 'Columns', string[]>>;

export interface RedactionTemplate {
  name: string;
  match: TemplateMatch;
  /** Optional: every listed string must occur in the field, ignoring case. */
  matchContains?: TemplateMatchContains;
  /** Version 2: a condition on any attribute. */
  when?: Condition;
  /** Version 2: the ultrasound regions are not redacted. */
  keepUltrasoundRegions?: true;
  boxes: RedactionBox[];
}

export interface TemplateFile {
  version: 1 | 2;
  templates: RedactionTemplate[];
}

export type ImageAttributes = Required<Record<'Modality' | 'Manufacturer' | 'ManufacturerModelName', string>> & {
  Rows: number;
  Columns: number;
  /** Any attribute by keyword or tag (version 2 conditions); without it only the five fields above are known. */
  lookup?: AttributeLookup;
  /** The Sequence of Ultrasound Regions as pixel rectangles (version 2 keepUltrasoundRegions). */
  ultrasoundRegions?: Rect[];
};

const STRING_FIELDS = ['Modality', 'Manufacturer', 'ManufacturerModelName'] as const;
const NUMBER_FIELDS = ['Rows', 'Columns'] as const;

/** Parse and validate a template file; errors name the offending path, e.g. templates[1].boxes[0].width. */
export function parseTemplateFile(text: string): TemplateFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new MessageError(msg('template-not-json', { detail: (err as Error).message }));
  }
  const fail = (where: string | Message, what: MessageCode, params: Record<string, string | number> = {}): never => {
    throw new MessageError(msg('template-invalid', { where, what: msg(what, params) }));
  };
  if (typeof raw !== 'object' || raw === null) fail(msg('template-top-level'), 'template-expected-object');
  const top = raw as Record<string, unknown>;
  if (top.version !== 1 && top.version !== 2) fail('version', 'template-expected-version', { found: String(JSON.stringify(top.version)) });
  const v2 = top.version === 2;
  if (!Array.isArray(top.templates)) fail('templates', 'template-expected-array');
  const templates = (top.templates as unknown[]).map((t, i): RedactionTemplate => {
    const at = `templates[${i}]`;
    if (typeof t !== 'object' || t === null) fail(at, 'template-expected-object');
    const o = t as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name : `template ${i + 1}`;
    const m = (o.match ?? {}) as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) fail(`${at}.match`, 'template-expected-object');
    const match: TemplateMatch = {};
    for (const k of Object.keys(m)) {
      if ((STRING_FIELDS as readonly string[]).includes(k)) {
        if (typeof m[k] !== 'string') fail(`${at}.match.${k}`, 'template-expected-string');
        (match as Record<string, unknown>)[k] = m[k];
      } else if ((NUMBER_FIELDS as readonly string[]).includes(k)) {
        if (!Number.isInteger(m[k]) || (m[k] as number) <= 0) fail(`${at}.match.${k}`, 'template-expected-positive-integer');
        (match as Record<string, unknown>)[k] = m[k];
      } else fail(`${at}.match.${k}`, 'template-unknown-field', { allowed: [...STRING_FIELDS, ...NUMBER_FIELDS].join(', ') });
    }
    let matchContains: TemplateMatchContains | undefined;
    if (o.matchContains !== undefined) {
      const c = o.matchContains as Record<string, unknown>;
      if (typeof c !== 'object' || c === null || Array.isArray(c)) fail(`${at}.matchContains`, 'template-expected-object');
      matchContains = {};
      for (const k of Object.keys(c)) {
        if (![...STRING_FIELDS, ...NUMBER_FIELDS].includes(k as never)) fail(`${at}.matchContains.${k}`, 'template-unknown-field', { allowed: [...STRING_FIELDS, ...NUMBER_FIELDS].join(', ') });
        const v = typeof c[k] === 'string' ? [c[k]] : c[k];
        if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x.trim() !== '')) {
          fail(`${at}.matchContains.${k}`, 'template-expected-strings');
        }
        matchContains[k as keyof TemplateMatchContains] = v as string[];
      }
    }
    for (const k of ['when', 'keepUltrasoundRegions']) if (!v2 && o[k] !== undefined) fail(`${at}.${k}`, 'template-needs-v2');
    const when = o.when === undefined ? undefined : parseCondition(o.when, `${at}.when`);
    if (o.keepUltrasoundRegions !== undefined && o.keepUltrasoundRegions !== true) fail(`${at}.keepUltrasoundRegions`, 'template-expected-true');
    if (!Array.isArray(o.boxes)) fail(`${at}.boxes`, 'template-expected-array');
    const boxes = (o.boxes as unknown[]).map((b, j): RedactionBox => {
      const bt = `${at}.boxes[${j}]`;
      const r = b as Record<string, unknown>;
      for (const k of ['x', 'y', 'width', 'height']) {
        if (typeof r?.[k] !== 'number' || !Number.isFinite(r[k] as number)) fail(`${bt}.${k}`, 'template-expected-number');
      }
      if ((r.width as number) <= 0 || (r.height as number) <= 0) fail(bt, 'template-size-positive');
      return { x: r.x as number, y: r.y as number, width: r.width as number, height: r.height as number };
    });
    return {
      name, match, ...(matchContains ? { matchContains } : {}), ...(when ? { when } : {}),
      ...(o.keepUltrasoundRegions ? { keepUltrasoundRegions: true as const } : {}), boxes,
    };
  });
  return { version: v2 ? 2 : 1, templates };
}

const norm = (s: string) => s.trim().toUpperCase();

export function templateMatches(t: RedactionTemplate, img: ImageAttributes): boolean {
  for (const k of STRING_FIELDS) if (t.match[k] !== undefined && norm(t.match[k]!) !== norm(img[k])) return false;
  for (const k of NUMBER_FIELDS) if (t.match[k] !== undefined && t.match[k] !== img[k]) return false;
  for (const k of [...STRING_FIELDS, ...NUMBER_FIELDS]) {
    const wanted = t.matchContains?.[k];
    if (wanted && !wanted.every((w) => norm(String(img[k])).includes(norm(w)))) return false;
  }
  return !t.when || conditionHolds(t.when, img.lookup ?? fiveFields(img));
}

/** Without a full lookup, conditions see only the five fields every image has. */
function fiveFields(img: ImageAttributes): AttributeLookup {
  return (attribute) => {
    const k = attribute.trim();
    const hit = ([...STRING_FIELDS, ...NUMBER_FIELDS] as string[]).find((f) => f.toUpperCase() === k.toUpperCase());
    return hit ? String(img[hit as keyof typeof img]) : undefined;
  };
}

/** A template's boxes on this image: version 2 edge offsets resolved, ultrasound regions kept. */
function placedBoxes(t: RedactionTemplate, img: ImageAttributes, v2: boolean): RedactionBox[] {
  if (!v2) return t.boxes;
  const boxes = t.boxes.map((b) => ({ ...b, x: b.x < 0 ? img.Columns + b.x : b.x, y: b.y < 0 ? img.Rows + b.y : b.y }));
  if (!t.keepUltrasoundRegions || !img.ultrasoundRegions?.length) return boxes;
  const rect = (b: RedactionBox): Rect => ({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
  return maskToBoxes([...boxes.map((b) => ({ rect: rect(b), redact: true })), ...img.ultrasoundRegions.map((r) => ({ rect: r, redact: false }))]);
}

/** The boxes of every matching template (their union), and the names of the templates used. */
export function boxesFor(file: TemplateFile, img: ImageAttributes): { boxes: RedactionBox[]; templates: string[] } {
  const used = file.templates.filter((t) => templateMatches(t, img));
  return { boxes: used.flatMap((t) => placedBoxes(t, img, file.version === 2)), templates: used.map((t) => t.name) };
}

export const formatTemplateFile = (file: TemplateFile): string => `${JSON.stringify(file, null, 2)}\n`;
