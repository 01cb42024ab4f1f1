import { type NsfwClass, nsfwModel } from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import { decodeFor, runInBrowser } from './run-model.ts';

export type NsfwScores = Record<NsfwClass, number>;

/**
 * nsfwjs's classifier on this device (imported from TF.js to ONNX at build time), as the model's
 * definition says (shared/src/models/nsfw.ts). Each image's five class probabilities; null where
 * an image could not be read. Runs in a document (offscreen document, Firefox's background page).
 */
export async function classifyImagesLocally(images: ImageRef[]): Promise<Array<NsfwScores | null>> {
  const out: Array<NsfwScores | null> = [];
  for (const image of images) {
    try {
      out.push(await runInBrowser(nsfwModel, await decodeFor(image, nsfwModel.decode)));
    } catch {
      out.push(null);
    }
  }
  return out;
}
