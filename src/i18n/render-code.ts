// Renders a Message ({code, params}, src/core/messages/message.ts) with i18next from the `codes`
// namespace: codes.json, with the plan's reasons (plan.json) under `plan.` and the app's notices
// (messages.json) under `notice.` (codesNamespace). The app renders with its UI-language
// instance, the CLI and reports with englishCodes, an instance holding the English catalogue
// only. Nested messages are rendered in turn (a list joined with "; " or "；"; inside a
// 'list-comma' message with ", " or "、", inside notice.sentences with a space, none in Chinese);
// `count` selects the plural form; other numbers are formatted per language (as is in English,
// so the CLI's words stay the same).
// English texts are memoised by message (the CLI renders the same warnings for every file of a series).

import i18next, { type i18n as I18n } from 'i18next';
import type { Message, MessageCode, MessageParam } from '../core/messages/message.ts';
import { MessageError } from '../core/messages/notice.ts';
import enCodes from './locales/en/codes.json';
import enNotices from './locales/en/messages.json';
import enPlan from './locales/en/plan.json';

type Catalogue = Record<string, unknown>;

/** The `codes` namespace of one language from its three files. */
export const codesNamespace = (codes: Catalogue, plan: Catalogue, notices: Catalogue): Catalogue => ({ ...codes, plan, notice: notices });

const SEPARATORS: Partial<Record<MessageCode, [en: string, zh: string]>> = { 'list-comma': [', ', '、'], 'notice.sentences': [' ', ''] };

function param(i18n: I18n, v: MessageParam, within: MessageCode): string | number {
  if (typeof v === 'number') return i18n.language === 'en' ? v : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(v);
  if (typeof v === 'string') return v;
  const [en, zh] = SEPARATORS[within] ?? ['; ', '；'];
  if (Array.isArray(v)) return v.map((m: Message) => renderMessage(i18n, m)).join(i18n.language.startsWith('zh') ? zh : en);
  return renderMessage(i18n, v as Message);
}

/** The message in the instance's language. */
export function renderMessage(i18n: I18n, m: Message): string {
  const params: Record<string, string | number> = {};
  // `count` stays a number: it selects the plural form.
  for (const [k, v] of Object.entries(m.params)) params[k] = k === 'count' && typeof v === 'number' ? v : param(i18n, v, m.code);
  return i18n.t(m.code, { ns: 'codes', ...params, interpolation: { escapeValue: false } });
}

/** The English catalogue alone, for the CLI's output and report.json. */
export const englishCodes: I18n = i18next.createInstance();
void englishCodes.init({
  resources: { en: { codes: codesNamespace(enCodes, enPlan, enNotices) } }, lng: 'en', ns: ['codes'], defaultNS: 'codes', initAsync: false, returnNull: false,
});

/** Rendered English texts by message: a batch repeats the same few warnings file after file. */
const englishMemo = new Map<string, string>();
const ENGLISH_MEMO_MAX = 4096;

/** The message in English. */
export const inEnglish = (m: Message): string => {
  const key = JSON.stringify(m);
  let text = englishMemo.get(key);
  if (text === undefined) {
    text = renderMessage(englishCodes, m);
    if (englishMemo.size >= ENGLISH_MEMO_MAX) englishMemo.clear();
    englishMemo.set(key, text);
  }
  return text;
};

/** A thrown value's text in English: a MessageError's reason rendered, else the error's own message. */
export const errorInEnglish = (err: unknown): string =>
  err instanceof MessageError ? inEnglish(err.problem) : err instanceof Error ? err.message : String(err);
