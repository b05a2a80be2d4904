// The folder contract of the app: core imports nothing above it; only src/viewer imports
// Cornerstone; the UI, state and app logic never parse DICOM on the main thread (no reader).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
const imports = (f: string) => [...readFileSync(f, 'utf8').matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
/** Imports that load code at run time (not `import type`). */
const valueImports = (f: string) => [...readFileSync(f, 'utf8').matchAll(/^\s*import (?!type )[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const under = (folder: string) => files(join(SRC, folder)).filter((f) => /\.tsx?$/.test(f));

describe('layers', () => {
  it('keeps Cornerstone inside src/viewer', () => {
    for (const folder of ['core', 'app', 'pipeline', 'state', 'ui', 'worker']) {
      for (const f of under(folder)) expect(imports(f).filter((i) => i.startsWith('@cornerstonejs')), f).toEqual([]);
    }
  });

  it('keeps core free of the app, React and comlink', () => {
    for (const f of under('core')) expect(imports(f).filter((i) => /^(react|comlink|@zip\.js)|\/(app|ui|state|viewer|worker|pipeline)\//.test(i)), f).toEqual([]);
  });

  it('never parses DICOM on the main thread', () => {
    for (const folder of ['app', 'state', 'ui', 'viewer']) {
      for (const f of under(folder)) expect(valueImports(f).filter((i) => /core\/dicom\/(reader|element-parser)|core\/deid\/(process-file|deidentify)|\/pipeline\//.test(i)), f).toEqual([]);
    }
  });
});
