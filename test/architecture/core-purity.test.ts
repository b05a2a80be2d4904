// src/core must run unchanged in Node, in a Web Worker and on the main thread: no DOM, no
// React, no Cornerstone, no comlink, no Node-only modules. This test reads every core source
// file and fails on any import or global that would break that.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../src/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

const FORBIDDEN_IMPORT = /from\s+['"](react|react-dom|comlink|@cornerstonejs\/[^'"]*|node:[^'"]*|fs|path|os|crypto|worker_threads|child_process|buffer)['"]/;
const FORBIDDEN_GLOBAL = /(?<![\w.])(document|window|localStorage|sessionStorage|indexedDB|navigator|process|require|Buffer|__dirname)\s*[.([]/;

describe('src/core is pure', () => {
  const files = sources(root);
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(relative(root, file), () => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      expect(code).not.toMatch(FORBIDDEN_IMPORT);
      expect(code).not.toMatch(FORBIDDEN_GLOBAL);
    });
  }
  it('catches a forbidden import (self-check of the patterns)', () => {
    expect("import x from 'node:fs';").toMatch(FORBIDDEN_IMPORT);
    expect("import { wrap } from 'comlink';").toMatch(FORBIDDEN_IMPORT);
    expect('document.createElement("a")').toMatch(FORBIDDEN_GLOBAL);
    expect('const doc = documentation.x;').not.toMatch(FORBIDDEN_GLOBAL);
  });
});
