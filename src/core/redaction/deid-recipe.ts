// Imports pydicom deid recipes' `%filter` sections into redaction templates (see rule-import.ts):
// - pydicom deid recipes, `%filter <group>` sections: `LABEL <name>`, then condition lines
//   `<action> <Field> [value]` joined by `+` (and) and `||` (or) at the start of a line or within it,
//   evaluated left to right, and region lines: `coordinates xmin,ymin,xmax,ymax` (max exclusive, as
//   deid slices the pixel array), `ctpcoordinates x,y,w,h`, `coordinates all`, and the
//   `keepcoordinates` / `ctpkeepcoordinates` that un-mask a region again, applied in order.

import { msg, type Message } from '../messages/message.ts';
import { maskToBoxes, WHOLE_IMAGE, type MaskOp, type Rect } from './rect-mask.ts';
import type { RedactionTemplate } from './template.ts';
import { fileOf, templatesFor, type Expr, type ImportedRules, type SkippedRule } from './rule-conditions.ts';

// ---------------------------------------------------------------- pydicom deid recipes

interface DeidItem {
  section: string;
  label: string;
  conditions: { op: 'and' | 'or'; lit: Expr }[];
  ops: MaskOp[];
  keepUltrasound?: boolean;
  problems: Message[];
}

const REGEX_META = /[\\^$.*+?()[\]{}]/;

/**
 * The substring a regular expression searches for, when it is one: escaped characters stand for
 * themselves, and a trailing "x+" finds exactly what "x" finds. Undefined otherwise.
 */
function regexAsSubstring(re: string): string | undefined {
  let s = re.replace(/(?<!\\)\+$/, '');
  const literal = s.replace(/\\(.)/g, '');
  if (REGEX_META.test(literal)) return undefined;
  s = s.replace(/\\(.)/g, '$1');
  return s;
}

function deidLiteral(action: string, field: string, value: string): Expr {
  const a = action.toLowerCase();
  const text = `${action} ${field}${value ? ` ${value}` : ''}`;
  const lit = (method: string, v: string, negated = false): Expr => ({ kind: 'lit', lit: { identifier: field, method, value: v, negated, text } });
  const anyOf = (es: Expr[]): Expr => es.reduce((x: Expr, y: Expr): Expr => ({ kind: 'or', a: x, b: y }));
  if (a === 'contains' || a === 'notcontains') {
    // deid applies a case-insensitive regular expression search; "A|B" is an alternation. Plain
    // substrings stay "contains" (a version 1 match when the field allows); the rest "matches".
    const alts = value.split('|').map(regexAsSubstring);
    const e = alts.every((s) => s !== undefined) ? anyOf((alts as string[]).map((s) => lit('contains', s))) : lit('matches', value);
    return a === 'contains' ? e : { kind: 'not', e };
  }
  // deid's equals takes "A|B" as a list of values too.
  if (a === 'equals') return anyOf(value.split('|').map((v) => lit('equals', v)));
  if (a === 'notequals') return { kind: 'not', e: anyOf(value.split('|').map((v) => lit('equals', v))) };
  if (a === 'present') return lit('missing', '', true);
  return { kind: 'lit', lit: { identifier: field, method: a, value, negated: false, text } };
}

function deidRect(kind: string, spec: string): Rect | { reason: Message } {
  if (/^all$/i.test(spec)) return WHOLE_IMAGE;
  if (/^from:/i.test(spec)) {
    return { reason: msg(/Ultrasound/i.test(spec) ? 'rule-region-from-header-us' : 'rule-region-from-header', { kind, spec }) };
  }
  const n = spec.split(',').map((s) => s.trim());
  if (n.length !== 4 || !n.every((s) => /^\d+$/.test(s))) return { reason: msg('rule-coordinates-not-numbers', { kind, spec }) };
  const [a, b, c, d] = n.map(Number);
  return kind.startsWith('ctp') ? { x0: a, y0: b, x1: a + c, y1: b + d } : { x0: a, y0: b, x1: c, y1: d };
}

/** Import the region rules of the %filter sections of a pydicom deid recipe. */
export function importDeidRecipe(text: string): ImportedRules {
  const skipped: SkippedRule[] = [];
  const items: DeidItem[] = [];
  let section: string | undefined;
  let item: DeidItem | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('%')) {
      const m = /^%(\w+)\s*(.*)$/.exec(line);
      section = m && m[1].toLowerCase() === 'filter' ? m[2].trim() || 'filter' : undefined;
      item = undefined;
      continue;
    }
    if (section === undefined) continue;
    const label = /^LABEL\s+(.*)$/i.exec(line);
    if (label) {
      item = { section, label: label[1].trim(), conditions: [], ops: [], problems: [] };
      items.push(item);
      continue;
    }
    if (!item) continue;
    const coords = /^(coordinates|ctpcoordinates|keepcoordinates|ctpkeepcoordinates)\s+(.+)$/i.exec(line);
    if (coords && /^keepcoordinates$/i.test(coords[1]) && /^from:\s*SequenceOfUltrasoundRegions$/i.test(coords[2].trim())) {
      // Kept last on each image (version 2 keepUltrasoundRegions): deid keeps them after the redaction.
      item.keepUltrasound = true;
      continue;
    }
    if (coords) {
      const kind = coords[1].toLowerCase();
      const rect = deidRect(kind, coords[2].trim());
      if ('reason' in rect) item.problems.push(rect.reason);
      else item.ops.push({ rect, redact: !kind.includes('keep') });
      continue;
    }
    // Condition line: [+ | ||] action field [value] [(+ | ||) action field [value]] …
    const parts = line.split(/\s+(\+|\|\|)\s+/);
    const lead = /^(\+|\|\|)\s*/.exec(parts[0]);
    let first = parts[0];
    let op: 'and' | 'or' = 'and';
    if (lead) {
      op = lead[1] === '+' ? 'and' : 'or';
      first = first.slice(lead[0].length);
    }
    const chunks: { op: 'and' | 'or'; text: string }[] = [{ op, text: first }];
    for (let k = 1; k + 1 < parts.length; k += 2) chunks.push({ op: parts[k] === '+' ? 'and' : 'or', text: parts[k + 1] });
    for (const ch of chunks) {
      const m = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(ch.text.trim());
      if (!m) {
        item.problems.push(msg('rule-condition-unreadable', { text: ch.text.trim() }));
        continue;
      }
      item.conditions.push({ op: ch.op, lit: deidLiteral(m[1], m[2], (m[3] ?? '').trim()) });
    }
  }

  const templates: RedactionTemplate[] = [];
  for (const it of items) {
    const name = it.label;
    if (it.problems.length) {
      skipped.push({ rule: name, reason: it.problems.length === 1 ? it.problems[0]! : msg('rule-problems', { problems: it.problems }) });
      continue;
    }
    if (!it.ops.some((o) => o.redact)) {
      skipped.push({ rule: name, reason: msg('rule-flag-only', { section: it.section }) });
      continue;
    }
    // Left to right, as deid evaluates: ((c1 op c2) op c3) …
    const expr = it.conditions.length
      ? it.conditions.slice(1).reduce<Expr>((e, c) => ({ kind: c.op, a: e, b: c.lit }), it.conditions[0].lit)
      : ({ kind: 'const', value: true } as Expr);
    const boxes = maskToBoxes(it.ops);
    const made = templatesFor(name, expr, () => boxes, skipped);
    templates.push(...(it.keepUltrasound ? made.map((t) => ({ ...t, keepUltrasoundRegions: true as const })) : made));
  }
  return { file: fileOf(templates), skipped };
}
