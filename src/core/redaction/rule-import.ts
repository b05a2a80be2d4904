// Imports the region rules of two established burned-in-text rule sets into redaction templates
// (template.ts, format version 1 with the optional matchContains):
//
// - CTP's DicomPixelAnonymizer script: `{ signature } (x,y,w,h) (x,y,w,h) …`, text outside braces
//   and parentheses is comment (the last comment line before a signature names it). A signature is
//   an expression of predicates `Identifier.method("value")` (identifier: a keyword such as
//   Manufacturer or a tag such as [0008,0070]) joined by `*` (and), `+` (or), `!` (not) and
//   parentheses. A region is x, y, width, height; a negative x or y counts from the right or bottom
//   edge. CTP blanks columns x … x+width and rows y … y+height, both ends included, and so do the
//   imported boxes. CTP applies only the first signature that matches; templates apply every match
//   (their union), which can only redact more.
// - pydicom deid recipes, `%filter <group>` sections: `LABEL <name>`, then condition lines
//   `<action> <Field> [value]` joined by `+` (and) and `||` (or) at the start of a line or within it,
//   evaluated left to right, and region lines: `coordinates xmin,ymin,xmax,ymax` (max exclusive, as
//   deid slices the pixel array), `ctpcoordinates x,y,w,h`, `coordinates all`, and the
//   `keepcoordinates` / `ctpkeepcoordinates` that un-mask a region again, applied in order.
//
// Conditions become template matches: equality on Modality, Manufacturer, ManufacturerModelName,
// Rows and Columns goes into `match`; "contains" on the three string fields into `matchContains`.
// An expression with `or` becomes one template per alternative. Whatever cannot be expressed —
// other attributes, negation, startsWith, regular expressions, numeric comparison, regions taken
// from the header (`from:`), regions from the right edge without a fixed image size — is reported
// in `skipped` with the reason, never dropped silently. Equality in templates ignores case and
// surrounding spaces, which is at most broader (more redaction) than the source rule.

import type { RedactionBox } from '../pixels/redaction-box.ts';
import { maskToBoxes, WHOLE_IMAGE, type MaskOp, type Rect } from './rect-mask.ts';
import type { RedactionTemplate, TemplateFile, TemplateMatch, TemplateMatchContains } from './template.ts';

export interface SkippedRule {
  /** The rule's name (and the alternative, for part of an `or`). */
  rule: string;
  reason: string;
}

export interface ImportedRules {
  file: TemplateFile;
  skipped: SkippedRule[];
}

type StringField = 'Modality' | 'Manufacturer' | 'ManufacturerModelName';
type Field = StringField | 'Rows' | 'Columns';

interface Literal {
  identifier: string;
  method: string;
  value: string;
  negated: boolean;
  /** As written, for messages. */
  text: string;
}

type Expr = { kind: 'lit'; lit: Literal } | { kind: 'and' | 'or'; a: Expr; b: Expr } | { kind: 'not'; e: Expr } | { kind: 'const'; value: boolean };

const FIELD_BY_NAME: Record<string, Field> = {
  modality: 'Modality', '00080060': 'Modality',
  manufacturer: 'Manufacturer', '00080070': 'Manufacturer',
  manufacturermodelname: 'ManufacturerModelName', '00081090': 'ManufacturerModelName',
  rows: 'Rows', '00280010': 'Rows',
  columns: 'Columns', '00280011': 'Columns',
};

function fieldOf(identifier: string): Field | undefined {
  const key = identifier.replace(/[[\]\s,()]/g, '').toLowerCase();
  return FIELD_BY_NAME[key];
}

const isString = (f: Field): f is StringField => f !== 'Rows' && f !== 'Columns';

// ---------------------------------------------------------------- expressions → alternatives

const MAX_ALTERNATIVES = 256;

