// JPEG segments of a teaching slide (ITU-T T.81 Annex B): list the markers, drop every APPn
// (JFIF, EXIF, XMP, ICC, Adobe…) and COM segment, which can carry text, dates, device and
// software names, and check that a file is clean. Entropy-coded data after each SOS is copied
// unchanged up to the next marker (0xFF00 stuffing and RSTn markers belong to the scan).

export interface JpegSegment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  offset: number;
  /** Bytes up to the next marker (marker, length field, payload and, after SOS, the scan data). */
  size: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const isApp = (m: number) => m >= 0xe0 && m <= 0xef;
const COM = 0xfe;
const standalone = (m: number) => m === SOI || m === EOI || (m >= 0xd0 && m <= 0xd7) || m === 0x01;

export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new Error('not a JPEG file (no SOI marker)');
  const out: JpegSegment[] = [{ marker: SOI, offset: 0, size: 2 }];
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new Error(`JPEG marker expected at byte ${pos}`);
    let at = pos;
    while (bytes[at + 1] === 0xff) at++; // fill bytes
    const marker = bytes[at + 1];
    if (marker === undefined) throw new Error('JPEG truncated in a marker');
    if (marker === EOI) {
      out.push({ marker, offset: pos, size: at + 2 - pos });
      if (at + 2 !== bytes.length) throw new Error('JPEG has bytes after EOI');
      return out;
    }
    if (standalone(marker)) throw new Error(`unexpected JPEG marker FF${marker.toString(16).toUpperCase()} at byte ${at}`);
    if (at + 4 > bytes.length) throw new Error('JPEG truncated in a segment header');
    let end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    if (end > bytes.length) throw new Error(`JPEG segment FF${marker.toString(16).toUpperCase()} runs past the end of the file`);
    if (marker === SOS) {
      // Scan data: runs to the next marker that is neither stuffing (FF00) nor a restart (FFD0–D7).
      while (end < bytes.length - 1 && !(bytes[end] === 0xff && bytes[end + 1] !== 0 && !(bytes[end + 1]! >= 0xd0 && bytes[end + 1]! <= 0xd7) && bytes[end + 1] !== 0xff)) end++;
      if (end >= bytes.length - 1) throw new Error('JPEG scan data has no end (EOI missing)');
    }
    out.push({ marker, offset: pos, size: end - pos });
    pos = end;
  }
  throw new Error('JPEG has no EOI marker');
}

/** The same image without APPn and COM segments. */
export function stripJpeg(bytes: Uint8Array): Uint8Array {
  const keep = jpegSegments(bytes).filter((s) => !isApp(s.marker) && s.marker !== COM);
  const out = new Uint8Array(keep.reduce((n, s) => n + s.size, 0));
  let pos = 0;
  for (const s of keep) {
    out.set(bytes.subarray(s.offset, s.offset + s.size), pos);
    pos += s.size;
  }
  return out;
}

/** Problems that make a JPEG unfit to leave as a slide (empty when clean). */
export function jpegProblems(bytes: Uint8Array): string[] {
  try {
    return jpegSegments(bytes)
      .filter((s) => isApp(s.marker) || s.marker === COM)
      .map((s) => `JPEG segment ${s.marker === COM ? 'COM' : `APP${s.marker - 0xe0}`} is not allowed`);
  } catch (err) {
    return [(err as Error).message];
  }
}
