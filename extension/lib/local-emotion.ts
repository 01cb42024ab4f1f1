import { cropRgb } from '@veneer/shared/images';
import { emotionModel, MODELS, topEmotion } from '@veneer/shared/models';
import type { EmotionResult, Face } from '@veneer/shared/protocol';
import { drawRgb } from './image-pixels.ts';
import { detectYunetFaces } from './local-yunet.ts';
import { type RunModel, runHere } from './model-runner.ts';
import { packagedPath, runInBrowser } from './run-model.ts';

/**
 * Face expressions on this device: YuNet finds the faces, Human's emotion model (imported from
 * TF.js, model-import/) reads each of the largest, with the same preparation code as the
 * inference node's EmotionReader. Runs in a document (offscreen on Chrome, background on Firefox).
 */
const spec = emotionModel.spec;
export const EMOTION_PATH = packagedPath(spec);
/** Faces are cut from the image drawn at most this large. */
const CROP_SIDE = 1024;

export async function readEmotionsLocally(
  bitmap: ImageBitmap,
  { maxFaces = 20, faces, run = runHere }: { maxFaces?: number; faces?: Face[]; run?: RunModel } = {},
): Promise<EmotionResult> {
  const found = faces ?? (await detectYunetFaces(bitmap, bitmap.width, bitmap.height, run));
  const largest = [...found]
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
    .slice(0, maxFaces);
  const result: EmotionResult = {
    type: 'emotion',
    model: `${MODELS['yunet-n-320'].id}+${spec.id}`,
    width: bitmap.width,
    height: bitmap.height,
    faces: [],
  };
  if (largest.length === 0) return result;
  const scale = Math.min(1, CROP_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const rgb = drawRgb(bitmap, width, height);
  for (const face of largest) {
    const scores = await runInBrowser(emotionModel, cropRgb(rgb, width, height, face.box), run);
    result.faces.push({ ...face, emotion: topEmotion(scores), scores });
  }
  return result;
}
