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
import { browser } from 'wxt/browser';
import { imageBlob } from './image-blob.ts';
import { ORT_WASM_DIR } from './local-faces.ts';

/**
 * nsfwjs's classifier on this device (imported from TF.js to ONNX at build time), with the same
 * preparation as nsfwjs and the inference node (shared/src/models/nsfw.ts). Runs in a document
 * (Chrome's offscreen document, Firefox's background page).
 */
const spec = MODELS['nsfw-mobilenet-v2'];
export const LOCAL_NSFW_PATH = `/models/${spec.file}`;
/** Images are drawn at most this large before nsfwjs's own resize to 224 (as on the node). */
const DECODE_SIDE = 896;

let session: Promise<ort.InferenceSession> | null = null;

function loadSession(): Promise<ort.InferenceSession> {
  ort.env.wasm.wasmPaths = browser.runtime.getURL(ORT_WASM_DIR as '/');
  ort.env.wasm.numThreads = 1;
  session ??= ort.InferenceSession.create(browser.runtime.getURL(LOCAL_NSFW_PATH as '/'), {
    executionProviders: ['wasm'],
  }).catch((error: unknown) => {
    session = null;
    throw error;
  });
  return session;
}

async function rgbOf(image: ImageRef): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const bitmap = await createImageBitmap(await imageBlob(image), { imageOrientation: 'from-image' });
  const scale = Math.min(1, DECODE_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas here');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const rgba = context.getImageData(0, 0, width, height).data;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return { rgb, width, height };
}

export type NsfwScores = Record<NsfwClass, number>;

/** Each image's five class probabilities; null where an image could not be read. */
export async function classifyImagesLocally(images: ImageRef[]): Promise<Array<NsfwScores | null>> {
  const model = await loadSession();
  const out: Array<NsfwScores | null> = [];
  for (const image of images) {
    try {
      const { rgb, width, height } = await rgbOf(image);
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
