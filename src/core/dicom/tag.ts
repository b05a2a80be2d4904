// Tags as unsigned 32-bit numbers (group << 16 | element), PS3.5 §7.1.
// Helpers to format them the way the standard prints them and to classify them
// (private, private creator, group length, repeating groups 50xx/60xx).

export type Tag = number;

export const tag = (group: number, element: number): Tag => ((group << 16) | element) >>> 0;
export const groupOf = (t: Tag): number => t >>> 16;
export const elementOf = (t: Tag): number => t & 0xffff;

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** "(0010,0010)" */
export const formatTag = (t: Tag): string => `(${hex4(groupOf(t))},${hex4(elementOf(t))})`;
/** "00100010", the dcmjs / DICOM JSON key form. */
export const tagHex = (t: Tag): string => hex4(groupOf(t)) + hex4(elementOf(t));
export const parseTagHex = (s: string): Tag => parseInt(s.replace(/[^0-9a-fA-F]/g, ''), 16) >>> 0;

/** PS3.5 §7.8: odd groups other than 0001, 0003, 0005, 0007 and FFFF are private. */
export const isPrivateTag = (t: Tag): boolean => {
  const g = groupOf(t);
  return (g & 1) === 1 && g > 0x0007 && g !== 0xffff;
};
/** PS3.5 §7.8.1: (gggg,0010-00FF) in a private group reserves a block. */
export const isPrivateCreator = (t: Tag): boolean => {
  const e = elementOf(t);
  return isPrivateTag(t) && e >= 0x0010 && e <= 0x00ff;
};
/** The private creator element that owns a private data element (gggg,xxee) -> (gggg,00xx). */
export const privateCreatorOf = (t: Tag): Tag => tag(groupOf(t), (elementOf(t) >> 8) & 0xff);
export const isGroupLength = (t: Tag): boolean => elementOf(t) === 0x0000;

/** Curve (50xx) and overlay (60xx) repeating groups, PS3.5 §7.6. */
export const isRepeatingGroup = (t: Tag): boolean => {
  const g = groupOf(t);
  return (g >= 0x5000 && g <= 0x50ff && (g & 1) === 0) || (g >= 0x6000 && g <= 0x60ff && (g & 1) === 0);
};

export const ITEM = tag(0xfffe, 0xe000);
export const ITEM_DELIMITER = tag(0xfffe, 0xe00d);
export const SEQUENCE_DELIMITER = tag(0xfffe, 0xe0dd);
export const PIXEL_DATA = tag(0x7fe0, 0x0010);
/** Float Pixel Data and Double Float Pixel Data (PS3.3 C.7.6.24, Floating Point Image Pixel module). */
export const FLOAT_PIXEL_DATA = tag(0x7fe0, 0x0008);
export const DOUBLE_FLOAT_PIXEL_DATA = tag(0x7fe0, 0x0009);
export const SPECIFIC_CHARACTER_SET = tag(0x0008, 0x0005);
