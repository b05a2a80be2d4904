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

export type { ImportedRules, SkippedRule } from './rule-conditions.ts';
export { importCtpPixelScript } from './ctp-pixel-script.ts';
export { importDeidRecipe } from './deid-recipe.ts';