/** Disjunctive normal form: a list of alternatives, each a list of literals (all must hold). */
function dnf(e: Expr, negate = false): Literal[][] {
  switch (e.kind) {
    case 'const':
      return e.value !== negate ? [[]] : [];
    case 'lit':
      return [[negate ? { ...e.lit, negated: !e.lit.negated } : e.lit]];
    case 'not':
      return dnf(e.e, !negate);
    case 'and':
    case 'or': {
      const isAnd = (e.kind === 'and') !== negate; // De Morgan under negation
      const a = dnf(e.a, negate);
      const b = dnf(e.b, negate);
      if (!isAnd) return [...a, ...b];
      const out: Literal[][] = [];
      for (const x of a) for (const y of b) out.push([...x, ...y]);
      if (out.length > MAX_ALTERNATIVES) throw new Error(`the condition expands to more than ${MAX_ALTERNATIVES} alternatives`);
      return out;
    }
  }
}

type Converted = { match: TemplateMatch; matchContains?: TemplateMatchContains } | { reason: string } | 'never';

const CONTAINS = new Set(['contains', 'containsignorecase']);
const EQUALS = new Set(['equals', 'equalsignorecase']);

function convert(alternative: Literal[]): Converted {
  const match: TemplateMatch = {};
  const contains: TemplateMatchContains = {};
  for (const lit of alternative) {
    if (lit.negated) return { reason: `negated condition ${lit.text} cannot be expressed in a template` };
    const field = fieldOf(lit.identifier);
    if (!field) return { reason: `condition ${lit.text} tests ${lit.identifier}; templates match Modality, Manufacturer, ManufacturerModelName, Rows and Columns only` };
    const method = lit.method.toLowerCase();
    if (EQUALS.has(method)) {
      if (isString(field)) {
        const v = lit.value.trim();
        if (match[field] !== undefined && match[field]!.toUpperCase() !== v.toUpperCase()) return 'never';
        match[field] = v;
      } else {
        if (!/^\s*\d+\s*$/.test(lit.value)) return { reason: `condition ${lit.text}: ${field} must equal a whole number` };
        const n = parseInt(lit.value, 10);
        if (n <= 0) return 'never';
        if (match[field] !== undefined && match[field] !== n) return 'never';
        match[field] = n;
      }
    } else if (CONTAINS.has(method)) {
      const v = lit.value.trim();
      if (!v) continue; // contains "" always holds
      (contains[field] ??= []).push(v);
    } else return { reason: `condition ${lit.text}: ${lit.method} cannot be expressed (templates test equality and "contains")` };
  }
  // An equality already decides a contains on the same field.
  for (const f of Object.keys(contains) as Field[]) {
    const eq = match[f];
    if (eq === undefined) continue;
    if (!contains[f]!.every((c) => String(eq).toUpperCase().includes(c.toUpperCase()))) return 'never';
    delete contains[f];
  }
  return Object.keys(contains).length ? { match, matchContains: contains } : { match };
}

function describe(alt: Literal[]): string {
  return alt.length ? alt.map((l) => l.text).join(' and ') : 'every image';
}

/** Templates for one rule (one per alternative of its condition), skipped alternatives reported. */
function templatesFor(
  name: string, expr: Expr, boxesFor: (match: TemplateMatch) => RedactionBox[] | { reason: string }, skipped: SkippedRule[],
): RedactionTemplate[] {
  let alternatives: Literal[][];
  try {
    alternatives = dnf(expr);
  } catch (err) {
    skipped.push({ rule: name, reason: (err as Error).message });
    return [];
  }
  const out: RedactionTemplate[] = [];
  const several = alternatives.length > 1;
  alternatives.forEach((alt, k) => {
    const label = several ? `${name} (alternative ${k + 1}: ${describe(alt)})` : name;
    const c = convert(alt);
    if (c === 'never') return; // contradictory conditions: the alternative can never match
    if ('reason' in c) {
      skipped.push({ rule: label, reason: c.reason });
      return;
    }
    const boxes = boxesFor(c.match);
    if (!Array.isArray(boxes)) {
      skipped.push({ rule: label, reason: boxes.reason });
      return;
    }
    if (!boxes.length) {
      skipped.push({ rule: label, reason: 'no region to redact' });
      return;
    }
    out.push({ name: several ? `${name} (${k + 1})` : name, match: c.match, ...(c.matchContains ? { matchContains: c.matchContains } : {}), boxes });
  });
  return out;
}

