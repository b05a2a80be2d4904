// Renders a Message ({code, params}, src/core/messages/message.ts) with i18next from the `codes`
// namespace (locales/<lng>/codes.json): the app with its UI-language instance, the CLI and
// reports with englishCodes, an instance holding the English catalogue only. Nested messages are
// rendered in turn (a list joined with "; " or "；"); `count` selects the plural form. English
// texts are memoised by message (the CLI renders the same warnings for every file of a series).

import i18next, { type i18n as I18n } from 'i18next';
import type { Message, MessageParam } from '../core/messages/message.ts';
import enCodes from './locales/en/codes.json';

function param(i18n: I18n, v: MessageParam): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((m: Message) => renderMessage(i18n, m)).join(i18n.language.startsWith('zh') ? '；' : '; ');
  return renderMessage(i18n, v as Message);
}

/** The message in the instance's language. */
export function renderMessage(i18n: I18n, m: Message): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = param(i18n, v);
  return i18n.t(m.code, { ns: 'codes', ...params, interpolation: { escapeValue: false } });
}

/** The English catalogue alone, for the CLI's output and report.json. */
export const englishCodes: I18n = i18next.createInstance();
void englishCodes.init({ resources: { en: { codes: enCodes } }, lng: 'en', ns: ['codes'], defaultNS: 'codes', initAsync: false, returnNull: false });

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
