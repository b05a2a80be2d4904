// Safe private attributes, PS3.15 E.3.10 and Table E.3.10-1: the private data elements the
// Retain Safe Private Option may keep. A private element (gggg,bbee) is identified by its
// private creator and by group + element low byte ee; the block byte bb is whatever block the
// creator reserved in that data set (PS3.5 §7.8.1), so it is not part of the match.

import type { Tag } from '../dicom/tag.ts';
import { elementOf, groupOf, isPrivateTag } from '../dicom/tag.ts';
import { SAFE_PRIVATE_ATTRIBUTES } from './safe-private.data.ts';

export interface SafePrivateInfo {
  /** Group, e.g. 0x2001. */
  group: number;
  /** Element low byte, e.g. 0x0A for (2001,xx0A). */
  elementByte: number;
  /** Private creator as the table spells it. */
  creator: string;
  /** VR from the table; '' where the standard gives none (5 SIEMENS Ultrasound SC2000 rows). */
  vr: string;
  vm: string;
  meaning: string;
}

/**
 * Private creator values are LO: leading/trailing spaces are padding, and some writers pad
 * with NUL. Matching also ignores case, since creators are seen in the wild in mixed case.
 */
export const normalizeCreator = (creator: string): string =>
  creator.replace(/^[\s\0]+|[\s\0]+$/g, '').toLowerCase();

const key = (creator: string, group: number, elementByte: number): string =>
  `${normalizeCreator(creator)}|${group}|${elementByte}`;

const table = new Map<string, SafePrivateInfo>();
for (const [element, creator, vr, vm, meaning] of SAFE_PRIVATE_ATTRIBUTES) {
  const group = parseInt(element.slice(0, 4), 16);
  const elementByte = parseInt(element.slice(6, 8), 16);
  const info: SafePrivateInfo = Object.freeze({ group, elementByte, creator, vr, vm, meaning });
  table.set(key(creator, group, elementByte), info);
}

/** The safe-list row for a private data element owned by `creator`, or undefined. */
export function safePrivateInfo(creator: string, t: Tag): SafePrivateInfo | undefined {
  // Only private data elements (gggg,1000-FFFF) are listed; creators (gggg,0010-00FF) are not.
  if (!isPrivateTag(t) || elementOf(t) < 0x1000) return undefined;
  return table.get(key(creator, groupOf(t), elementOf(t) & 0xff));
}

/** Whether Table E.3.10-1 lists this private data element for this private creator. */
export function isSafePrivate(creator: string, t: Tag): boolean {
  return safePrivateInfo(creator, t) !== undefined;
}

/** All safe-list rows, in table order. */
export const SAFE_PRIVATE_ROWS: readonly SafePrivateInfo[] = [...table.values()];
