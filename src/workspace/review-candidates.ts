// Which images review mode must show (issue 4): those likely to carry burned-in text —
// BurnedInAnnotation (0028,0301) YES (PS3.3 C.7.6.1.1.7), modality US, SC (secondary capture),
// OT, XC (external camera), ES (endoscopy), ImageType (0008,0008) with SECONDARY or DERIVED
// (PS3.3 C.7.6.1.1.2), or text found by OCR — and the review status the report gives each. Pure.

import type { LoadedFile } from './loaded-file.ts';

export type ReviewReason = 'burned-in-annotation' | 'modality' | 'image-type' | 'ocr-text';
export type ReviewMark = 'redacted' | 'clean';
export type ReviewStatus = 'redacted' | 'confirmed-clean' | 'unreviewed';

export const TEXT_MODALITIES: readonly string[] = ['US', 'SC', 'OT', 'XC', 'ES'];

export function reviewReasons(f: LoadedFile, ocrHit: boolean): ReviewReason[] {
  const i = f.scan?.info;
  if (!i || !i.hasPixels || f.refusal) return [];
  const out: ReviewReason[] = [];
  if ((i.burnedInAnnotation ?? '').trim().toUpperCase() === 'YES') out.push('burned-in-annotation');
  if (TEXT_MODALITIES.includes(i.modality.trim().toUpperCase())) out.push('modality');
  if (/(^|\\)\s*(SECONDARY|DERIVED)\s*(\\|$)/i.test(i.imageType ?? '')) out.push('image-type');
  if (ocrHit) out.push('ocr-text');
  return out;
}

/**
 * The status of one image: "confirmed-clean" when marked clean; "redacted" when marked redacted
 * and boxes still apply to it; otherwise "unreviewed" (null when it is no candidate and unmarked).
 */
export function reviewStatus(mark: ReviewMark | undefined, boxes: number, candidate: boolean): ReviewStatus | null {
  if (mark === 'clean') return 'confirmed-clean';
  if (mark === 'redacted' && boxes > 0) return 'redacted';
  return candidate ? 'unreviewed' : null;
}
