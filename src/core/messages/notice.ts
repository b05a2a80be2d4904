// Builds the app's notices as Messages (codes `notice.<name>`, notice-codes.ts), and turns a
// thrown value into the detail such a notice may carry: a foreign exception's text is never a
// message of its own, only the `error` parameter of one of ours.

import { msg, type Message, type MessageParam } from './message.ts';
import type { NoticeName } from './notice-codes.ts';

export const notice = (name: NoticeName, params: Record<string, MessageParam> = {}): Message => msg(`notice.${name}`, params);

/** Several notices shown as one (sentences in a row). */
export const sentences = (items: readonly Message[]): Message => (items.length === 1 ? items[0]! : notice('sentences', { items }));

/** A thrown value's text, for an `error` parameter: the Message of a MessageError, else its message. */
export function errorDetail(err: unknown): MessageParam {
  if (err instanceof MessageError) return err.problem;
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * An error of ours that carries its reason as a Message; its `message` is for logs and tests
 * (the English rendering where the thrower has the catalogue at hand, else the code).
 */
export class MessageError extends Error {
  constructor(readonly problem: Message, logText: string = problem.code) {
    super(logText);
    this.name = 'MessageError';
  }
}
