// Messages shown in the UI language. Per-file reasons and warnings are Messages ({code, params},
// src/core/messages/message.ts) rendered from the `codes` namespace (render-code.ts). Notices
// and export messages set in src/state are still English sentences matched back to their key
// (translate-text.ts). Components call useMessages()/useCodes() so they re-render when the
// language changes.

import { useTranslation } from 'react-i18next';
import type { Message } from '../core/messages/message.ts';
import { i18n } from './index.ts';
import { renderMessage } from './render-code.ts';
import { translateText } from './translate-text.ts';

/** A notice of src/state in the current language (the English text itself when it is not catalogued). */
export const translateMessage = (text: string): string => translateText(i18n, 'messages', text);

export function useMessages(): (text: string) => string {
  useTranslation('messages'); // subscribe to language changes
  return translateMessage;
}

/** A Message in the current language. */
export const translateCode = (m: Message): string => renderMessage(i18n, m);

export function useCodes(): (m: Message) => string {
  useTranslation('codes');
  return translateCode;
}
