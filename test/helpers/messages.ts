// Messages of a result in English (src/i18n/render-code.ts), for assertions on what a person reads.
import type { Message } from '../../src/core/messages/message.ts';
import { inEnglish } from '../../src/i18n/render-code.ts';

/** The reason of a result in English, or null. */
export const reasonText = (r: { reason: Message | null }): string | null => (r.reason ? inEnglish(r.reason) : null);

/** The warnings of a result in English. */
export const warningTexts = (r: { warnings: readonly Message[] }): string[] => r.warnings.map(inEnglish);
