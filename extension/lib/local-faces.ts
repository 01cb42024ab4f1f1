import { ultrafaceModel } from '@veneer/shared/models';
import type { FacesResult, ImageRef } from '@veneer/shared/protocol';
import { decodeFor, runInBrowser } from './run-model.ts';

/**
 * On-device face detection: the same UltraFace definition as the inference node
 * (shared/src/models/ultraface.ts), with onnxruntime-web. Used with cloud processing off and when
 * no inference node can be reached. Runs in a document (offscreen document, Firefox's background page).
 */
const model = ultrafaceModel('ultraface-rfb-320');

export async function detectFacesLocally(image: ImageRef): Promise<FacesResult> {
  const pixels = await decodeFor(image, model.decode);
  return {
    type: 'faces',
    model: model.spec.id,
    width: pixels.original.width,
    height: pixels.original.height,
    faces: await runInBrowser(model, pixels),
  };
}
