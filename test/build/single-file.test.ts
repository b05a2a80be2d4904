// The single-file build's worker rewrite: every `new Worker(new URL(spec, import.meta.url), …)`
// becomes an inline (`?worker&inline`) worker import, keeping the options argument; other code
// is left alone. The CSP of the single file allows no network.

import { describe, expect, it } from 'vitest';
import { dropGlueWasmDefaults, rewriteWorkerUrls, SINGLE_FILE_CSP } from '../../build/single-file.ts';

describe('rewriteWorkerUrls', () => {
  it('rewrites the app pool worker with its options', () => {
    const src = "const w = new Worker(new URL('../worker/veil.worker.ts', import.meta.url), { type: 'module', name: 'veil' });";
    const out = rewriteWorkerUrls(src)!;
    expect(out).toContain('import __veilInlineWorker0 from "../worker/veil.worker.ts?worker&inline";');
    expect(out).toContain("const w = new __veilInlineWorker0( { type: 'module', name: 'veil' });");
    expect(out).not.toContain('new Worker(');
  });

  it("rewrites Cornerstone's minified form and several workers in one module", () => {
    const src = 'a=new Worker(new URL("./decodeImageFrameWorker.js",import.meta.url),{name:"d"});b=new Worker(new URL(`./ocr.js`, import.meta.url))';
    const out = rewriteWorkerUrls(src)!;
    expect(out).toContain('from "./decodeImageFrameWorker.js?worker&inline"');
    expect(out).toContain('from "./ocr.js?worker&inline"');
    expect(out).toContain('a=new __veilInlineWorker0({name:"d"})');
    expect(out).toContain('b=new __veilInlineWorker1()');
  });

  it("turns `?worker` imports into inline ones and leaves inline ones as they are", () => {
    const out = rewriteWorkerUrls("import VeilWorker from '../worker/veil.worker.ts?worker';\nnew VeilWorker();")!;
    expect(out).toContain("from '../worker/veil.worker.ts?worker&inline'");
    expect(rewriteWorkerUrls("import W from './w.ts?worker&inline';")).toBeNull();
  });

  it('leaves other code alone', () => {
    expect(rewriteWorkerUrls('const u = new URL("x.wasm", import.meta.url);')).toBeNull();
    expect(rewriteWorkerUrls('new Worker(blobUrl)')).toBeNull();
    expect(rewriteWorkerUrls('new Worker(new URL(dynamic, import.meta.url))')).toBeNull();
  });

  it('gives the single file a CSP without network sources', () => {
    expect(SINGLE_FILE_CSP).toContain("default-src 'none'");
    expect(SINGLE_FILE_CSP).toMatch(/connect-src blob: data:(;|$)/);
    expect(SINGLE_FILE_CSP).not.toMatch(/https?:|'self'|\*/);
  });
});

describe('dropGlueWasmDefaults', () => {
  const t = dropGlueWasmDefaults().transform as (code: string, id: string) => { code: string } | null;
  const ort = 'new URL("ort-wasm-simd-threaded.wasm",import.meta.url)';
  it("drops ONNX Runtime Web's and libjxl's own .wasm URLs (the binary is handed over), nothing else", () => {
    expect(t(`a=${ort};b=1`, '/x/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs')?.code).toBe('a=new URL("data:,locateFile-is-used");b=1');
    expect(t(`a=${ort}`, '/x/node_modules/@cornerstonejs/codec-libjxl/dist/jxl.js')?.code).toBe('a=new URL("data:,locateFile-is-used")');
    expect(t(`a=${ort}`, '/x/src/other.ts')).toBeNull();
  });
});
