// Page-side checks shared by the i18n and accessibility e2e tests: load the sample and wait until
// it is read (in any language), open the panels, list visible English words left in a Chinese
// UI, and run axe-core (injected from node_modules, nothing fetched) on the page.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { tagOfKeyword } from '../../src/core/dicom/dictionary.ts';

const AXE = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

/** Load the built-in sample, open the first series and instance, and wait for its plan. */
export async function loadSampleAndSelect(p: Page): Promise<void> {
  await p.getByTestId('sample-button').click();
  await expect.poll(() => p.getByTestId('series-item').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await p.waitForFunction(() => !document.querySelector('.load-progress [role=progressbar]') && !document.querySelector('.tree .pad'), null, { timeout: 60_000 });
  await p.getByTestId('series-item').first().click();
  await p.getByTestId('instance-item').first().click();
  await expect.poll(() => p.getByTestId('header-row').count(), { timeout: 30_000 }).toBeGreaterThan(5);
}

/**
 * Words of two or more Latin letters in visible text, placeholders, titles and aria-labels,
 * outside elements marked data-i18n-skip (DICOM keywords, tags, values, file names, UIDs, CLI
 * commands) and outside `excluded` regions. Terms that are the same in Chinese are allowed, and
 * so are DICOM keywords (PS3.6) named inside a translated sentence (a leak-gate finding).
 */
export async function englishLeft(p: Page, allowed: readonly string[], excluded: readonly string[]): Promise<string[]> {
  const found = await p.evaluate(({ allowed, excluded }) => {
    const allow = new Set(allowed.map((w) => w.toLowerCase()));
    const skip = (el: Element | null): boolean => !!el && (!!el.closest('[data-i18n-skip]') || excluded.some((s) => !!el.closest(s)));
    const visible = (el: Element): boolean => {
      const r = (el as HTMLElement).getBoundingClientRect?.();
      if (!r || (r.width === 0 && r.height === 0)) return false;
      const cs = getComputedStyle(el);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[aria-hidden=true]');
    };
    const words = (text: string): string[] => (text.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]/g) ?? []).filter((w) => !allow.has(w.toLowerCase()));
    const found: { words: string[]; at: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !visible(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      const w = words(n.textContent ?? '');
      if (w.length) found.push({ words: w, at: `"${(n.textContent ?? '').trim().slice(0, 80)}"` });
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (skip(el) || !visible(el)) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) {
        if (a === 'title' && el.hasAttribute('data-i18n-title')) continue;
        const w = words(el.getAttribute(a) ?? '');
        if (w.length) found.push({ words: w, at: `${a}="${el.getAttribute(a)!.slice(0, 80)}"` });
      }
    }
    return found;
  }, { allowed: [...allowed], excluded: [...excluded] });
  const out = found.map((f) => ({ ...f, words: f.words.filter((w) => tagOfKeyword(w) === undefined) })).filter((f) => f.words.length);
  return [...new Set(out.map((f) => `${f.words.join(' ')}  ←  ${f.at}`))];
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeSerious(p: Page): Promise<AxeViolation[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.slice(0, 300)) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
