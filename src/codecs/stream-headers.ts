// Just enough of the JPEG (ISO 10918-1 B.2) and JPEG 2000 (ISO 15444-1 A.5, A.6) codestream
// headers to choose a decoder and to know what colour the decoded samples are in: the SOF process
// and precision, the component identifiers and the JFIF / Adobe markers of a JPEG stream, and
// whether a JPEG 2000 codestream applies the multiple component transform (COD SGcod).

export interface JpegHeader {
  /** The SOF marker (0xc0 baseline … 0xcf), 0 when none was found. */
  sof: number;
  precision: number;
  components: number[];
  jfif: boolean;
  /** Adobe APP14 transform flag (0: none, 1: YCbCr, 2: YCCK), undefined without the marker. */
  adobeTransform?: number;
  /** Offset of the SOF segment's component list, for rewriting identifiers. */
  componentsAt: number;
  /** Offset of the first SOS segment's component selectors. */
  scanAt: number[];
}

/**
 * The marker segments of a JPEG stream (ITU-T T.81 B.1), read leniently: fill bytes and stray
 * bytes are skipped, standalone markers (SOI, TEM, RSTn) passed over; ends at EOI, and at the
 * first SOS unless `throughScans`, which skips each scan's entropy-coded data to the next marker
 * that is neither a stuffed 0xFF00 nor an RSTn. Yields the marker, its offset, the offset of its
 * payload and its length field; the caller may change bytes of the segment it is given.
 */
function* markerSegments(b: Uint8Array, throughScans: boolean): Generator<{ m: number; i: number; seg: number; len: number }> {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const m = b[i + 1];
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9) return;
    const len = (b[i + 2] << 8) | b[i + 3];
    const seg = i + 4;
    yield { m, i, seg, len };
    if (m === 0xda) {
      if (!throughScans) return;
      let j = seg + len - 2;
      while (j + 1 < b.length && !(b[j] === 0xff && b[j + 1] !== 0 && !(b[j + 1] >= 0xd0 && b[j + 1] <= 0xd7))) j++;
      i = j;
      continue;
    }
    i = seg + len - 2;
  }
}

export function jpegHeader(b: Uint8Array): JpegHeader {
  const h: JpegHeader = { sof: 0, precision: 0, components: [], jfif: false, componentsAt: -1, scanAt: [] };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return h;
  for (const { m, seg, len } of markerSegments(b, false)) {
    if (m === 0xe0 && len >= 7 && b[seg] === 0x4a && b[seg + 1] === 0x46 && b[seg + 2] === 0x49 && b[seg + 3] === 0x46) h.jfif = true;
    if (m === 0xee && len >= 14 && b[seg] === 0x41 && b[seg + 1] === 0x64 && b[seg + 2] === 0x6f && b[seg + 3] === 0x62 && b[seg + 4] === 0x65) h.adobeTransform = b[seg + 11];
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && h.sof === 0) {
      h.sof = m;
      h.precision = b[seg];
      const n = b[seg + 5];
      h.componentsAt = seg + 6;
      for (let c = 0; c < n; c++) h.components.push(b[seg + 6 + 3 * c]);
    }
    // Entropy-coded data follows the first SOS: the header is complete for our purpose.
    if (m === 0xda) h.scanAt.push(seg + 1);
  }
  return h;
}

/**
 * Whether libjpeg would treat a three-component stream as YCbCr and convert it to RGB
 * (libjpeg-turbo jdapimin.c default_decompression_parms).
 */
export function libjpegSeesYcbcr(h: JpegHeader): boolean {
  if (h.components.length !== 3) return false;
  if (h.jfif) return true;
  if (h.adobeTransform !== undefined) return h.adobeTransform !== 0;
  const [a, b, c] = h.components;
  if (a === 0x52 && b === 0x47 && c === 0x42) return false; // 'R' 'G' 'B'
  return true;
}

/**
 * A copy of a three-component JPEG stream that libjpeg decodes without any colour conversion:
 * component identifiers become 'R','G','B' (in the frame header and every scan header) and the
 * JFIF / Adobe markers that would force YCbCr are neutralised. The entropy-coded data is untouched.
 */
export function withoutColourTransform(bytes: Uint8Array): Uint8Array {
  const b = bytes.slice();
  const ids = [0x52, 0x47, 0x42];
  const h = jpegHeader(b);
  if (h.components.length !== 3 || h.componentsAt < 0) return b;
  const map = new Map<number, number>();
  h.components.forEach((id, k) => map.set(id, ids[k]));
  for (let k = 0; k < 3; k++) b[h.componentsAt + 3 * k] = ids[k];
  // Walk every segment: APP0 JFIF → a harmless APPn tag, APP14 Adobe transform → 0, SOS selectors remapped.
  for (const { m, i, seg, len } of markerSegments(b, true)) {
    if (m === 0xe0 && b[seg] === 0x4a && b[seg + 1] === 0x46 && b[seg + 2] === 0x49 && b[seg + 3] === 0x46) b[i + 1] = 0xef; // APP0 → APP15
    if (m === 0xee && len >= 14 && b[seg] === 0x41 && b[seg + 1] === 0x64) b[seg + 11] = 0;
    if (m === 0xda) {
      const n = b[seg];
      for (let c = 0; c < n; c++) {
        const at = seg + 1 + 2 * c;
        b[at] = map.get(b[at]) ?? b[at];
      }
    }
  }
  return b;
}

/** Whether the first tile-part header of a JPEG 2000 codestream applies the multiple component transform. */
export function j2kUsesMct(b: Uint8Array): boolean | undefined {
  let i = 0;
  // A JP2 file: find the codestream (SOC FF4F followed by SIZ FF51).
  while (i + 4 <= b.length && !(b[i] === 0xff && b[i + 1] === 0x4f && b[i + 2] === 0xff && b[i + 3] === 0x51)) i++;
  if (i + 4 > b.length) return undefined;
  i += 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const m = b[i + 1];
    const len = (b[i + 2] << 8) | b[i + 3];
    if (m === 0x52) return len >= 8 ? b[i + 8] === 1 : undefined; // COD: Lcod(2), Scod, progression, layers(2), MCT
    if (m === 0x90 || m === 0x93) return undefined; // SOT / SOD before any COD
    i += 2 + len;
  }
  return undefined;
}
