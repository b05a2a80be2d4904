// PS3.15 Annex E Table E.1-1 lookup and option resolution (PS3.15 E.1.1, E.3).
// An option in use whose column has a value for a row overrides the basic action. The
// standard does not say which wins when two chosen options disagree; in 2026c that happens in
// 11 rows (device calibration/installation/manufacture dates and times: Dev. Id. = K, Modif.
// Dates = C). Here C wins: under Retain Modified Dates, dates are shifted, never kept verbatim.

import type { Tag } from '../dicom/tag.ts';
import { groupOf, isRepeatingGroup } from '../dicom/tag.ts';
import type { Message } from '../messages/message.ts';
import { OPTION_KEYS } from './options.ts';
import { basicReason, byOptionsReason, overridesReason } from './plan-reasons.ts';
import type { OptionKey, ProfileOptions } from './options.ts';
import { PRIVATE_ROW_TAG, TABLE_E1_1 } from './table-e1-1.data.ts';

export type ActionCode = 'X' | 'Z' | 'D' | 'K' | 'C' | 'U' | 'Z/D' | 'X/Z' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

export const ACTION_CODES: readonly ActionCode[] = ['X', 'Z', 'D', 'K', 'C', 'U', 'Z/D', 'X/Z', 'X/D', 'X/Z/D', 'X/Z/U*'];

export interface ProfileRow {
  /** 8 upper-case hex digits, lower-case x for repeating-group wildcards, or PRIVATE_ROW_TAG. */
  tag: string;
  name: string;
  basic: ActionCode;
  options: Partial<Record<OptionKey, 'K' | 'C'>>;
  retired: boolean;
  stdCompIOD: boolean;
}

export { PRIVATE_ROW_TAG };

const CODE_SET = new Set<string>(ACTION_CODES);
const isActionCode = (s: string): s is ActionCode => CODE_SET.has(s);

/** Every row of Table E.1-1 in table order, including the wildcard and private rows. */
export const PROFILE_ROWS: readonly ProfileRow[] = TABLE_E1_1.map(([tag, name, retired, stdCompIOD, basic, options]) => {
  if (!isActionCode(basic)) throw new Error(`Table E.1-1 ${tag}: unknown action code ${basic}`);
  return Object.freeze({ tag, name, basic, options: Object.freeze({ ...options }), retired, stdCompIOD });
});

interface WildcardRow {
  mask: number;
  value: number;
  row: ProfileRow;
}

const exact = new Map<Tag, ProfileRow>();
const wildcards: WildcardRow[] = [];
let privateRow: ProfileRow | undefined;

for (const row of PROFILE_ROWS) {
  if (row.tag === PRIVATE_ROW_TAG) {
    privateRow = row;
  } else if (/^[0-9A-F]{8}$/.test(row.tag)) {
    exact.set(parseInt(row.tag, 16) >>> 0, row);
  } else if (/^[0-9A-Fx]{8}$/.test(row.tag)) {
    // Each x nibble is free: mask it out.
    let mask = 0;
    for (const ch of row.tag) mask = mask * 16 + (ch === 'x' ? 0 : 0xf);
    wildcards.push({ mask: mask >>> 0, value: parseInt(row.tag.replace(/x/g, '0'), 16) >>> 0, row });
  } else {
    throw new Error(`Table E.1-1: unparseable tag ${row.tag}`);
  }
}
if (!privateRow) throw new Error('Table E.1-1: the private attributes row is missing');

/** The "(gggg,eeee) where gggg is odd" row: basic X, Retain Safe Private C. */
export const PRIVATE_ATTRIBUTES_ROW: ProfileRow = privateRow;

/**
 * The Table E.1-1 row for a standard tag: exact rows first, then the 50xx/60xx repeating-group
 * rows (even groups 5000-50FF / 6000-60FF only, PS3.5 §7.6). Private tags (odd groups) give
 * undefined: the engine handles them with PRIVATE_ATTRIBUTES_ROW and the safe private list.
 */
export function lookupProfileRow(t: Tag): ProfileRow | undefined {
  t = t >>> 0;
  if ((groupOf(t) & 1) === 1) return undefined; // private (and the illegal 0001-0007) groups
  const row = exact.get(t);
  if (row) return row;
  if (!isRepeatingGroup(t)) return undefined;
  for (const w of wildcards) if (((t & w.mask) >>> 0) === w.value) return w.row;
  return undefined;
}

export interface ResolvedAction {
  code: ActionCode;
  reason: Message;
  /** The option whose column decided the action; absent for the basic profile action. */
  option?: OptionKey;
}

/** Which option wins when chosen options give different actions for one row (C beats K). */
const CONFLICT_PRIORITY: readonly OptionKey[] = [
  'retainLongitudinalModifiedDates',
  ...OPTION_KEYS.filter((k) => k !== 'retainLongitudinalModifiedDates'),
];

/**
 * The action for a row under a set of options (PS3.15 E.1.1). Compound codes (Z/D, X/Z, X/D,
 * X/Z/D, X/Z/U*) are returned as they are; the engine picks by the attribute's Type in the IOD.
 */
export function resolveAction(row: ProfileRow, options: ProfileOptions): ResolvedAction {
  const chosen = OPTION_KEYS.filter((k) => options[k] === true && row.options[k] !== undefined);
  if (chosen.length === 0) return { code: row.basic, reason: basicReason(row.basic) };

  const codes = new Set(chosen.map((k) => row.options[k]));
  if (codes.size === 1) {
    const code = row.options[chosen[0]] as 'K' | 'C';
    return { code, reason: byOptionsReason(chosen, code), option: chosen[0] };
  }

  // Options disagree (K versus C): clean rather than keep.
  const winner = CONFLICT_PRIORITY.find((k) => chosen.includes(k) && row.options[k] === 'C') as OptionKey;
  const losers = chosen.filter((k) => row.options[k] !== 'C').map((k): [OptionKey, string] => [k, row.options[k]!]);
  return {
    code: 'C',
    reason: overridesReason(winner, losers),
    option: winner,
  };
}
