// A viewing copy of native 4:2:2 YBR pixel data (PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr per two pixels)
// as YBR_FULL with three samples per pixel, each pixel taking its block's Cb and Cr. Cornerstone's
// image loader tests the length of 4:2:2 data against the 4:2:0 formula, so it skips the colour
// conversion of native YBR_FULL_422 and shows it black; YBR_FULL it converts. Never used for export.

/** rows × columns × 3 samples per frame from rows × columns × 2; 8-bit samples, even columns. */
export function upsample422(data: Uint8Array, rows: number, columns: number, frames: number): Uint8Array {
  const out = new Uint8Array(frames * rows * columns * 3);
  const blocks = (frames * rows * columns) / 2;
  for (let b = 0, i = 0, o = 0; b < blocks; b++, i += 4, o += 6) {
    const cb = data[i + 2];
    const cr = data[i + 3];
    out[o] = data[i];
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = data[i + 1];
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return out;
}
