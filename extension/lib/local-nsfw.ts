import {
  MODELS,
  NSFW_CLASSES,
  NSFW_SIZE,
  type NsfwClass,
  nsfwInput,
  nsfwScores,
} from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { decodeWithin } from './image-pixels.ts';
import { packagedSession } from './ort-session.ts';

/**
 * nsfwjs's classifier on this device (imported from TF.js to ONNX at build time), with the same
 * preparation as nsfwjs and the inference node (shared/src/models/nsfw.ts). Runs in a document
 * (Chrome's offscreen document, Firefox's background page).
 */
const spec = MODELS['nsfw-mobilenet-v2'];
export const LOCAL_NSFW_PATH = `/models/${spec.file}`;
/** Images are drawn at most this large before nsfwjs's own resize to 224 (as on the node). */
const DECODE_SIDE = 896;

export type NsfwScores = Record<NsfwClass, number>;

/** Each image's five class probabilities; null where an image could not be read. */
export async function classifyImagesLocally(images: ImageRef[]): Promise<Array<NsfwScores | null>> {
  const model = await packagedSession(LOCAL_NSFW_PATH);
  const out: Array<NsfwScores | null> = [];
  for (const image of images) {
    try {
      const { rgb, width, height } = await decodeWithin(image, DECODE_SIDE);
      const result = await model.run({
        [spec.input.name]: new ort.Tensor('float32', nsfwInput(rgb, width, height), [
          1,
          NSFW_SIZE,
          NSFW_SIZE,
          3,
        ]),
      });
      out.push(nsfwScores(result[spec.outputs[0]!]!.data as Float32Array));
    } catch {
      out.push(null);
    }
  }
  return out;
}

export { NSFW_CLASSES };
