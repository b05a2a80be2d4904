// Messages ({code, params}, src/core/messages/message.ts) in the UI language: per-file reasons
// and warnings, the plan's reasons, the notices and export messages of src/state, the viewer's
// notices, all rendered from the `codes` namespace (render-code.ts). Components call useCodes()
// so they re-render when the language changes.

import { useTranslation } from 'react-i18next';
import type { Message } from '../core/messages/message.ts';
import { i18n } from './index.ts';
import { renderMessage } from './render-code.ts';

/** A Message in the current language. */
export const translateCode = (m: Message): string => renderMessage(i18n, m);

export function useCodes(): (m: Message) => string {
  useTranslation('codes');
  return translateCode;
}