// ---------------------------------------------------------------- CTP DicomPixelAnonymizer

class CtpExprParser {
  private i = 0;
  constructor(private readonly s: string) {}
  parse(): Expr {
    this.ws();
    if (this.i >= this.s.length) return { kind: 'const', value: true };
    const e = this.or();
    this.ws();
    if (this.i < this.s.length) throw new Error(`unexpected "${this.s.slice(this.i, this.i + 20)}"`);
    return e;
  }
  private ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  private or(): Expr {
    let e = this.and();
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '+') return e;
      this.i++;
      e = { kind: 'or', a: e, b: this.and() };
    }
  }
  private and(): Expr {
    let e = this.unary();
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '*') return e;
      this.i++;
      e = { kind: 'and', a: e, b: this.unary() };
    }
  }
  private unary(): Expr {
    this.ws();
    const c = this.s[this.i];
    if (c === '!') {
      this.i++;
      return { kind: 'not', e: this.unary() };
    }
    if (c === '(') {
      this.i++;
      const e = this.or();
      this.ws();
      if (this.s[this.i] !== ')') throw new Error('a parenthesis is not closed');
      this.i++;
      return e;
    }
    const rest = this.s.slice(this.i);
    const konst = /^(true|false)\.?/i.exec(rest);
    if (konst && !/^(true|false)\.\w+\(/i.test(rest)) {
      this.i += konst[0].length;
      return { kind: 'const', value: konst[1].toLowerCase() === 'true' };
    }
    const m = /^(\[[^\]]*\]|[A-Za-z_][\w:[\],]*?)\.(\w+)\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(rest);
    if (!m) throw new Error(`cannot read the condition at "${rest.slice(0, 30)}"`);
    this.i += m[0].length;
    return { kind: 'lit', lit: { identifier: m[1], method: m[2], value: m[3].replace(/\\(.)/g, '$1'), negated: false, text: m[0] } };
  }
}

interface CtpSection {
  name: string;
  signature: string;
  regions: string[];
}

function ctpSections(text: string): CtpSection[] {
  const out: CtpSection[] = [];
  let comment = '';
  let current: CtpSection | undefined;
  let i = 0;
  const closing = (open: number, close: string): number => {
    let inQuote = false;
    for (let j = open + 1; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '"') inQuote = !inQuote;
      else if (!inQuote && c === close) return j;
    }
    return -1;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '{') {
      const end = closing(i, '}');
      if (end < 0) throw new Error(`a signature opened at character ${i} is not closed`);
      const lines = comment.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^\*+$/.test(l));
      // Without a comment of its own, a signature belongs to the group named above it.
      const name = lines[lines.length - 1] ?? current?.name ?? `rule ${out.length + 1}`;
      current = { name, signature: text.slice(i + 1, end), regions: [] };
      out.push(current);
      comment = '';
      i = end + 1;
    } else if (c === '(') {
      const end = text.indexOf(')', i);
      if (end < 0) throw new Error(`a region opened at character ${i} is not closed`);
      if (current) current.regions.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      comment += c;
      i++;
    }
  }
  return out;
}

/** Import the regions of a CTP DicomPixelAnonymizer script. */
export function importCtpPixelScript(text: string): ImportedRules {
  const skipped: SkippedRule[] = [];
  const templates: RedactionTemplate[] = [];
  for (const sec of ctpSections(text)) {
    let expr: Expr;
    try {
      expr = new CtpExprParser(sec.signature).parse();
    } catch (err) {
      skipped.push({ rule: sec.name, reason: `the signature cannot be read: ${(err as Error).message}` });
      continue;
    }
    const regions: number[][] = [];
    let bad: string | undefined;
    for (const r of sec.regions) {
      const nums = r.split(',').map((s) => s.trim());
      if (nums.length !== 4 || !nums.every((n) => /^-?\d+$/.test(n))) bad = `region (${r}) is not four whole numbers x,y,w,h`;
      else regions.push(nums.map(Number));
    }
    if (bad) {
      skipped.push({ rule: sec.name, reason: bad });
      continue;
    }
    if (!regions.length) {
      skipped.push({ rule: sec.name, reason: 'no region to redact' });
      continue;
    }
    templates.push(
      ...templatesFor(sec.name, expr, (match) => {
        const boxes: RedactionBox[] = [];
        for (const [x, y, w, h] of regions) {
          if (w <= 0 || h <= 0) continue;
          if ((x < 0 && !match.Columns) || (y < 0 && !match.Rows)) {
            return { reason: `region (${x},${y},${w},${h}) is placed from the ${x < 0 ? 'right' : 'bottom'} edge, but the rule does not fix ${x < 0 ? 'Columns' : 'Rows'}` };
          }
          // CTP blanks from x to x + w and from y to y + h, both ends included (Regions, DICOMPixelAnonymizer).
          boxes.push({ x: x < 0 ? match.Columns! + x : x, y: y < 0 ? match.Rows! + y : y, width: w + 1, height: h + 1 });
        }
        return boxes;
      }, skipped),
    );
  }
  return { file: { version: 1, templates }, skipped };
}

