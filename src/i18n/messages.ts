// Messages made outside the UI (notices and export messages set in src/state, errors from the
// workers, leak-gate findings) shown in the UI language: see translate-text.ts. Components
// call useMessages() so that they re-render when the language changes.

import { useTranslation } from 'react-i18next';
import { i18n } from './index.ts';
import { translateText } from './translate-text.ts';

/** The message in the current language (the English text itself when it is not catalogued). */
export const translateMessage = (text: string): string => translateText(i18n, 'messages', text);

export function useMessages(): (text: string) => string {
  useTranslation('messages'); // subscribe to language changes
  return translateMessage;
}
