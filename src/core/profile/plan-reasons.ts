// The plan's reasons as Messages (codes in src/core/messages/plan-codes.ts): the Table E.1-1 row
// or option column that decided an action (PS3.15 E.1.1), the project's rules for what the table
// does not list, and the note that says how a compound code was resolved ("<rule> → <note>").
// Option names and detector kinds are nested Messages, so each language names them itself.

import { msg, type Message, type MessageCode } from '../messages/message.ts';
import type { OptionKey } from './options.ts';

export const optionName = (k: OptionKey): Message => msg(`plan.option.${k}` as MessageCode);

/** Words joined with commas ("a, b"; "a、b" in Chinese). */
export const commaList = (items: readonly Message[]): Message => msg('list-comma', { items });

/** A reason without parameters: `plan.reason.<name>`. */
export const planReason = (name: string, params: Record<string, string> = {}): Message => msg(`plan.reason.${name}` as MessageCode, params);

export const basicReason = (code: string): Message => msg('plan.reason.basic', { code });

export const byOptionsReason = (options: readonly OptionKey[], code: string): Message =>
  msg('plan.reason.byOptions', { options: commaList(options.map(optionName)), code });

/** The winning option's C and the options whose K it overrides. */
export const overridesReason = (winner: OptionKey, losers: readonly [OptionKey, string][]): Message =>
  msg('plan.reason.overrides', {
    option: optionName(winner),
    losers: commaList(losers.map(([k, code]) => msg('plan.optionCode', { option: optionName(k), code }))),
  });

/** Text masked because the detectors found these kinds of identifiers (text-cleaner.ts kinds). */
export const maskedReason = (inCleaned: boolean, kinds: readonly string[]): Message =>
  msg(inCleaned ? 'plan.reason.maskedInCleaned' : 'plan.reason.maskedUnlisted', {
    kinds: commaList(kinds.map((k) => msg(`plan.kind.${k}` as MessageCode))),
  });

/** A note on a resolved compound code; `action` is the concrete letter where the note names it. */
export const planNote = (name: string, action?: string): Message =>
  msg(`plan.note.${name}` as MessageCode, action === undefined ? {} : { action });

/** "<rule> → <note>". */
export const resolved = (rule: Message, note: Message): Message => msg('plan.resolved', { rule, note });

/** The rule of a reason, without the note of how a compound code was resolved. */
export const ruleOf = (reason: Message): Message => (reason.code === 'plan.resolved' ? ruleOf(reason.params.rule as Message) : reason);
