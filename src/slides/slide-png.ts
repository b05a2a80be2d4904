// PNG chunks of a teaching slide (PNG spec, ISO/IEC 15948 §5): list them, keep only the critical
// ones (IHDR, PLTE, IDAT, IEND) so no ancillary chunk can carry text, time, EXIF, colour profile
// names or software tags, and check that a file is clean. Chunk bytes are copied unchanged, so
// each kept chunk's CRC stays valid.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const PNG_ALLOWED_CHUNKS: readonly string[] = ['IHDR', 'PLTE', 'IDAT', 'IEND'];

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  /** Data length (the chunk takes 12 more bytes). */
  length: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Every chunk in order; throws on a truncated or malformed file. */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngChunk[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new Error(`PNG truncated at byte ${pos}`);
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`PNG chunk at byte ${pos} has an invalid type`);
    if (pos + 12 + length > bytes.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    out.push({ type, offset: pos, length });
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  if (out[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  if (out.at(-1)?.type !== 'IEND') throw new Error('PNG has no IEND chunk');
  if (pos !== bytes.length) throw new Error('PNG has bytes after IEND');
  return out;
}

/** The same image with only IHDR, PLTE, IDAT and IEND (and nothing after IEND). */
export function stripPng(bytes: Uint8Array): Uint8Array {
  const keep = pngChunks(bytes).filter((c) => PNG_ALLOWED_CHUNKS.includes(c.type));
  const out = new Uint8Array(8 + keep.reduce((n, c) => n + 12 + c.length, 0));
  out.set(SIGNATURE, 0);
  let pos = 8;
  for (const c of keep) {
    out.set(bytes.subarray(c.offset, c.offset + 12 + c.length), pos);
    pos += 12 + c.length;
  }
  return out;
}

/** Problems that make a PNG unfit to leave as a slide (empty when clean). */
export function pngProblems(bytes: Uint8Array): string[] {
  try {
    return pngChunks(bytes).filter((c) => !PNG_ALLOWED_CHUNKS.includes(c.type)).map((c) => `PNG chunk ${c.type} is not allowed`);
  } catch (err) {
    return [(err as Error).message];
  }
}
