import { resizeBilinearRgb } from './bilinear.ts';

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
  return resizeBilinearRgb(rgb, width, height, size, true);
}

/** The model's five probabilities, by class name. */
export function nsfwScores(probabilities: Float32Array | number[]): Record<NsfwClass, number> {
  return Object.fromEntries(NSFW_CLASSES.map((name, i) => [name, Number(probabilities[i] ?? 0)])) as Record<
    NsfwClass,
    number
  >;
}
