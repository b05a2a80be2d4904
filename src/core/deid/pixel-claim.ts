// What an output may claim about burned-in text in its pixels. Burned In Annotation (0028,0301)
// NO (PS3.3 C.7.6.1.1.7) and code 113101, Clean Pixel Data (PS3.16 CID 7050; PS3.15 E.3.1), are
// claims somebody must stand behind: a device template that matched the image (its layout is
// known), or a person who looked at the image — with its boxes applied ("redacted") or without
// any ("confirmed clean"). Boxes applied without such a review black out what they cover but claim
// nothing: Burned In Annotation stays as it was, and becomes YES on an image likely to carry
// burned-in text whose value was absent or NO — part of a name may still be legible. Pure.

import { bytesElement, findElement, withElement, type Item } from '../dicom/dataset.ts';
import { tag } from '../dicom/tag.ts';
import { asciiBytes } from '../dicom/value-text.ts';

export const BURNED_IN_ANNOTATION = tag(0x0028, 0x0301);

/** clean: NO + 113101; unreviewed: boxes applied, no claim; none: pixels untouched, no claim. */
export type PixelClaim = 'clean' | 'unreviewed' | 'none';

export interface PixelClaimFacts {
  /** Boxes applied to the image (drawn ones and template ones). */
  boxes: number;
  /** Device templates that matched the image. */
  templates: number;
  /** A person confirmed the redacted image in review. */
  boxesReviewed?: boolean;
  /** A person confirmed the image carries no burned-in text. */
  confirmedClean?: boolean;
}

export function pixelClaim(f: PixelClaimFacts): PixelClaim {
  if (f.confirmedClean) return 'clean';
  if (f.boxes === 0) return 'none';
  return f.templates > 0 || f.boxesReviewed ? 'clean' : 'unreviewed';
}

/** Burned In Annotation of the output for a claim; `candidate`: the image is likely to carry burned-in text. */
export function withBurnedInAnnotation(ds: Item, claim: PixelClaim, candidate: boolean): Item {
  const set = (v: string) => withElement(ds, bytesElement(BURNED_IN_ANNOTATION, 'CS', asciiBytes(v)));
  if (claim === 'clean') return set('NO');
  if (claim === 'none' || !candidate) return ds;
  const el = findElement(ds, BURNED_IN_ANNOTATION);
  const now = el && el.value.kind === 'bytes' ? new TextDecoder('latin1').decode(el.value.bytes).replace(/[\0 ]+$/, '').trim().toUpperCase() : '';
  return now === '' || now === 'NO' ? set('YES') : ds;
}
