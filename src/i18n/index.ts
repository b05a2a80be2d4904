// UI languages (English and Simplified Chinese) with i18next. Each feature owns one namespace
// file per language under locales/<lng>/<namespace>.json; every key must exist in both (a test
// fails on any key missing or left untranslated). The language follows the browser unless the
// user picked one, which is remembered in localStorage (a UI preference, not patient data).

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { codesNamespace } from './render-code.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'veil.language';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** All namespace files, bundled at build time (nothing is fetched at run time). */
export function bundledResources(): Resources {
  const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });
  const out: Resources = {};
  for (const [path, data] of Object.entries(files)) {
    const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2]!] = data;
  }
  // Messages ({code, params}) are rendered from `codes`, which also holds the plan's reasons and the notices.
  for (const ns of Object.values(out)) ns.codes = codesNamespace(ns.codes ?? {}, ns.plan ?? {}, ns.messages ?? {});
  return out;
}

/** Picks the UI language: the stored choice, else the first browser language we have. */
export function detectLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    const t = tag.toLowerCase();
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

const resources = bundledResources();
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  fallbackLng: 'en',
  ns: Object.keys(resources.en ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
syncDocumentLanguage();

function syncDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
}

/** Switches the UI language and remembers the choice. */
export function setLanguage(lng: Language): void {
  void i18n.changeLanguage(lng).then(syncDocumentLanguage);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

/**
 * Locale-aware number and date formatting for the current language. Formatters are cached per
 * language and options: building an Intl formatter costs far more than using one, and the tree
 * formats a date per study on every results batch.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: 'n' | 'd', opts: object | undefined, make: () => T): T {
  const key = `${kind}|${i18n.language}|${JSON.stringify(opts ?? {})}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return cached('n', opts, () => new Intl.NumberFormat(i18n.language, opts)).format(n);
}
export function formatDateTime(d: Date | number, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return cached('d', opts, () => new Intl.DateTimeFormat(i18n.language, opts)).format(d);
}

/** A DICOM date (DA, "20240305") in the current language's medium style; anything else unchanged. */
export function formatDicomDateLocale(da: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da);
  if (!m) return da;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime()) || d.getUTCMonth() !== Number(m[2]) - 1) return da;
  return formatDateTime(d, { dateStyle: 'medium', timeZone: 'UTC' });
}
