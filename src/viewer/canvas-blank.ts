// Whether what the viewport drew is blank: a grid of samples over the on-screen canvas whose
// greys all lie within a few levels. The viewer compares it with what the image should show, to
// notice a renderer that silently stopped drawing (a WebGL context lost, a texture too large for
// a software renderer) and rebuild it.

/** The spread (max − min) of the brightest channel over an RGBA buffer, sampled at most `max` times. */
export function greySpread(rgba: ArrayLike<number>, max = 4096): number {
  const n = Math.floor(rgba.length / 4);
  const step = Math.max(1, Math.floor(n / max));
  let lo = 255;
  let hi = 0;
  for (let i = 0; i < n; i += step) {
    const g = Math.max(rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]);
    if (g < lo) lo = g;
    if (g > hi) hi = g;
  }
  return n ? hi - lo : 0;
}

/** True when the canvas holds (almost) one grey; false when it cannot be read. */
export function canvasLooksBlank(canvas: HTMLCanvasElement | undefined): boolean {
  if (!canvas || !canvas.width || !canvas.height) return false;
  try {
    const ctx = canvas.getContext('2d', { willReadFrequently: false });
    if (!ctx) return false;
    return greySpread(ctx.getImageData(0, 0, canvas.width, canvas.height).data) <= 6;
  } catch {
    return false;
  }
}
