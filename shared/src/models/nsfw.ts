/**
 * nsfwjs's classifiers (imported from TF.js to ONNX by model-import/): what they take and what
 * they answer, exactly as nsfwjs prepares it (dist/esm/core.js `infer`): RGB scaled to [0, 1],
 * then resized to 224x224 with bilinear interpolation and aligned corners, NHWC.
 */
export const NSFW_SIZE = 224;
export const NSFW_CLASSES = ['drawing', 'hentai', 'neutral', 'porn', 'sexy'] as const;
export type NsfwClass = (typeof NSFW_CLASSES)[number];

/** Interleaved RGB bytes (width x height) to the model's [1, 224, 224, 3] float input. */
export function nsfwInput(rgb: Uint8Array, width: number, height: number, size = NSFW_SIZE): Float32Array {
  if (rgb.length < width * height * 3) throw new Error('not an RGB image of that size');
  const out = new Float32Array(size * size * 3);
  // Aligned corners: the corner pixels of input and output coincide.
  const scaleY = size > 1 ? (height - 1) / (size - 1) : 0;
  const scaleX = size > 1 ? (width - 1) / (size - 1) : 0;
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

/** The model's five probabilities, by class name. */
export function nsfwScores(probabilities: Float32Array | number[]): Record<NsfwClass, number> {
  return Object.fromEntries(NSFW_CLASSES.map((name, i) => [name, Number(probabilities[i] ?? 0)])) as Record<
    NsfwClass,
    number
  >;
}
