// Vite plugins of the app build: the CSP as server headers (strict for preview, relaxed for the
// dev server, see csp.ts), and the service worker, generated from build/sw-template.js with the
// precache list taken from the bundle itself (every emitted chunk, worker, WASM and public file).
// The single-file edition dist/veil.html (≈19 MB, offered as a download on the served site) is
// never precached: every visitor would fetch it on install for a file few of them download.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { devCsp, strictCsp } from './csp.ts';

export function cspHeaders(): Plugin {
  return {
    name: 'veil:csp',
    config(_, env) {
      const dev = env.command === 'serve' && !env.isPreview;
      const csp = dev ? devCsp() : strictCsp();
      const headers = { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };
      return { server: { headers }, preview: { headers: { ...headers, 'Content-Security-Policy': strictCsp() } } };
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        // Dev only: the meta must allow what the dev server injects (intersection with the header).
        if (!ctx.server) return html;
        return html.replace(strictCsp(), devCsp());
      },
    },
  };
}

function listFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, root));
    else out.push(relative(root, p).split('\\').join('/'));
  }
  return out;
}

/** Files in dist/ the service worker must not precache (the worker itself, the single-file download). */
export const NOT_PRECACHED: readonly string[] = ['sw.js', 'veil.html'];

export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'veil:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      publicDir = c.publicDir;
    },
    generateBundle(_, bundle) {
      const files = new Set<string>(['./', './index.html']);
      for (const f of Object.keys(bundle)) if (!f.endsWith('.map') && !NOT_PRECACHED.includes(f)) files.add(`./${f}`);
      if (publicDir) for (const f of listFiles(publicDir)) if (!NOT_PRECACHED.includes(f)) files.add(`./${f}`);
      const list = [...files].sort();
      const version = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'utf8');
      const source = template.replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(list, null, 1));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
