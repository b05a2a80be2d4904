// dist/ must hold no runtime http(s) URL to another host: the app never loads anything from
// elsewhere (the CSP would block it too). Every URL found in a text file of dist/ must be on the
// exact allow-list below, each entry being a namespace, a licence or comment, or inert data.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './paths.ts';

/** Exact URLs (not hosts) allowed in dist/, with why each is inert. */
const ALLOWED: Record<string, string> = {
  'http://www.w3.org/2000/svg': 'XML namespace (React, vtk.js)',
  'http://www.w3.org/1999/xhtml': 'XML namespace (React)',
  'http://www.w3.org/1999/xlink': 'XML namespace (React)',
  'http://www.w3.org/1998/Math/MathML': 'XML namespace (React)',
  'http://www.w3.org/2000/xmlns/': 'XML namespace (React, xmlbuilder2)',
  'http://www.w3.org/XML/1998/namespace': 'XML namespace (xmlbuilder2)',
  'http://www.mozilla.org/newlayout/xml/parsererror.xml': 'XML namespace of DOMParser errors (xmlbuilder2)',
  'https://react.dev/errors/': 'text of React error messages',
  'https://react.i18next.com/latest/usetranslation-hook': 'text of a react-i18next warning message',
  'http://www.kitware.com/Copyright.htm': 'licence comment inside vtk.js shader sources',
  'https://karthikkaranth.me/blog/generating-random-points-in-a-sphere/#better-choice-of-spherical-coordinates': 'comment inside a vtk.js shader',
  'https://mimosa-pudica.net/improved-oren-nayar.html': 'comment inside a vtk.js shader',
  'https://learnopengl.com/PBR/Theory': 'comment inside a vtk.js shader',
  'https://kitware.github.io/vtk-js/docs/concepts_profile.html': 'text of a vtk.js error message',
  'http://dicom.nema.org/medical/dicom/current/output/chtml/part03/sect_C.7.6.3.html': 'text of a DICOM image loader error message',
  'https://github.com/cornerstonejs/cornerstone3D/issues/3000': 'text of a Cornerstone error message',
  'https://github.com/BIDS/colormap/blob/master/colormaps.py': 'provenance field of colour map data (vtk.js)',
  'https://github.com/dcmjs-org/dcmjs': 'a coding scheme value in dcmjs SR templates (data, never fetched)',
  'http://example.invalid/anonymized': 'dcmjs anonymizer dummy value for UR (.invalid never resolves)',
  'http://example.invalid/anonymous': 'dcmjs anonymizer dummy value for UR (.invalid never resolves)',
  'http://quantome.org:4242/dcm4chee-arc/aets/DCM4CHEE': 'dcmjs DICOMWEB.tests() example, never called; blocked by connect-src anyway',
  'https://feross.org': 'licence header (is-buffer)',
  'https://github.com/nodeca/pako': 'licence header (pako)',
  'https://www.npmjs.com/package/hash-wasm': 'licence header (hash-wasm, the export\'s CRC-32)',
  'https://web.dev/cross-origin-isolation-guide/': 'text of an ONNX Runtime Web warning (OCR worker; multi-threading, which Veil does not use)',
  'https://rolldown.rs/in-depth/bundling-cjs#require-external-modules': 'text of a bundler runtime error message',
};

const TEXT = new Set(['.js', '.mjs', '.html', '.css', '.json', '.svg', '.txt', '.webmanifest']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('dist/', () => {
  it('has no runtime URL to another host', () => {
    const unknown: string[] = [];
    const seen = new Set<string>();
    for (const f of files(DIST).filter((p) => TEXT.has(extname(p)))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/https?:\/\/[^\s'"`()<>\\,;{}]+/g)) {
        const url = m[0].replace(/[.:]+$/, '');
        seen.add(url);
        if (!(url in ALLOWED)) unknown.push(`${f.slice(DIST.length)}: ${url}  …${text.slice(Math.max(0, m.index - 60), m.index + url.length + 20).replace(/\s+/g, ' ')}…`);
      }
    }
    expect(unknown, 'URLs in dist/ that are not on the allow-list').toEqual([]);
    expect(seen.size).toBeGreaterThan(0);
  });

  it('serves the strict CSP in index.html', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toContain(`content="default-src 'self'; connect-src 'self' blob: data:; script-src 'self' 'wasm-unsafe-eval'`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });

  it('precaches the app, its workers and the WASM codecs in the service worker', () => {
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const assets = readdirSync(join(DIST, 'assets'));
    for (const a of assets) expect(sw, a).toContain(`./assets/${a}`);
    expect(assets.filter((a) => a.endsWith('.wasm')).length).toBeGreaterThanOrEqual(4);
    expect(sw).toContain('./samples/ct-1.dcm');
  });
});
