// Dummy items for the sequences PS3.15 Table E.1-1 gives D whose items carry content the table
// does not list row by row (report text, measurements, codes naming a person). D is "replace with
// a non-zero length value that may be a dummy value and consistent with the VR" (PS3.15 E.1.1);
// for a sequence that is a sequence of dummy items, built so the IOD stays valid:
// - Content Sequence (0040,A730) of an SR document: one content item, RelationshipType CONTAINS,
//   ValueType TEXT, a Concept Name Code Sequence and a Text Value saying the content was removed
//   (PS3.3 C.17.3 SR Document Content; a CONTAINER may CONTAIN TEXT in every SR IOD).
// - Graphic Annotation Sequence (0070,0001) of a presentation state: one item on the original
//   first item's Graphic Layer with one Text Object saying the annotations were removed
//   (PS3.3 C.10.5: Graphic Layer Type 1, a Text Object with a bounding box in DISPLAY units).
// - Person Identification Code Sequence (0040,1101): one code of a private scheme ("99" prefix,
//   PS3.3 8.2) saying the identification was removed.
// The options that keep such content (Clean Structured Content, Clean Graphics) give C, not D,
// and never reach this file. Every other D sequence (Verifying Observer, Flow Identifier…) holds
// only attributes the table lists, so its items are walked and each value is replaced by its row.

import type { CharsetCodec } from '../charset/specific-character-set.ts';
import { bytesElement, findElement, type Element, type Item } from '../dicom/dataset.ts';
import { tag, type Tag } from '../dicom/tag.ts';
import { encodeNumbers, encodeStrings } from '../dicom/value-codec.ts';

export const CONTENT_SEQUENCE = tag(0x0040, 0xa730);
export const GRAPHIC_ANNOTATION_SEQUENCE = tag(0x0070, 0x0001);
export const PERSON_IDENTIFICATION_CODE_SEQUENCE = tag(0x0040, 0x1101);

const CODE_VALUE = tag(0x0008, 0x0100);
const CODING_SCHEME_DESIGNATOR = tag(0x0008, 0x0102);
const CODE_MEANING = tag(0x0008, 0x0104);
const RELATIONSHIP_TYPE = tag(0x0040, 0xa010);
const VALUE_TYPE = tag(0x0040, 0xa040);
const CONCEPT_NAME_CODE_SEQUENCE = tag(0x0040, 0xa043);
const TEXT_VALUE = tag(0x0040, 0xa160);
const GRAPHIC_LAYER = tag(0x0070, 0x0002);
const BOUNDING_BOX_ANNOTATION_UNITS = tag(0x0070, 0x0003);
const UNFORMATTED_TEXT_VALUE = tag(0x0070, 0x0006);
const TEXT_OBJECT_SEQUENCE = tag(0x0070, 0x0008);
const BOUNDING_BOX_TOP_LEFT = tag(0x0070, 0x0010);
const BOUNDING_BOX_BOTTOM_RIGHT = tag(0x0070, 0x0011);
const BOUNDING_BOX_JUSTIFICATION = tag(0x0070, 0x0012);

/** Text Value of the dummy SR content item. */
export const SR_CONTENT_REMOVED_TEXT = 'Structured content removed by de-identification (PS3.15 Basic Application Level Confidentiality Profile)';
/** Concept name of the dummy SR content item: (121106, DCM, "Comment") of PS3.16 Annex D. */
export const SR_CONTENT_REMOVED_CONCEPT = { value: '121106', scheme: 'DCM', meaning: 'Comment' } as const;
/** Text of the dummy graphic annotation. */
export const ANNOTATIONS_REMOVED_TEXT = 'Annotations removed by de-identification';
/** The dummy code of a removed person identification. */
export const PERSON_ID_REMOVED_CODE = { value: 'REMOVED', scheme: '99VEIL', meaning: 'Identification removed by de-identification' } as const;

export interface DummyContext {
  /** Codec the output's text values are written in. */
  codec: CharsetCodec;
  littleEndian: boolean;
}

type Builder = (original: Item[], c: DummyContext) => Item[];

const BUILDERS: ReadonlyMap<Tag, Builder> = new Map<Tag, Builder>([
  [CONTENT_SEQUENCE, (_o, c) => [srTextItem(c)]],
  [GRAPHIC_ANNOTATION_SEQUENCE, (o, c) => [graphicAnnotationItem(o, c)]],
  [PERSON_IDENTIFICATION_CODE_SEQUENCE, (_o, c) => [codeItem(PERSON_ID_REMOVED_CODE, c)]],
]);

/** Whether a D sequence with this tag is replaced by dummy items (not walked). */
export const hasDummyItems = (t: Tag): boolean => BUILDERS.has(t);

/** The sequence `el` (decided D) with its items replaced by dummy items; undefined when it has no dummy here. */
export function dummySequence(el: Element, c: DummyContext): Element | undefined {
  const build = BUILDERS.get(el.tag);
  if (!build || el.value.kind !== 'sequence') return undefined;
  return { ...el, value: { kind: 'sequence', items: build(el.value.items, c) }, undefinedLength: false };
}

const item = (elements: Element[]): Item => ({ elements, undefinedLength: false, offset: -1 });
const str = (t: Tag, vr: string, value: string, c: DummyContext): Element => bytesElement(t, vr, encodeStrings([value], vr, c.codec));
const seq = (t: Tag, items: Item[]): Element => ({ tag: t, vr: 'SQ', value: { kind: 'sequence', items }, undefinedLength: false, offset: -1 });

function codeItem(code: { value: string; scheme: string; meaning: string }, c: DummyContext): Item {
  return item([str(CODE_VALUE, 'SH', code.value, c), str(CODING_SCHEME_DESIGNATOR, 'SH', code.scheme, c), str(CODE_MEANING, 'LO', code.meaning, c)]);
}

function srTextItem(c: DummyContext): Item {
  return item([
    str(RELATIONSHIP_TYPE, 'CS', 'CONTAINS', c),
    str(VALUE_TYPE, 'CS', 'TEXT', c),
    seq(CONCEPT_NAME_CODE_SEQUENCE, [codeItem(SR_CONTENT_REMOVED_CONCEPT, c)]),
    str(TEXT_VALUE, 'UT', SR_CONTENT_REMOVED_TEXT, c),
  ]);
}

function graphicAnnotationItem(original: Item[], c: DummyContext): Item {
  // The layer must be one the Graphic Layer Sequence defines: the first original item's (a CS code).
  const layer = original.map((it) => findElement(it, GRAPHIC_LAYER)).find((e) => e !== undefined);
  const textObject = item([
    str(BOUNDING_BOX_ANNOTATION_UNITS, 'CS', 'DISPLAY', c),
    str(UNFORMATTED_TEXT_VALUE, 'ST', ANNOTATIONS_REMOVED_TEXT, c),
    bytesElement(BOUNDING_BOX_TOP_LEFT, 'FL', encodeNumbers([0, 0], 'FL', c.littleEndian)),
    bytesElement(BOUNDING_BOX_BOTTOM_RIGHT, 'FL', encodeNumbers([1, 0.05], 'FL', c.littleEndian)),
    str(BOUNDING_BOX_JUSTIFICATION, 'CS', 'LEFT', c),
  ]);
  return item([...(layer ? [{ ...layer, offset: -1 }] : []), seq(TEXT_OBJECT_SEQUENCE, [textObject])]);
}
