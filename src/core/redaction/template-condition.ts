// Conditions on any attribute, for redaction templates format version 2 (template.ts):
//   {"attribute":"SeriesDescription","contains":"dose"}       one test on one attribute
//   {"all":[…]}  {"any":[…]}  {"not":{…}}                      combined, nested to any depth
// Tests: "equals", "contains", "startsWith", "endsWith", "matches" (a regular expression searched
// in the value) take a string; "missing": true (the attribute is absent) and "empty": true (present
// with no value) take none. String tests ignore case and surrounding spaces; a multi-valued
// attribute is tested as its values joined by "\" (PS3.5 6.4), and "equals" also holds when one
// of its values equals. The attribute is a keyword (PS3.6, e.g. "ImageType") or a tag
// ("00080008", "(0008,0008)", "[0008,0008]"). {"all":[]} always holds; {"any":[]} never does.

import { msg, type MessageCode } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | AttributeTest;

export interface AttributeTest {
  attribute: string;
  equals?: string;
  contains?: string;
  startsWith?: string;
  endsWith?: string;
  matches?: string;
  missing?: true;
  empty?: true;
}

/** The attribute's value as text, '' when present and empty, undefined when absent. */
export type AttributeLookup = (attribute: string) => string | undefined;

const STRING_TESTS = ['equals', 'contains', 'startsWith', 'endsWith', 'matches'] as const;
const FLAG_TESTS = ['missing', 'empty'] as const;
const TAG = /^[([]?\s*([0-9A-Fa-f]{4})\s*,?\s*([0-9A-Fa-f]{4})\s*[)\]]?$/;
const KEYWORD = /^[A-Za-z][A-Za-z0-9]*$/;

/** The attribute as an 8-digit upper-case tag, or the keyword itself. */
export function attributeKey(attribute: string): string {
  const m = TAG.exec(attribute.trim());
  return m ? `${m[1]}${m[2]}`.toUpperCase() : attribute.trim();
}

/** Validate a condition read from JSON; errors name the offending path. */
export function parseCondition(raw: unknown, at: string): Condition {
  const fail = (where: string, what: MessageCode, params: Record<string, string | number> = {}): never => {
    throw new MessageError(msg('template-invalid', { where, what: msg(what, params) }));
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(at, 'template-expected-condition');
  const o = raw as Record<string, unknown>;
  const keys = Object.keys(o);
  for (const group of ['all', 'any'] as const) {
    if (group in o) {
      if (keys.length !== 1) fail(at, 'template-stands-alone', { group });
      if (!Array.isArray(o[group])) fail(`${at}.${group}`, 'template-expected-conditions');
      const list = (o[group] as unknown[]).map((c, i) => parseCondition(c, `${at}.${group}[${i}]`));
      return group === 'all' ? { all: list } : { any: list };
    }
  }
  if ('not' in o) {
    if (keys.length !== 1) fail(at, 'template-stands-alone', { group: 'not' });
    return { not: parseCondition(o.not, `${at}.not`) };
  }
  if (typeof o.attribute !== 'string' || !(KEYWORD.test(o.attribute.trim()) || TAG.test(o.attribute.trim()))) {
    return fail(`${at}.attribute`, 'template-expected-attribute');
  }
  const tests = keys.filter((k) => k !== 'attribute');
  if (tests.length !== 1) fail(at, 'template-one-test', { allowed: [...STRING_TESTS, ...FLAG_TESTS].join(', '), found: tests.length });
  const test = tests[0];
  if ((STRING_TESTS as readonly string[]).includes(test)) {
    if (typeof o[test] !== 'string') fail(`${at}.${test}`, 'template-expected-string');
    if (test === 'matches') {
      try {
        new RegExp(o[test] as string, 'i');
      } catch (err) {
        fail(`${at}.matches`, 'template-not-regex', { detail: (err as Error).message });
      }
    }
  } else if ((FLAG_TESTS as readonly string[]).includes(test)) {
    if (o[test] !== true) fail(`${at}.${test}`, 'template-expected-true');
  } else fail(`${at}.${test}`, 'template-unknown-test', { allowed: [...STRING_TESTS, ...FLAG_TESTS].join(', ') });
  return { attribute: o.attribute, [test]: o[test] } as AttributeTest;
}

const norm = (s: string) => s.trim().toUpperCase();

function testHolds(t: AttributeTest, value: string | undefined): boolean {
  if (t.missing) return value === undefined;
  if (value === undefined) return false;
  if (t.empty) return value.trim() === '';
  const v = norm(value);
  if (t.equals !== undefined) return v === norm(t.equals) || value.split('\\').some((p) => norm(p) === norm(t.equals!));
  if (t.contains !== undefined) return v.includes(norm(t.contains));
  if (t.startsWith !== undefined) return v.startsWith(norm(t.startsWith));
  if (t.endsWith !== undefined) return v.endsWith(norm(t.endsWith));
  return t.matches !== undefined && new RegExp(t.matches, 'i').test(value);
}

export function conditionHolds(c: Condition, lookup: AttributeLookup): boolean {
  if ('all' in c) return c.all.every((x) => conditionHolds(x, lookup));
  if ('any' in c) return c.any.some((x) => conditionHolds(x, lookup));
  if ('not' in c) return !conditionHolds(c.not, lookup);
  return testHolds(c, lookup(c.attribute));
}
