// Names and archive of teaching slides: slide-001.png, slide-002.png… (never the original file
// name), and a stored (uncompressed: PNG and JPEG are compressed already) ZIP whose entries all
// carry the same fixed DOS date, 1980-01-01, so the archive tells nothing about when or where.

import { zipSync } from 'fflate';

export type SlideFormat = 'png' | 'jpeg';

export const slideExtension = (f: SlideFormat): string => (f === 'png' ? 'png' : 'jpg');
export const slideMime = (f: SlideFormat): string => (f === 'png' ? 'image/png' : 'image/jpeg');

/** 1-based, three digits at least. */
export function slideName(index: number, format: SlideFormat): string {
  return `slide-${String(index).padStart(3, '0')}.${slideExtension(format)}`;
}

export const SLIDES_ZIP_NAME = 'slides.zip';
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

export function slidesZip(slides: readonly Uint8Array[], format: SlideFormat): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  slides.forEach((bytes, i) => (entries[slideName(i + 1, format)] = [bytes, { level: 0, mtime: FIXED_DATE }]));
  return zipSync(entries, { level: 0, mtime: FIXED_DATE });
}
