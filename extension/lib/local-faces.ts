import { MODELS, ultrafaceFaces, ultrafaceInput } from '@veneer/shared/models';
import type { FacesResult, ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { imageBlob } from './image-blob.ts';
import { drawRgb } from './image-pixels.ts';
import { packagedSession } from './ort-session.ts';

/**
 * On-device face detection: the same UltraFace model and the same pre/post-processing code as
 * the inference node, run with onnxruntime-web (wasm). Used when no inference node can be
 * reached. Runs in a document (Chrome's offscreen document, Firefox's background page).
 */
const spec = MODELS['ultraface-rfb-320'];
const [, , HEIGHT, WIDTH] = spec.input.shape as [number, number, number, number];

/** Where the build puts the model inside the extension. */
export const LOCAL_MODEL_PATH = `/models/${spec.file}`;

export async function detectFacesLocally(image: ImageRef): Promise<FacesResult> {
  const [model, blob] = await Promise.all([packagedSession(LOCAL_MODEL_PATH), imageBlob(image)]);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('the file is not an image this browser can read');
  }
  const input = ultrafaceInput(drawRgb(bitmap, WIDTH, HEIGHT), WIDTH, HEIGHT);
  const outputs = await model.run({
    [spec.input.name]: new ort.Tensor('float32', input, [1, 3, HEIGHT, WIDTH]),
  });
  const faces = ultrafaceFaces(outputs.scores!.data as Float32Array, outputs.boxes!.data as Float32Array);
  const result: FacesResult = {
    type: 'faces',
    model: spec.id,
    width: bitmap.width,
    height: bitmap.height,
    faces,
  };
  bitmap.close();
  return result;
}
