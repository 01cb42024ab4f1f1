import { MODELS, ultrafaceFaces, ultrafaceInput } from '@veneer/shared/models';
import type { FacesResult, ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { browser } from 'wxt/browser';
import { imageBlob } from './image-blob.ts';

/**
 * On-device face detection: the same UltraFace model and the same pre/post-processing code as
 * the inference node, run with onnxruntime-web (wasm). Used when no inference node can be
 * reached. Runs in a document (Chrome's offscreen document, Firefox's background page).
 */
const spec = MODELS['ultraface-rfb-320'];
const [, , HEIGHT, WIDTH] = spec.input.shape as [number, number, number, number];

/** Where the build puts the model and the wasm runtime inside the extension. */
export const LOCAL_MODEL_PATH = `/models/${spec.file}`;
export const ORT_WASM_DIR = '/ort/';

let session: Promise<ort.InferenceSession> | null = null;

function loadSession(): Promise<ort.InferenceSession> {
  ort.env.wasm.wasmPaths = browser.runtime.getURL(ORT_WASM_DIR as '/');
  // Extension pages are not cross-origin isolated, so wasm threads are unavailable.
  ort.env.wasm.numThreads = 1;
  session ??= ort.InferenceSession.create(browser.runtime.getURL(LOCAL_MODEL_PATH as '/'), {
    executionProviders: ['wasm'],
  }).catch((error: unknown) => {
    session = null;
    throw error;
  });
  return session;
}

/** Stretches the image to the model's input size and returns interleaved RGB bytes. */
function rgbOf(bitmap: ImageBitmap): Uint8Array {
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas here');
  context.drawImage(bitmap, 0, 0, WIDTH, HEIGHT);
  const rgba = context.getImageData(0, 0, WIDTH, HEIGHT).data;
  const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return rgb;
}

export async function detectFacesLocally(image: ImageRef): Promise<FacesResult> {
  const [model, blob] = await Promise.all([loadSession(), imageBlob(image)]);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('the file is not an image this browser can read');
  }
  const input = ultrafaceInput(rgbOf(bitmap), WIDTH, HEIGHT);
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
