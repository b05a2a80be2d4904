// Where the leak gate found a value, as a Message: the scanner labels a place "element <path>",
// "byte offset <n>", "inflated data set offset <n>" or "output path" (scan.ts, gate.ts), and a
// value the output would bring to a DICOMDIR record is labelled "DICOMDIR record: <place>"
// (media/media-output.ts); reports keep that label (foundIn), the screen and the flagged reason
// show it in words of each language.

import { msg, type Message } from '../messages/message.ts';

/** The label's prefix for a place inside the DICOMDIR record written for the output. */
export const DICOMDIR_RECORD_PREFIX = 'DICOMDIR record: ';

export function placeOf(foundIn: string): Message {
  if (foundIn.startsWith(DICOMDIR_RECORD_PREFIX)) return msg('leak-in-dicomdir-record', { place: placeOf(foundIn.slice(DICOMDIR_RECORD_PREFIX.length)) });
  const m = /^(element|byte offset|inflated data set offset) (.+)$/.exec(foundIn);
  if (!m) return msg('leak-in-path');
  if (m[1] === 'element') return msg('leak-in-element', { path: m[2]! });
  return msg(m[1] === 'byte offset' ? 'leak-at-offset' : 'leak-at-inflated-offset', { n: Number(m[2]) });
}
