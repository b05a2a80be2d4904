// The folder contract of src/, checked on the syntax tree of every source file (import-graph.ts:
// static and type imports, re-exports, dynamic import() and import('…') types):
// - src/core imports nothing outside src/core (packages aside: core-purity.test.ts bans the
//   ones that would tie it to a platform);
// - the adapters (src/cli, src/worker, src/pipeline) never import the UI, its state or the viewer;
// - only src/viewer imports Cornerstone3D (@cornerstonejs/core, tools, dicom-image-loader); the
//   image codec packages of @cornerstonejs are loaded by src/codecs (and the viewer);
// - the main thread (src/ui, src/state, src/viewer and their helpers) never loads the DICOM reader
//   or the de-identification pipeline at run time (types are fine);
// - no cycle between folders.
import { describe, expect, it } from 'vitest';
import { COMPUTED, folderOf, importGraph, importsOf, type ImportEdge } from './import-graph.ts';

const graph = importGraph();
const inFolder = (folder: string) => graph.filter((e) => folderOf(e.from) === folder);
const show = (e: ImportEdge) => `${e.from} → ${e.specifier} (${e.kind})`;

const CORNERSTONE_3D = /^@cornerstonejs\/(core|tools|dicom-image-loader|streaming-image-volume-loader|adapters)(\/|$)/;
const CODEC_PACKAGES = /^@cornerstonejs\/(codec-[^/]+|jpeg-lossless-decoder-js)(\/|$)/;
/** Files whose import() takes a path computed at run time (Node-only loading of codec glue by resolved file URL). */
const COMPUTED_ALLOWED = new Set(['codecs/node-loader.ts']);
const MAIN_THREAD = new Set(['ui', 'state', 'viewer', 'workspace', 'slides', 'i18n', 'ocr', '']);
const PARSES_DICOM = /^(core\/dicom\/(reader|element-parser)|core\/deid\/(process-file|deidentify|file-contract)|pipeline\/)/;

/** Strongly connected groups of more than one folder (Tarjan). */
function folderCycles(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('layers (from the syntax tree)', () => {
  it('reads every kind of import', () => {
    const kinds = importsOf('x.tsx', [
      "import type { A } from './a.ts';",
      "import { b, type C } from './b.ts';",
      "export { d } from './d.ts';",
      "export * from './e.ts';",
      "export type { F } from './f.ts';",
      "const g = await import('./g.ts');",
      "let h: typeof import('./h.ts');",
      "import u from './u.wasm?url';",
      'const el = <div>{String(g)}</div>;',
    ].join('\n'));
    expect(kinds).toEqual([
      { specifier: './a.ts', kind: 'type' }, { specifier: './b.ts', kind: 'static' }, { specifier: './d.ts', kind: 'reexport' },
      { specifier: './e.ts', kind: 'reexport' }, { specifier: './f.ts', kind: 'type' }, { specifier: './g.ts', kind: 'dynamic' },
      { specifier: './h.ts', kind: 'type-query' }, { specifier: './u.wasm', kind: 'static' },
    ]);
    expect(graph.length).toBeGreaterThan(500);
  });

  it('src/core imports nothing outside src/core', () => {
    expect(inFolder('core').filter((e) => e.target !== null && folderOf(e.target) !== 'core').map(show)).toEqual([]);
  });

  it('the adapters do not import the UI, its state or the viewer', () => {
    const bad = ['cli', 'worker', 'pipeline'].flatMap(inFolder).filter((e) => e.target !== null && ['ui', 'state', 'viewer'].includes(folderOf(e.target)));
    expect(bad.map(show)).toEqual([]);
  });

  it('only src/viewer imports Cornerstone3D; codec packages only from src/codecs and src/viewer', () => {
    expect(graph.filter((e) => CORNERSTONE_3D.test(e.specifier) && folderOf(e.from) !== 'viewer').map(show)).toEqual([]);
    expect(graph.filter((e) => CODEC_PACKAGES.test(e.specifier) && !['codecs', 'viewer'].includes(folderOf(e.from))).map(show)).toEqual([]);
    expect(graph.filter((e) => e.specifier.includes('node_modules/@cornerstonejs/') && folderOf(e.from) !== 'codecs' && folderOf(e.from) !== 'viewer').map(show)).toEqual([]);
  });

  it('import() takes a computed path only where allowed', () => {
    expect(graph.filter((e) => e.specifier === COMPUTED && !COMPUTED_ALLOWED.has(e.from)).map(show)).toEqual([]);
  });

  it('the main thread never loads the DICOM reader or the pipeline at run time', () => {
    const bad = graph.filter((e) => MAIN_THREAD.has(folderOf(e.from)) && e.kind !== 'type' && e.kind !== 'type-query' && e.target !== null && PARSES_DICOM.test(e.target));
    expect(bad.map(show)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const e of graph) {
      if (e.target === null) continue;
      const a = folderOf(e.from);
      const b = folderOf(e.target);
      if (a !== b && b !== '..') (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
    }
    expect(folderCycles(edges)).toEqual([]);
    expect(folderCycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual([['a', 'b', 'c']]);
  });
});
