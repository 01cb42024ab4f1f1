/**
 * TF's bilinear resize of interleaved RGB bytes to size x size, values scaled to [0, 1], NHWC:
 * with aligned corners (the corner pixels of input and output coincide) or TF's legacy mapping
 * (source = destination * in / out, no half-pixel offset). Both TF.js models Veneer imports were
 * fed this way by their libraries.
 */
export function resizeBilinearRgb(
  rgb: Uint8Array,
  width: number,
  height: number,
  size: number,
  alignCorners: boolean,
): Float32Array {
  if (rgb.length < width * height * 3) throw new Error('not an RGB image of that size');
  const scale = (from: number) => (alignCorners ? (size > 1 ? (from - 1) / (size - 1) : 0) : from / size);
  const scaleY = scale(height);
  const scaleX = scale(width);
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const sy = y * scaleY;
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, height - 1);
    const fy = sy - y0;
    for (let x = 0; x < size; x++) {
      const sx = x * scaleX;
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, width - 1);
      const fx = sx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => rgb[(yy * width + xx) * 3 + c]! / 255;
        const top = p(y0, x0) + (p(y0, x1) - p(y0, x0)) * fx;
        const bottom = p(y1, x0) + (p(y1, x1) - p(y1, x0)) * fx;
        out[(y * size + x) * 3 + c] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}
