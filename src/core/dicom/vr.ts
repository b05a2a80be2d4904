// Value representations (PS3.5 §6.2, Table 6.2-1): which VRs carry a 4-byte length in
// explicit VR, which are strings (and which of those the character set applies to),
// padding bytes, and numeric element sizes.

export const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export const ALL_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW',
  'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]);

export const STRING_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

/** String VRs whose values may use the Specific Character Set (PS3.5 §6.1.2.3). */
export const TEXT_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/** VRs whose value is a single text (backslash is not a delimiter). */
export const SINGLE_VALUE_TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);

/** Byte size of one value of a numeric or AT VR. */
export const NUMERIC_VR_SIZE: Record<string, number> = {
  AT: 4, FD: 8, FL: 4, OD: 8, OF: 4, OL: 4, OV: 8, OW: 2, SL: 4, SS: 2, SV: 8, UL: 4, US: 2, UV: 8,
};

/** Maximum value lengths in bytes for the short string VRs (PS3.5 Table 6.2-1), used for dummy values. */
export const MAX_LENGTH: Record<string, number> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, PN: 64 * 5, SH: 16, TM: 14, UI: 64,
};

export const isValidVr = (vr: string): boolean => ALL_VRS.has(vr);

/** Padding byte for an odd-length value (PS3.5 §6.2). */
export const padByte = (vr: string): number => (vr === 'UI' || vr === 'OB' || vr === 'UN' ? 0x00 : STRING_VRS.has(vr) ? 0x20 : 0x00);
