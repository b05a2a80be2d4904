// Translates English text produced outside the UI (notices and export messages set in src/state,
// errors from the workers) without touching where it is made: each key of a "catalogue"
// namespace holds the exact English sentence with {{placeholders}}; an incoming English text is
// matched against those sentences, and the same key is rendered in the current language with
// the captured parts (numbers formatted per locale, nested messages translated in turn).
// Text that matches nothing is shown as it came (English), never dropped.

import type { i18n as I18n } from 'i18next';

interface Template {
  key: string;
  re: RegExp;
  names: string[];
  literal: number;
}

const cache = new Map<string, Template[]>();

function flatten(obj: Record<string, unknown>, prefix = '', out: [string, string][] = []): [string, string][] {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
    else out.push([key, String(v)]);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English sentences of a namespace as anchored patterns, most specific first. */
export function templatesOf(i18n: I18n, ns: string): Template[] {
  const cached = cache.get(ns);
  if (cached) return cached;
  const bundle = (i18n.getResourceBundle('en', ns) ?? {}) as Record<string, unknown>;
  const list: Template[] = flatten(bundle).map(([key, en]) => {
    const names: string[] = [];
    const parts = en.split(/(\{\{[^}]+\}\})/);
    const src = parts.map((p) => {
      const m = /^\{\{\s*([^},\s]+)[^}]*\}\}$/.exec(p);
      if (!m) return escape(p);
      names.push(m[1]!);
      return '([\\s\\S]*?)';
    }).join('');
    return { key, re: new RegExp(`^${src}$`), names, literal: en.replace(/\{\{[^}]+\}\}/g, '').length };
  });
  list.sort((a, b) => b.literal - a.literal);
  cache.set(ns, list);
  return list;
}

/** Which English sentence of the namespace (keys under `prefix`) the text is, with its parts. */
export function matchTemplate(i18n: I18n, ns: string, text: string, prefix = ''): { key: string; params: Record<string, string> } | null {
  for (const t of templatesOf(i18n, ns)) {
    if (!t.key.startsWith(prefix)) continue;
    const m = t.re.exec(text);
    if (!m) continue;
    const params: Record<string, string> = {};
    t.names.forEach((name, i) => (params[name] = m[i + 1] ?? ''));
    return { key: t.key, params };
  }
  return null;
}

/**
 * The text in the current language if it is one of the namespace's English sentences; else the
 * text unchanged. `nested` namespaces are tried on each captured part that is not a number.
 */
export function translateText(i18n: I18n, ns: string, text: string, depth = 0): string {
  if (i18n.language === 'en' || !text) return text;
  for (const t of templatesOf(i18n, ns)) {
    const m = t.re.exec(text);
    if (!m) continue;
    const params: Record<string, string> = {};
    t.names.forEach((name, i) => {
      const v = m[i + 1] ?? '';
      params[name] = /^\d+(?:\.\d+)?$/.test(v)
        ? new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(Number(v))
        : depth >= 3 ? v
        // A list ("a; b; and 2 more") is translated item by item.
        : v.includes('; ') ? v.split('; ').map((part) => translateText(i18n, ns, part, depth + 1)).join('；')
        : translateText(i18n, ns, v, depth + 1);
    });
    return i18n.t(t.key, { ns, ...params, interpolation: { escapeValue: false } });
  }
  return text;
}
