// The one-file delivery (dist/veil.html, opened from a USB stick over file://): Vite plugins that
// turn the app into a single HTML page Chromium runs from an opaque `null` origin, where module
// workers from blob: URLs and any file: subresource are refused (guide §8):
// - every `new Worker(new URL('x', import.meta.url), …)` (ours, Cornerstone's, OCR's) becomes an
//   import of `x?worker&inline`, a classic worker from a blob: URL (worker.format is 'iife');
// - every `?url` asset (WASM codecs, OCR data) is a data: URL (vite-plugin-singlefile's inline
//   limit), except scripts, which become blob: URLs (importScripts() refuses data: URLs);
// - the built-in sample is embedded (virtual:veil-sample), since fetch() of file: fails;
// - the libjxl glue's own default .wasm URL is dropped (locateFile always points at the asset);
// - the image loader's main-thread copies of its WASM decoders are stubbed (its worker keeps the
//   real ones; they would otherwise ship twice, ~4 MB);
// - the page gets its own CSP: inline scripts, blob:/data: workers, WASM, and no network at all.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('../', import.meta.url));

/** CSP of the single file: nothing but the page itself, its inline workers and data: assets. */
export const SINGLE_FILE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'wasm-unsafe-eval' blob: data:",
  'worker-src blob: data:',
  'connect-src blob: data:',
  'img-src blob: data:',
  "style-src 'unsafe-inline'",
  'font-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const WORKER_CALL = /new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)\s*([,)])/g;

const WORKER_IMPORT = /(['"`])([^'"`\n]+)\?worker\1/g;

/**
 * Rewrite `new Worker(new URL(spec, import.meta.url), opts)` into an inline classic worker, and
 * `import W from 'x?worker'` into `'x?worker&inline'`.
 */
export function rewriteWorkerUrls(source: string): string | null {
  if (!source.includes('Worker') && !source.includes('?worker')) return null;
  const code = source.replace(WORKER_IMPORT, (_m, q: string, spec: string) => `${q}${spec}?worker&inline${q}`);
  const imports: string[] = [];
  const out = code.replace(WORKER_CALL, (_m, _q: string, spec: string, tail: string) => {
    const name = `__veilInlineWorker${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${spec}?worker&inline`)};`);
    return tail === ',' ? `new ${name}(` : `new ${name}()`;
  });
  const result = imports.length ? `${imports.join('\n')}\n${out}` : out;
  return result === source ? null : result;
}

export function inlineWorkers(): Plugin {
  return {
    name: 'veil:inline-workers',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('?worker') || !/\.(?:[cm]?[jt]sx?)$/.test(id.split('?')[0]!)) return null;
      const out = rewriteWorkerUrls(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}

const GLUE_DEFAULT_WASM = /new URL\((['"])[\w.-]+\.wasm\1,\s*import\.meta\.url\)/g;

/** The libjxl glue; ONNX Runtime Web's bundle (the OCR worker hands it the binary: env.wasm.wasmBinary). */
const GLUE_FILES = [/@cornerstonejs[\\/]codec-[^\\/]+[\\/]dist[\\/][^\\/]+\.js$/, /onnxruntime-web[\\/]dist[\\/][^\\/]+\.mjs$/];

/**
 * The libjxl glue names its .wasm itself (`new URL('x.wasm', import.meta.url)`), a fallback
 * never used since both the loader and our codecs pass `locateFile`; inlined, it would ship
 * the 1 MB module twice in each worker.
 */
export function dropGlueWasmDefaults(): Plugin {
  return {
    name: 'veil:drop-glue-wasm-defaults',
    enforce: 'pre',
    transform(code, id) {
      if (!GLUE_FILES.some((re) => re.test(id.split('?')[0]!)) || !GLUE_DEFAULT_WASM.test(code)) return null;
      GLUE_DEFAULT_WASM.lastIndex = 0;
      return { code: code.replace(GLUE_DEFAULT_WASM, 'new URL("data:,locateFile-is-used")'), map: null };
    },
  };
}

const MAIN_THREAD_DECODERS = /@cornerstonejs[\\/]dicom-image-loader[\\/]dist[\\/]esm[\\/]shared[\\/]decoders[\\/]decode(?:JPEGBaseline8Bit|JPEG2000|JPEGLS|HTJ2K|JPEGXL)\.js$/;

/** Main-bundle only (plugins of the main build do not run in worker bundles). */
export function stubMainThreadDecoders(): Plugin {
  return {
    name: 'veil:stub-main-thread-decoders',
    enforce: 'pre',
    load(id) {
      if (!MAIN_THREAD_DECODERS.test(id.split('?')[0]!)) return null;
      return [
        'const fail = () => Promise.reject(new Error("this decoder runs in the image loader worker only"));',
        'export function initialize() { return fail(); }',
        'export default function decode() { return fail(); }',
      ].join('\n');
    },
  };
}

/**
 * Scripts imported with `?url` (e.g. the OCR worker script and its WASM core, which tesseract.js
 * loads with importScripts): Chromium refuses importScripts() of a data: URL, so in the single
 * file they become blob: URLs made at start-up from the script text (also 25% smaller than base64).
 */
export function scriptUrlsAsBlobs(): Plugin {
  return {
    name: 'veil:script-urls-as-blobs',
    enforce: 'pre',
    load(id) {
      const m = /^(.*\.[cm]?js)\?url$/.exec(id);
      if (!m) return null;
      const text = JSON.stringify(readFileSync(m[1]!, 'utf8')).replace(/</g, '\\u003c');
      return `export default URL.createObjectURL(new Blob([${text}], { type: 'text/javascript' }));`;
    },
  };
}

const SAMPLE_ID = 'virtual:veil-sample';

/** The built-in sample: embedded (base64) in the single file, fetched from public/ otherwise. */
export function sampleModule(embed: boolean): Plugin {
  return {
    name: 'veil:sample',
    resolveId: (id) => (id === SAMPLE_ID ? `\0${SAMPLE_ID}` : null),
    load(id) {
      if (id !== `\0${SAMPLE_ID}`) return null;
      if (!embed) return 'export default null;';
      const dir = `${root}public/samples/`;
      const { files } = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as { files: string[] };
      const list = files.map((name) => ({ name, base64: readFileSync(dir + name).toString('base64') }));
      return `export default ${JSON.stringify(list)};`;
    },
  };
}

/** The single file's head: its own CSP, the icon as a data: URL, no manifest or service worker. */
export function singleFileHtml(): Plugin {
  return {
    name: 'veil:single-file-html',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const icon = `data:image/svg+xml;base64,${readFileSync(`${root}public/icon.svg`).toString('base64')}`;
        const out = html
          .replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]+"/, `$1${SINGLE_FILE_CSP}"`)
          .replace(/href="\.\/icon\.svg"/, `href="${icon}"`);
        if (!out.includes(SINGLE_FILE_CSP)) throw new Error('index.html: the CSP meta element was not found');
        return out;
      },
    },
  };
}

/** Move the built page to dist/veil.html and drop the temporary output folder. */
export function moveToDist(tmpDir: string, target: string): Plugin {
  return {
    name: 'veil:single-file-move',
    apply: 'build',
    enforce: 'post',
    async closeBundle() {
      const { renameSync, rmSync, readdirSync } = await import('node:fs');
      const left = readdirSync(tmpDir).filter((f) => f !== 'index.html');
      if (left.length) throw new Error(`single-file build left files beside the page: ${left.join(', ')}`);
      renameSync(`${tmpDir}/index.html`, target);
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
