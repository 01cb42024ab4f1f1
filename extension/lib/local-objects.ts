import { objectsModel } from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import { decodeFor, runInBrowser } from './run-model.ts';

export type LocalObjects = Array<{ label: string; score: number }>;

/**
 * COCO-80 objects on this device: Human's CenterNet (imported from TF.js at build time), as its
 * definition says (shared/src/models/centernet.ts), with the node's floor and suppression. Each
 * image's objects, best first; null where an image could not be read.
 */
export async function detectObjectsLocally(images: ImageRef[]): Promise<Array<LocalObjects | null>> {
  const out: Array<LocalObjects | null> = [];
  for (const image of images) {
    try {
      const objects = await runInBrowser(objectsModel, await decodeFor(image, objectsModel.decode));
      out.push(objects.map(({ label, score }) => ({ label, score })));
    } catch {
      out.push(null);
    }
  }
  return out;
}
