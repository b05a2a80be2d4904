// Transfer syntaxes (PS3.5 §10, Annex A): how the data set after the file meta is encoded.
// Unknown UIDs are treated as encapsulated explicit VR little endian, as PS3.5 A.4 requires
// of every compressed syntax, so new compression schemes pass through unchanged.

export const IMPLICIT_VR_LE = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LE = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BE = '1.2.840.10008.1.2.2';
/** Encapsulated Uncompressed Explicit VR Little Endian (PS3.5 A.4.11). */
export const ENCAPSULATED_UNCOMPRESSED_LE = '1.2.840.10008.1.2.1.98';

export interface TransferSyntaxInfo {
  uid: string;
  explicitVR: boolean;
  littleEndian: boolean;
  deflated: boolean;
  /** Pixel data is encapsulated (fragments) rather than native. */
  encapsulated: boolean;
  /** Pixel data is lossy-compressed. */
  lossy: boolean;
  known: boolean;
}

const NATIVE: Record<string, Omit<TransferSyntaxInfo, 'uid' | 'known'>> = {
  [IMPLICIT_VR_LE]: { explicitVR: false, littleEndian: true, deflated: false, encapsulated: false, lossy: false },
  [EXPLICIT_VR_LE]: { explicitVR: true, littleEndian: true, deflated: false, encapsulated: false, lossy: false },
  [DEFLATED_EXPLICIT_VR_LE]: { explicitVR: true, littleEndian: true, deflated: true, encapsulated: false, lossy: false },
  [EXPLICIT_VR_BE]: { explicitVR: true, littleEndian: false, deflated: false, encapsulated: false, lossy: false },
};

/** Encapsulated syntaxes by UID with whether they are lossy. */
const ENCAPSULATED: Record<string, { name: string; lossy: boolean }> = {
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', lossy: true },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4)', lossy: true },
  '1.2.840.10008.1.2.4.52': { name: 'JPEG Extended (Process 3 & 5) (Retired)', lossy: true },
  '1.2.840.10008.1.2.4.53': { name: 'JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (Retired)', lossy: true },
  '1.2.840.10008.1.2.4.54': { name: 'JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (Retired)', lossy: true },
  '1.2.840.10008.1.2.4.55': { name: 'JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (Retired)', lossy: true },
  '1.2.840.10008.1.2.4.56': { name: 'JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (Retired)', lossy: true },
  '1.2.840.10008.1.2.4.58': { name: 'JPEG Lossless, Non-Hierarchical (Process 15) (Retired)', lossy: false },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless, Non-Hierarchical (Process 14)', lossy: false },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless, First-Order Prediction', lossy: false },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', lossy: false },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', lossy: true },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 (Lossless Only)', lossy: false },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', lossy: true },
  '1.2.840.10008.1.2.4.92': { name: 'JPEG 2000 Part 2 Multi-component (Lossless Only)', lossy: false },
  '1.2.840.10008.1.2.4.93': { name: 'JPEG 2000 Part 2 Multi-component', lossy: true },
  '1.2.840.10008.1.2.4.94': { name: 'JPIP Referenced', lossy: false },
  '1.2.840.10008.1.2.4.100': { name: 'MPEG2 Main Profile / Main Level', lossy: true },
  '1.2.840.10008.1.2.4.101': { name: 'MPEG2 Main Profile / High Level', lossy: true },
  '1.2.840.10008.1.2.4.102': { name: 'MPEG-4 AVC/H.264 High Profile', lossy: true },
  '1.2.840.10008.1.2.4.103': { name: 'MPEG-4 AVC/H.264 BD-compatible', lossy: true },
  '1.2.840.10008.1.2.4.104': { name: 'MPEG-4 AVC/H.264 High Profile For 2D Video', lossy: true },
  '1.2.840.10008.1.2.4.105': { name: 'MPEG-4 AVC/H.264 High Profile For 3D Video', lossy: true },
  '1.2.840.10008.1.2.4.106': { name: 'MPEG-4 AVC/H.264 Stereo High Profile', lossy: true },
  '1.2.840.10008.1.2.4.107': { name: 'HEVC/H.265 Main Profile', lossy: true },
  '1.2.840.10008.1.2.4.108': { name: 'HEVC/H.265 Main 10 Profile', lossy: true },
  '1.2.840.10008.1.2.4.110': { name: 'JPEG XL Lossless', lossy: false },
  '1.2.840.10008.1.2.4.111': { name: 'JPEG XL JPEG Recompression', lossy: false },
  '1.2.840.10008.1.2.4.112': { name: 'JPEG XL', lossy: true },
  '1.2.840.10008.1.2.4.201': { name: 'High-Throughput JPEG 2000 (Lossless Only)', lossy: false },
  '1.2.840.10008.1.2.4.202': { name: 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)', lossy: false },
  '1.2.840.10008.1.2.4.203': { name: 'High-Throughput JPEG 2000', lossy: true },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', lossy: false },
  '1.2.840.10008.1.2.8.1': { name: 'Deflated Image Frame Compression', lossy: false },
  [ENCAPSULATED_UNCOMPRESSED_LE]: { name: 'Encapsulated Uncompressed Explicit VR Little Endian', lossy: false },
};

export function transferSyntaxInfo(uid: string): TransferSyntaxInfo {
  const native = NATIVE[uid];
  if (native) return { uid, known: true, ...native };
  const enc = ENCAPSULATED[uid];
  return { uid, explicitVR: true, littleEndian: true, deflated: false, encapsulated: true, lossy: enc?.lossy ?? false, known: !!enc };
}

export const transferSyntaxName = (uid: string): string =>
  ({
    [IMPLICIT_VR_LE]: 'Implicit VR Little Endian',
    [EXPLICIT_VR_LE]: 'Explicit VR Little Endian',
    [DEFLATED_EXPLICIT_VR_LE]: 'Deflated Explicit VR Little Endian',
    [EXPLICIT_VR_BE]: 'Explicit VR Big Endian',
  })[uid] ??
  ENCAPSULATED[uid]?.name ??
  `unknown transfer syntax ${uid}`;
