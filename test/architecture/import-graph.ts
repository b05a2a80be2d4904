// Every import of every source file under src/, read from the syntax tree: static imports
// (value and `import type`), `export … from` re-exports, dynamic `import()` and `typeof
// import('…')` types. The parser is oxc's, as shipped by rolldown (a dependency of vite):
// the repository's `typescript` 7.x is the native compiler and has no JavaScript API, and
// esbuild erases type-only imports before anything could see them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';

export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The specifier of an import() computed at run time. */
export const COMPUTED = '<computed>';

export interface ImportEdge {
  /** The importing file, relative to src/ with '/'. */
  from: string;
  /** The specifier as written (query suffix such as ?url dropped). */
  specifier: string;
  /** For a relative specifier: the imported file relative to src/ with '/' (may lie outside src). */
  target: string | null;
  kind: 'static' | 'type' | 'reexport' | 'dynamic' | 'type-query';
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs|js)$/.test(n) ? [p] : [];
  });

type Node = { type: string; [k: string]: unknown };

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'parent' && v && typeof v === 'object') walk(v, visit);
}

const literal = (n: unknown): string | null => {
  const l = n as { type?: string; value?: unknown; quasis?: { value: { cooked: string } }[]; expressions?: unknown[] } | null;
  if (l?.type === 'Literal' && typeof l.value === 'string') return l.value;
  if (l?.type === 'TemplateLiteral' && l.expressions?.length === 0) return l.quasis![0]!.value.cooked;
  return null;
};

/** The imports of one file's text (`file` is used for the language and for error messages). */
export function importsOf(file: string, text: string): Omit<ImportEdge, 'from' | 'target'>[] {
  const lang = file.endsWith('.tsx') ? 'tsx' : /\.(ts|mts)$/.test(file) ? 'ts' : 'js';
  const ast = parseAst(text, { lang, sourceType: 'module' }, file);
  const out: Omit<ImportEdge, 'from' | 'target'>[] = [];
  walk(ast, (n) => {
    if (n.type === 'ImportDeclaration') {
      out.push({ specifier: literal(n.source)!, kind: n.importKind === 'type' ? 'type' : 'static' });
    } else if ((n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source) {
      out.push({ specifier: literal(n.source)!, kind: n.exportKind === 'type' ? 'type' : 'reexport' });
    } else if (n.type === 'ImportExpression') {
      // A specifier computed at run time cannot be checked: recorded as COMPUTED (see the test's allowlist).
      out.push({ specifier: literal(n.source) ?? COMPUTED, kind: 'dynamic' });
    } else if (n.type === 'TSImportType') {
      const arg = (n.argument as { literal?: unknown } | undefined)?.literal ?? n.argument;
      const s = literal(arg) ?? literal(n.source);
      if (s !== null) out.push({ specifier: s, kind: 'type-query' });
    }
  });
  return out.map((e) => ({ ...e, specifier: e.specifier.replace(/\?.*$/, '') }));
}

const posix = (p: string) => p.split(sep).join('/');

/** All import edges of src/. */
export function importGraph(): ImportEdge[] {
  return sourceFiles(SRC).flatMap((abs) => {
    const from = posix(relative(SRC, abs));
    return importsOf(abs, readFileSync(abs, 'utf8')).map((e) => ({
      ...e, from, target: e.specifier.startsWith('.') ? posix(relative(SRC, resolve(dirname(abs), e.specifier))) : null,
    }));
  });
}

/** The top folder of a path relative to src/ ('core', 'cli', …; '' for a file directly in src/, '..' outside). */
export const folderOf = (p: string): string => (p.startsWith('../') ? '..' : p.includes('/') ? p.slice(0, p.indexOf('/')) : '');
