// The Content-Security-Policy, read from index.html's <meta http-equiv> so the page and the
// server headers (vite dev, vite preview, the e2e test's static server) always agree. The dev
// server alone relaxes it: React Fast Refresh injects an inline preamble script and HMR needs a
// WebSocket; neither exists in the build.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const indexHtml = fileURLToPath(new URL('../index.html', import.meta.url));

export function strictCsp(): string {
  const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(indexHtml, 'utf8'));
  if (!m) throw new Error('index.html has no Content-Security-Policy meta element');
  return m[1];
}

export function devCsp(): string {
  return strictCsp()
    .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*")
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
}
