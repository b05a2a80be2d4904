// The PS3.6 data dictionary: the project's own copy (dictionary.data.ts, generated from dcmjs by
// scripts/gen-dictionary.ts), parsed on first use. Looks tags up by number; the repeating groups
// of PS3.5 §7.6 (50xx curves, 60xx overlays, 7Fxx variable pixel data: even groups) resolve to
// their base group, as dcmjs does. Gives the VR for implicit VR data sets and the keyword shown
// in plans.

import { DICTIONARY_TSV } from './dictionary.data.ts';
import { elementOf, groupOf, isGroupLength, isPrivateCreator, isPrivateTag, type Tag } from './tag.ts';

export interface DictEntry {
  vr: string;
  vm: string;
  keyword: string;
}

let byTag: Map<Tag, DictEntry> | undefined;
let byKeyword: Map<string, Tag> | undefined;

function load(): Map<Tag, DictEntry> {
  if (byTag) return byTag;
  byTag = new Map();
  byKeyword = new Map();
  for (const line of DICTIONARY_TSV.split('\n')) {
    const [hex, vr, vm, keyword] = line.split('\t');
    const t = parseInt(hex, 16) >>> 0;
    byTag.set(t, { vr, vm, keyword });
    byKeyword.set(keyword, t);
  }
  return byTag;
}

/** The dictionary entry of a standard tag, with repeating groups resolved to their base group. */
function standardEntry(t: Tag): DictEntry | undefined {
  const table = load();
  const exact = table.get(t);
  if (exact) return exact;
  const g = groupOf(t);
  const base = g & 0xff00;
  if ((g & 1) === 0 && (base === 0x5000 || base === 0x6000 || (base === 0x7f00 && g !== 0x7fe0))) {
    return table.get(((base << 16) | elementOf(t)) >>> 0);
  }
  return undefined;
}

const cache = new Map<Tag, DictEntry | null>();

export function lookupTag(t: Tag): DictEntry | undefined {
  let hit = cache.get(t);
  if (hit === undefined) {
    hit = null;
    if (isPrivateCreator(t)) hit = { vr: 'LO', vm: '1', keyword: 'PrivateCreator' };
    else if (!isPrivateTag(t)) {
      if (isGroupLength(t)) hit = { vr: 'UL', vm: '1', keyword: groupOf(t) === 2 ? 'FileMetaInformationGroupLength' : 'GroupLength' };
      else hit = standardEntry(t) ?? null;
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
  load();
  return byKeyword!.get(keyword);
}
