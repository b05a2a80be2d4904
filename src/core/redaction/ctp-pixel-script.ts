// Imports CTP's DicomPixelAnonymizer script into redaction templates (see rule-import.ts):
// - CTP's DicomPixelAnonymizer script: `{ signature } (x,y,w,h) (x,y,w,h) …`, text outside braces
//   and parentheses is comment (the last comment line before a signature names it). A signature is
//   an expression of predicates `Identifier.method("value")` (identifier: a keyword such as
//   Manufacturer or a tag such as [0008,0070]) joined by `*` (and), `+` (or), `!` (not) and
//   parentheses. A region is x, y, width, height; a negative x or y counts from the right or bottom
//   edge (a version 2 negative box offset when the rule does not fix the image size). CTP blanks columns x … x+width and rows y … y+height, both ends included, and so do the
//   imported boxes. CTP applies only the first signature that matches; templates apply every match
//   (their union), which can only redact more.

import { msg, type Message } from '../messages/message.ts';
import { MessageError } from '../messages/notice.ts';
import type { RedactionBox } from '../pixels/redaction-box.ts';
import type { RedactionTemplate } from './template.ts';
import { fileOf, reasonOf, templatesFor, type Expr, type ImportedRules, type SkippedRule } from './rule-conditions.ts';

// ---------------------------------------------------------------- CTP DicomPixelAnonymizer

class CtpExprParser {
  private i = 0;
  constructor(private readonly s: string) {}
  parse(): Expr {
    this.ws();
    if (this.i >= this.s.length) return { kind: 'const', value: true };
    const e = this.or();
    this.ws();
    if (this.i < this.s.length) throw new MessageError(msg('rule-unexpected', { text: this.s.slice(this.i, this.i + 20) }));
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
      if (this.s[this.i] !== ')') throw new MessageError(msg('rule-paren-open'));
      this.i++;
      return e;
    }
    const rest = this.s.slice(this.i);
    const konst = /^(true|false)\.?/i.exec(rest);
    if (konst && !/^(true|false)\.\w+\(/i.test(rest)) {
      this.i += konst[0].length;
      return { kind: 'const', value: konst[1].toLowerCase() === 'true' };
    }
    const m = /^(\[[^\]]*\]|[A-Za-z_][\w:[\],]*?)\.(\w+)\s*\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(rest);
    if (!m) throw new MessageError(msg('rule-condition-at', { text: rest.slice(0, 30) }));
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
      if (end < 0) throw new MessageError(msg('rule-signature-open', { at: i }));
      const lines = comment.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^\*+$/.test(l));
      // Without a comment of its own, a signature belongs to the group named above it.
      const name = lines[lines.length - 1] ?? current?.name ?? `rule ${out.length + 1}`;
      current = { name, signature: text.slice(i + 1, end), regions: [] };
      out.push(current);
      comment = '';
      i = end + 1;
    } else if (c === '(') {
      const end = text.indexOf(')', i);
      if (end < 0) throw new MessageError(msg('rule-region-open', { at: i }));
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
      skipped.push({ rule: sec.name, reason: msg('rule-signature-unreadable', { detail: reasonOf(err) }) });
      continue;
    }
    const regions: number[][] = [];
    let bad: Message | undefined;
    for (const r of sec.regions) {
      const nums = r.split(',').map((s) => s.trim());
      if (nums.length !== 4 || !nums.every((n) => /^-?\d+$/.test(n))) bad = msg('rule-region-not-numbers', { region: r });
      else regions.push(nums.map(Number));
    }
    if (bad) {
      skipped.push({ rule: sec.name, reason: bad });
      continue;
    }
    if (!regions.length) {
      skipped.push({ rule: sec.name, reason: msg('rule-no-region') });
      continue;
    }
    templates.push(
      ...templatesFor(sec.name, expr, (match) => {
        const boxes: RedactionBox[] = [];
        for (const [x, y, w, h] of regions) {
          if (w <= 0 || h <= 0) continue;
          // CTP blanks from x to x + w and from y to y + h, both ends included (Regions, DICOMPixelAnonymizer).
          // From the right or bottom edge: placed here when the rule fixes the size, else a
          // version 2 negative offset placed on each image.
          const px = x < 0 && match.Columns ? match.Columns + x : x;
          const py = y < 0 && match.Rows ? match.Rows + y : y;
          boxes.push({ x: px, y: py, width: w + 1, height: h + 1 });
        }
        return boxes;
      }, skipped),
    );
  }
  return { file: fileOf(templates), skipped };
}
