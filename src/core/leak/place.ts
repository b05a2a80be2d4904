// Where the leak gate found a value, as a Message: the scanner labels a place "element <path>",
// "byte offset <n>", "inflated data set offset <n>" or "output path" (scan.ts, gate.ts); reports
// keep that label (foundIn), the screen and the flagged reason show it in words of each language.

import { msg, type Message } from '../messages/message.ts';

export function placeOf(foundIn: string): Message {
  const m = /^(element|byte offset|inflated data set offset) (.+)$/.exec(foundIn);
  if (!m) return msg('leak-in-path');
  if (m[1] === 'element') return msg('leak-in-element', { path: m[2]! });
  return msg(m[1] === 'byte offset' ? 'leak-at-offset' : 'leak-at-inflated-offset', { n: Number(m[2]) });
}