// ---------------------------------------------------------------- pydicom deid recipes

interface DeidItem {
  section: string;
  label: string;
  conditions: { op: 'and' | 'or'; lit: Expr }[];
  ops: MaskOp[];
  problems: string[];
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

function deidLiteral(action: string, field: string, value: string): Expr | { reason: string } {
  const a = action.toLowerCase();
  const text = `${action} ${field}${value ? ` ${value}` : ''}`;
  const lit = (method: string, v: string, negated = false): Expr => ({ kind: 'lit', lit: { identifier: field, method, value: v, negated, text } });
  if (a === 'contains' || a === 'notcontains') {
    // deid applies a case-insensitive regular expression search; "A|B" is an alternation.
    const alts = value.split('|').map(regexAsSubstring);
    if (alts.some((s) => s === undefined)) return { reason: `condition "${text}" is a regular expression that is not a plain substring` };
    const e = (alts as string[]).map((s) => lit('contains', s)).reduce((x: Expr, y: Expr): Expr => ({ kind: 'or', a: x, b: y }));
    return a === 'contains' ? e : { kind: 'not', e };
  }
  if (a === 'equals') return lit('equals', value);
  if (a === 'notequals') return lit('equals', value, true);
  return { kind: 'lit', lit: { identifier: field, method: a, value, negated: false, text } };
}

function deidRect(kind: string, spec: string): Rect | { reason: string } {
  if (/^all$/i.test(spec)) return WHOLE_IMAGE;
  if (/^from:/i.test(spec)) {
    return { reason: `${kind} ${spec}: the region comes from the image's own header${/Ultrasound/i.test(spec) ? ' (use the "keep only the ultrasound regions" command)' : ''}` };
  }
  const n = spec.split(',').map((s) => s.trim());
  if (n.length !== 4 || !n.every((s) => /^\d+$/.test(s))) return { reason: `${kind} ${spec} is not four whole numbers` };
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
        item.problems.push(`cannot read the condition "${ch.text.trim()}"`);
        continue;
      }
      const lit = deidLiteral(m[1], m[2], (m[3] ?? '').trim());
      if ('reason' in lit) item.problems.push(lit.reason);
      else item.conditions.push({ op: ch.op, lit });
    }
  }

  const templates: RedactionTemplate[] = [];
  for (const it of items) {
    const name = it.label;
    if (it.problems.length) {
      skipped.push({ rule: name, reason: it.problems.join('; ') });
      continue;
    }
    if (!it.ops.some((o) => o.redact)) {
      skipped.push({ rule: name, reason: `no coordinates: in deid this rule only flags images (%filter ${it.section}), there is no region to redact` });
      continue;
    }
    // Left to right, as deid evaluates: ((c1 op c2) op c3) …
    const expr = it.conditions.length
      ? it.conditions.slice(1).reduce<Expr>((e, c) => ({ kind: c.op, a: e, b: c.lit }), it.conditions[0].lit)
      : ({ kind: 'const', value: true } as Expr);
    const boxes = maskToBoxes(it.ops);
    templates.push(...templatesFor(name, expr, () => boxes, skipped));
  }
  return { file: { version: 1, templates }, skipped };
}
