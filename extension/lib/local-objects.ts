import { CENTERNET_SIZE, centernetDetections, centernetInput, MODELS } from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { decodeWithin } from './image-pixels.ts';
import { packagedSession } from './ort-session.ts';

/**
 * COCO-80 objects on this device: Human's CenterNet (imported from TF.js at build time), prepared
 * as Human and the inference node prepare it. Runs in the offscreen document (Chrome) or the
 * background page (Firefox).
 */
const spec = MODELS['centernet-human'];
/** Detections below this are not reported (a filter's sensitivity then picks its own floor). */
const FLOOR = 0.15;
/** Images are drawn at most this large before Human's own resize to 512 (as on the node). */
const DECODE_SIDE = 1024;

export type LocalObjects = Array<{ label: string; score: number }>;

/** Each image's objects (label and score, best first); null where an image could not be read. */
export async function detectObjectsLocally(images: ImageRef[]): Promise<Array<LocalObjects | null>> {
  const model = await packagedSession(`/models/${spec.file}`);
  const out: Array<LocalObjects | null> = [];
  for (const image of images) {
    try {
      const { rgb, width, height } = await decodeWithin(image, DECODE_SIDE);
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
