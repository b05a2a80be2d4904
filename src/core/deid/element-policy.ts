// Decides what happens to one element: the PS3.15 Table E.1-1 row (and option column) for
// standard attributes, the private-attribute rule and Retain Safe Private (E.3.10) for private
// ones, and the project's rules for attributes the table does not list (documented below).
// Returns a concrete action (X Z D K C U) with the reason shown in plans and reports.

import { lookupTag } from '../dicom/dictionary.ts';
import type { Message } from '../messages/message.ts';
import type { Element } from '../dicom/dataset.ts';
import { groupOf, isGroupLength, isPrivateCreator, isPrivateTag, PIXEL_DATA, SPECIFIC_CHARACTER_SET, type Tag } from '../dicom/tag.ts';
import { lookupProfileRow, resolveAction } from '../profile/profile-table.ts';
import type { ProfileOptions } from '../profile/options.ts';
import { isSafePrivate } from '../profile/safe-private.ts';
import { needsPresence, resolveCompound, type Concrete, type IodContext } from './iod-requirements.ts';
import { byOptionsReason, planNote, planReason, resolved } from '../profile/plan-reasons.ts';

export interface Decision {
  action: Concrete;
  /** The table's code before resolution ('X/Z/D'…), 'private', or '' for unlisted attributes. */
  code: string;
  reason: Message;
  /** Listed in Table E.1-1 with an action other than K, or private: shown under "identifying only". */
  identifying: boolean;
  /**
   * For a sequence with a compound code (Z/D, X/Z, X/Z/D, X/D) decided as D: the items are kept and
   * de-identified (the UIDs inside replaced); if that changes nothing, this action applies instead.
   */
  sequenceFallback?: 'X' | 'Z';
}

/** UI attributes that name classes or schemes, not instances: never remapped. */
const CLASS_LIKE_UID = /(ClassUID|ClassesInStudy|TransferSyntaxUID|CodingSchemeUID|ContextUID|MappingResourceUID|ContextGroupExtensionCreatorUID|PrivateInformationCreatorUID|TemplateExtensionCreatorUID|TemplateExtensionOrganizationUID|ApplicationContextName)$/;

const DATE_VRS = new Set(['DA', 'DT', 'TM']);

export interface PolicyContext {
  options: ProfileOptions;
  iod: IodContext;
  /** Private creator strings of the current item by block, e.g. (0009,10xx) → "ACME 1.0". */
  creators: Map<number, string>;
}

export function decide(el: Element, ctx: PolicyContext): Decision {
  const t = el.tag;
  const g = groupOf(t);
  if (g === 0x0000 || g === 0x0002 || g === 0x0004) {
    return { action: 'X', code: '', reason: planReason('group', { group: g.toString(16).padStart(4, '0') }), identifying: false };
  }
  if (isGroupLength(t)) return { action: 'X', code: '', reason: planReason('groupLength'), identifying: false };
  if (t === SPECIFIC_CHARACTER_SET) return { action: 'K', code: '', reason: planReason('charset'), identifying: false };
  if (isPrivateTag(t)) return decidePrivate(el, ctx);

  const row = lookupProfileRow(t);
  if (row) {
    const r = resolveAction(row, ctx.options);
    const keyword = lookupTag(t)?.keyword ?? row.name;
    if (el.value.kind === 'sequence' && r.code.includes('/') && r.code !== 'X/Z/U*' && el.value.items.length === 0 && r.code.includes('Z')) {
      return { action: 'Z', code: r.code, identifying: true, reason: resolved(r.reason, planNote('emptySequence')) };
    }
    // X/D allows no empty sequence: removed unless the IOD needs it (Waveform Annotation, Operator
    // Identification: Type 3 or in a module required only when such content is present).
    if (el.value.kind === 'sequence' && r.code === 'X/D' && !needsPresence(keyword, ctx.iod)) {
      return { action: 'X', code: r.code, identifying: true, reason: resolved(r.reason, planNote('notRequired', 'X')) };
    }
    if (el.value.kind === 'sequence' && r.code.includes('/') && r.code !== 'X/Z/U*' && el.value.items.length > 0) {
      const fallback = r.code === 'Z/D' || r.code === 'X/Z' && needsPresence(keyword, ctx.iod) || needsPresence(keyword, ctx.iod) ? 'Z' : 'X';
      return {
        action: 'D', code: r.code, identifying: true, sequenceFallback: fallback,
        reason: resolved(r.reason, planNote('itemsKept')),
      };
    }
    const action = resolveCompound(r.code, keyword, ctx.iod, el.vr);
    const reason = r.code.includes('/') ? resolved(r.reason, planNote(explainCompound(r.code, action), action)) : r.reason;
    return { action, code: r.code, reason, identifying: action !== 'K' };
  }
  if (t === PIXEL_DATA && ctx.iod.depth === 0) return { action: 'K', code: '', reason: planReason('pixelData'), identifying: false };

  const entry = lookupTag(t);
  if (!entry) return { action: 'X', code: '', reason: planReason('notInDictionary'), identifying: true };
  if (el.vr === 'UI' && !CLASS_LIKE_UID.test(entry.keyword)) {
    if (ctx.options.retainUIDs) return { action: 'K', code: '', reason: byOptionsReason(['retainUIDs'], 'K'), identifying: false };
    return { action: 'U', code: '', reason: planReason('uidUnlisted'), identifying: true };
  }
  if (DATE_VRS.has(el.vr) && ctx.options.retainLongitudinalModifiedDates) {
    return { action: 'C', code: '', reason: planReason('dateUnlisted'), identifying: true };
  }
  return { action: 'K', code: '', reason: planReason('unlisted'), identifying: false };
}

/** The plan.note.* that says why a compound code resolved to this action. */
function explainCompound(code: string, action: Concrete): string {
  if (code === 'X/Z/U*') return 'references';
  if (action === 'D') return 'dummy';
  if (action === 'Z') return code === 'Z/D' ? 'noValueNeeded' : 'type2';
  return 'notRequired';
}

function decidePrivate(el: Element, ctx: PolicyContext): Decision {
  const privateRule = planReason('private');
  if (!ctx.options.retainSafePrivate) return { action: 'X', code: 'X', reason: privateRule, identifying: true };
  if (isPrivateCreator(el.tag)) {
    // Kept only if the block it reserves keeps at least one safe element; settled by the walker.
    return { action: 'K', code: 'C', reason: planReason('safeCreator'), identifying: true };
  }
  const creator = ctx.creators.get(blockKey(el.tag));
  if (creator !== undefined && isSafePrivate(creator, el.tag)) {
    return { action: 'K', code: 'C', reason: planReason('safePrivate', { creator }), identifying: true };
  }
  return {
    action: 'X', code: 'C',
    reason: creator === undefined ? planReason('noCreator') : planReason('notSafe', { creator }),
    identifying: true,
  };
}

/** (group, block byte) key of a private data element or of the creator that reserves it. */
export const blockKey = (t: Tag): number => (groupOf(t) << 8) | (isPrivateCreator(t) ? t & 0xff : (t >> 8) & 0xff);
