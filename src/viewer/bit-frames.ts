// 1-bit frames that do not start on a byte boundary, as the viewer needs them. PS3.5 8.1.1 packs
// 1-bit pixels eight to a byte, the first pixel in the lowest bit (Annex D.2), and the frames of a
// multi-frame image follow each other with no padding: with Rows × Columns not a multiple of 8
// (pydicom-data liver_nonbyte_aligned.dcm, 510 × 510), frame 2 starts 4 bits into a byte. dcmjs
// 0.52 splits such Pixel Data into byte-aligned frames by copying bits highest bit first, so a
// frame that started mid-byte came out with its pixels shuffled (1.4 % of frame 2 differed from
// pydicom's). Its copy keeps the bits of the value in that order, so the frames it made are put
// back together into the original Pixel Data here, and the frame is unpacked from its true bit
// offset, lowest bit first. One loss remains: dcmjs copies the last byte's high bits (its padding)
// instead of its low ones, so the last (total bits mod 8) pixels of the last frame read as 0.

/** The Pixel Data value dcmjs split into `frames`, each holding `bitsPerFrame` bits highest bit first. */
export function rejoinBitFrames(frames: readonly Uint8Array[], bitsPerFrame: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((bitsPerFrame * frames.length) / 8));
  frames.forEach((frame, f) => {
    const base = f * bitsPerFrame;
    for (let b = 0; b < bitsPerFrame; b++) {
      if ((frame[b >> 3] >> (7 - (b & 7))) & 1) {
        const g = base + b;
        out[g >> 3] |= 1 << (7 - (g & 7));
      }
    }
  });
  return out;
}

/** Frame `index` of packed 1-bit Pixel Data as one byte (0 or 1) a pixel (PS3.5 8.1.1, D.2). */
export function unpackBitFrame(pixelData: Uint8Array, index: number, bitsPerFrame: number): Uint8Array {
  const out = new Uint8Array(bitsPerFrame);
  const start = index * bitsPerFrame;
  for (let i = 0; i < bitsPerFrame; i++) {
    const g = start + i;
    out[i] = (pixelData[g >> 3] >> (g & 7)) & 1;
  }
  return out;
}

const rejoined = new WeakMap<object, Uint8Array>();

/** One frame of a naturalized value: a buffer or byte view, or a list of one. */
function bytesOf(v: unknown): Uint8Array | null {
  const one: unknown = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (one instanceof ArrayBuffer) return new Uint8Array(one);
  return one instanceof Uint8Array ? one : null;
}

/**
 * Frame `index` unpacked when dcmjs split a 1-bit multi-frame value whose frames are not
 * byte-aligned into `frames` (one per frame, each ⌈bits / 8⌉ bytes); null in every other case.
 */
export function unalignedBitFrame(frames: unknown, index: number, bitsPerFrame: number): Uint8Array | null {
  if (!Array.isArray(frames) || frames.length < 2 || bitsPerFrame % 8 === 0 || index < 0 || index >= frames.length) return null;
  const bytes = Math.ceil(bitsPerFrame / 8);
  const views = frames.map(bytesOf);
  if (views.some((v) => !v || v.length !== bytes)) return null;
  let whole = rejoined.get(frames);
  if (!whole) {
    whole = rejoinBitFrames(views as Uint8Array[], bitsPerFrame);
    rejoined.set(frames, whole);
  }
  return unpackBitFrame(whole, index, bitsPerFrame);
}
