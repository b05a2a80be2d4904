// The shared part of rule import (rule-import.ts): conditions of CTP signatures and deid filters
// as boolean expressions over a few header fields, expanded into alternatives (disjunctive normal
// form) and converted into template `match` / `matchContains`, and what those cannot hold (other
// attributes, negation, startsWith, missing, empty, regular expressions) into a version 2 `when`
// condition; what cannot be expressed at all comes back as a reason for the import's `skipped`
// list, never dropped silently.

import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import type { RedactionTemplate, TemplateFile, TemplateMatch, TemplateMatchContains } from './template.ts';
import type { AttributeTest, Condition } from './template-condition.ts';

export interface SkippedRule {
  /** The rule's name (and the alternative, for part of an `or`). */
  rule: string;
  reason: Message;
}

export interface ImportedRules {
  file: TemplateFile;
  skipped: SkippedRule[];
}

export type StringField = 'Modality' | 'Manufacturer' | 'ManufacturerModelName';
export type Field = StringField | 'Rows' | 'Columns';

export interface Literal {
  identifier: string;
  method: string;
  value: string;
  negated: boolean;
  /** As written, for messages. */
  text: string;
}

export type Expr = { kind: 'lit'; lit: Literal } | { kind: 'and' | 'or'; a: Expr; b: Expr } | { kind: 'not'; e: Expr } | { kind: 'const'; value: boolean };

export const FIELD_BY_NAME: Record<string, Field> = {
  modality: 'Modality', '00080060': 'Modality',
  manufacturer: 'Manufacturer', '00080070': 'Manufacturer',
  manufacturermodelname: 'ManufacturerModelName', '00081090': 'ManufacturerModelName',
  rows: 'Rows', '00280010': 'Rows',
  columns: 'Columns', '00280011': 'Columns',
};

export function fieldOf(identifier: string): Field | undefined {
  const key = identifier.replace(/[[\]\s,()]/g, '').toLowerCase();
  return FIELD_BY_NAME[key];
}

export const isString = (f: Field): f is StringField => f !== 'Rows' && f !== 'Columns';

// ---------------------------------------------------------------- expressions → alternatives

const MAX_ALTERNATIVES = 256;

/** Disjunctive normal form: a list of alternatives, each a list of literals (all must hold). */
export function dnf(e: Expr, negate = false): Literal[][] {
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
      if (out.length > MAX_ALTERNATIVES) throw new MessageError(msg('rule-too-many-alternatives', { max: MAX_ALTERNATIVES }));
      return out;
    }
  }
}

type Converted = { match: TemplateMatch; matchContains?: TemplateMatchContains; when?: Condition } | { reason: Message } | 'never';

const CONTAINS = new Set(['contains', 'containsignorecase']);
const EQUALS = new Set(['equals', 'equalsignorecase']);
/** Source methods (CTP's Java String methods, deid's actions) → version 2 attribute tests. */
const TESTS: Record<string, keyof AttributeTest> = {
  equals: 'equals', equalsignorecase: 'equals', contains: 'contains', containsignorecase: 'contains',
  startswith: 'startsWith', startswithignorecase: 'startsWith', endswith: 'endsWith', endswithignorecase: 'endsWith',
  matches: 'matches', missing: 'missing', empty: 'empty',
};

/** A literal as a version 2 condition, or why it cannot be one. */
function asCondition(lit: Literal): Condition | { reason: Message } {
  const test = TESTS[lit.method.toLowerCase()];
  if (!test) return { reason: msg('rule-method-unsupported', { condition: lit.text, method: lit.method }) };
  const attribute = lit.identifier.replace(/[[\]()\s]/g, '');
  const leaf = { attribute, [test]: test === 'missing' || test === 'empty' ? true : lit.value.trim() } as AttributeTest;
  return lit.negated ? { not: leaf } : leaf;
}

export function convert(alternative: Literal[]): Converted {
  const match: TemplateMatch = {};
  const contains: TemplateMatchContains = {};
  const when: Condition[] = [];
  const toWhen = (lit: Literal): { reason: Message } | undefined => {
    const c = asCondition(lit);
    if ('reason' in c) return c;
    when.push(c);
    return undefined;
  };
  for (const lit of alternative) {
    const field = fieldOf(lit.identifier);
    const method = lit.method.toLowerCase();
    if (lit.negated || !field || !(EQUALS.has(method) || CONTAINS.has(method))) {
      const r = toWhen(lit);
      if (r) return r;
    } else if (EQUALS.has(method)) {
      if (isString(field)) {
        const v = lit.value.trim();
        if (match[field] !== undefined && match[field]!.toUpperCase() !== v.toUpperCase()) return 'never';
        match[field] = v;
      } else if (!/^\s*\d+\s*$/.test(lit.value)) {
        const r = toWhen(lit);
        if (r) return r;
      } else {
        const n = parseInt(lit.value, 10);
        if (n <= 0) return 'never';
        if (match[field] !== undefined && match[field] !== n) return 'never';
        match[field] = n;
      }
    } else {
      const v = lit.value.trim();
      if (!v) continue; // contains "" always holds
      (contains[field] ??= []).push(v);
    }
  }
  // An equality already decides a contains on the same field.
  for (const f of Object.keys(contains) as Field[]) {
    const eq = match[f];
    if (eq === undefined) continue;
    if (!contains[f]!.every((c) => String(eq).toUpperCase().includes(c.toUpperCase()))) return 'never';
    delete contains[f];
  }
  return {
    match, ...(Object.keys(contains).length ? { matchContains: contains } : {}),
    ...(when.length ? { when: when.length === 1 ? when[0] : { all: when } } : {}),
  };
}

/** Version 2 when a template needs it (a `when`, an edge offset, kept ultrasound regions), else 1. */
export function fileOf(templates: RedactionTemplate[]): TemplateFile {
  const v2 = templates.some((t) => t.when || t.keepUltrasoundRegions || t.boxes.some((b) => b.x < 0 || b.y < 0));
  return { version: v2 ? 2 : 1, templates };
}

export function describe(alt: Literal[]): string {
  return alt.length ? alt.map((l) => l.text).join(' and ') : 'every image';
}

/** Why a rule could not be read: our MessageError's reason, or an unexpected error's text. */
export const reasonOf = (err: unknown): Message => (err instanceof MessageError ? err.problem : msg('internal-error', { detail: String((err as Error)?.message ?? err) }));

/** Templates for one rule (one per alternative of its condition), skipped alternatives reported. */
export function templatesFor(
  name: string, expr: Expr, boxesFor: (match: TemplateMatch) => RedactionBox[] | { reason: Message }, skipped: SkippedRule[],
): RedactionTemplate[] {
  let alternatives: Literal[][];
  try {
    alternatives = dnf(expr);
  } catch (err) {
    skipped.push({ rule: name, reason: reasonOf(err) });
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
      skipped.push({ rule: label, reason: msg('rule-no-region') });
      return;
    }
    out.push({ name: several ? `${name} (${k + 1})` : name, match: c.match, ...(c.matchContains ? { matchContains: c.matchContains } : {}), ...(c.when ? { when: c.when } : {}), boxes });
  });
  return out;
}
