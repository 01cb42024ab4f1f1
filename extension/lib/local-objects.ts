import { CENTERNET_SIZE, centernetDetections, centernetInput, MODELS } from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { browser } from 'wxt/browser';
import { imageBlob } from './image-blob.ts';
import { ORT_WASM_DIR } from './local-faces.ts';

/**
 * COCO-80 objects on this device: Human's CenterNet (imported from TF.js at build time), prepared
 * as Human and the inference node prepare it. Runs in the offscreen document (Chrome) or the
 * background page (Firefox).
 */
const spec = MODELS['centernet-human'];
/** Detections below this are not reported (a filter's sensitivity then picks its own floor). */
const FLOOR = 0.15;

let session: Promise<ort.InferenceSession> | null = null;

function loadSession(): Promise<ort.InferenceSession> {
  ort.env.wasm.wasmPaths = browser.runtime.getURL(ORT_WASM_DIR as '/');
  ort.env.wasm.numThreads = 1;
  session ??= ort.InferenceSession.create(browser.runtime.getURL(`/models/${spec.file}` as '/'), {
    executionProviders: ['wasm'],
  }).catch((error: unknown) => {
    session = null;
    throw error;
  });
  return session;
}

async function rgbOf(image: ImageRef) {
  const bitmap = await createImageBitmap(await imageBlob(image), { imageOrientation: 'from-image' });
  const scale = Math.min(1, 1024 / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
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

export type LocalObjects = Array<{ label: string; score: number }>;

/** Each image's objects (label and score, best first); null where an image could not be read. */
export async function detectObjectsLocally(images: ImageRef[]): Promise<Array<LocalObjects | null>> {
  const model = await loadSession();
  const out: Array<LocalObjects | null> = [];
  for (const image of images) {
    try {
      const { rgb, width, height } = await rgbOf(image);
      const result = await model.run({
        [spec.input.name]: new ort.Tensor('float32', centernetInput(rgb, width, height), [
          1,
          CENTERNET_SIZE,
          CENTERNET_SIZE,
          3,
        ]),
      });
      const rows = result['tower_0/detections']!.data as Float32Array;
      out.push(centernetDetections(rows, FLOOR).map(({ label, score }) => ({ label, score })));
    } catch {
      out.push(null);
    }
  }
  return out;
}
