// Where template conditions (template-condition.ts) read attributes: the original data set, the
// file meta group (ImplementationVersionName is there, PS3.10 7.1), then nested sequence items
// depth first (CodeMeaning sits in a code sequence, PS3.3 8.8) — the first occurrence wins. Values
// as text: strings decoded with the file's Specific Character Set (PS3.5 6.1.2.3), numbers in
// decimal, multiple values joined by "\"; a sequence is "" when it has no item.

import { makeCharsetCodec } from '../charset/specific-character-set.ts';
import { findElement, type Element, type Item } from '../dicom/dataset.ts';
import { tagOfKeyword } from '../dicom/dictionary.ts';
import type { DicomFile } from '../dicom/reader.ts';
import { tag } from '../dicom/tag.ts';
import { decodeNumbers, decodeStrings, isStringVr } from '../dicom/value-codec.ts';
import { asciiValues } from '../dicom/value-text.ts';
import { attributeKey, type AttributeLookup } from './template-condition.ts';

const SPECIFIC_CHARACTER_SET = tag(0x0008, 0x0005);

function find(item: Item, t: number): Element | undefined {
  const own = findElement(item, t);
  if (own) return own;
  for (const el of item.elements) {
    if (el.value.kind !== 'sequence') continue;
    for (const sub of el.value.items) {
      const hit = find(sub, t);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function attributeLookup(file: DicomFile): AttributeLookup {
  const ds = file.dataset;
  const cs = findElement(ds, SPECIFIC_CHARACTER_SET);
  const { codec } = makeCharsetCodec(cs && cs.value.kind === 'bytes' ? asciiValues(cs.value.bytes) : []);
  const le = file.encoding.littleEndian;
  return (attribute) => {
    const key = attributeKey(attribute);
    const t = /^[0-9A-F]{8}$/.test(key) ? parseInt(key, 16) >>> 0 : tagOfKeyword(key);
    if (t === undefined) return undefined;
    const el = findElement(ds, t) ?? findElement(file.meta, t) ?? find(ds, t);
    if (!el) return undefined;
    const v = el.value;
    if (v.kind === 'sequence') return v.items.length ? `${v.items.length}` : '';
    if (v.kind !== 'bytes') return 'bulk data';
    if (v.bytes.length === 0) return '';
    if (isStringVr(el.vr)) return decodeStrings(el, codec).join('\\');
    return decodeNumbers(el, le).join('\\');
  };
}
