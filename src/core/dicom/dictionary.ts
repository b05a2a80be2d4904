// The PS3.6 data dictionary, from dcmjs (the only module that imports it). Looks tags up by
// their 8-hex-digit key: dcmjs's parenthesised form mis-parses repeating groups (60xx).
// Gives the VR for implicit VR data sets and the keyword shown in plans.

import dcmjs from 'dcmjs';
import { elementOf, groupOf, isGroupLength, isPrivateCreator, isPrivateTag, tagHex, type Tag } from './tag.ts';

export interface DictEntry {
  vr: string;
  vm: string;
  keyword: string;
}

const dict = dcmjs.data.DicomMetaDictionary.dictionary;
const nameMap = dcmjs.data.DicomMetaDictionary.nameMap;
const cache = new Map<Tag, DictEntry | null>();

export function lookupTag(t: Tag): DictEntry | undefined {
  let hit = cache.get(t);
  if (hit === undefined) {
    hit = null;
    if (isPrivateCreator(t)) hit = { vr: 'LO', vm: '1', keyword: 'PrivateCreator' };
    else if (!isPrivateTag(t)) {
      if (isGroupLength(t)) hit = { vr: 'UL', vm: '1', keyword: groupOf(t) === 2 ? 'FileMetaInformationGroupLength' : 'GroupLength' };
      else {
        const e = dict[tagHex(t)];
        if (e) hit = { vr: e.vr, vm: e.vm, keyword: e.name };
      }
    }
    cache.set(t, hit);
  }
  return hit ?? undefined;
}

/** The VR to use when the encoding does not say (implicit VR): the first of 'OB or OW'-style choices. */
export function implicitVr(t: Tag): string {
  const e = lookupTag(t);
  if (!e) return 'UN';
  // Multi-VR dictionary entries ("OB or OW", "US or SS") come back as e.g. "OB|OW" or "US or SS".
  const vr = e.vr.slice(0, 2);
  if (vr === 'ox' || vr === 'xs') return groupOf(t) === 0x7fe0 && elementOf(t) === 0x0010 ? 'OW' : 'US';
  return vr;
}

export function keywordOf(t: Tag): string {
  return lookupTag(t)?.keyword ?? (isPrivateTag(t) ? 'Private' : 'Unknown');
}

export function tagOfKeyword(keyword: string): Tag | undefined {
  const e = nameMap[keyword];
  if (!e) return undefined;
  const hex = e.tag.replace(/[^0-9A-Fa-f]/g, '');
  return hex.length === 8 ? parseInt(hex, 16) >>> 0 : undefined;
}
