// The charset decoder with its notes read in English, as the tests assert them: makeCharsetCodec
// whose `warnings` is a live view of the codec's Messages rendered with the English catalogue, and
// detectMislabelledCjk's note as English text.
import { detectMislabelledCjk as detect, makeCharsetCodec as make, type CharsetCodec } from '../../../src/core/charset/specific-character-set.ts';
import type { Message } from '../../../src/core/messages/message.ts';
import { inEnglish } from '../../../src/i18n/render-code.ts';

/** A live array view: each read renders the codec's current notes in English. */
function englishView(list: Message[]): string[] {
  return new Proxy(list as unknown as string[], {
    get(target, p) {
      const now = (target as unknown as Message[]).map(inEnglish);
      const v = Reflect.get(now, p) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(now) : v;
    },
  });
}

export function makeCharsetCodec(terms: string[] | undefined): { codec: CharsetCodec; warnings: string[] } {
  const r = make(terms);
  return { codec: r.codec, warnings: englishView(r.warnings) };
}

export function detectMislabelledCjk(bytes: Uint8Array, terms: string[]): string | undefined {
  const m = detect(bytes, terms);
  return m && inEnglish(m);
}
