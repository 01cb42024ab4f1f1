import {
  CENTERNET_SIZE,
  centernetDetections,
  centernetInput,
  type ModelSpec,
  nonMaxSuppression,
} from '@veneer/shared/models';
import type { ObjectsResult } from '@veneer/shared/protocol';
import { decodeWithin, inspectImage } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';

/** Larger images are first reduced (libvips) to this longer side; the model then takes 512x512. */
const DECODE_SIDE = 1024;
/** Detections below this score are left out, as Human's default minConfidence does. */
export const MIN_OBJECT_SCORE = 0.2;
const IOU_THRESHOLD = 0.4;

/** COCO-80 objects with Human's CenterNet (model-import/), prepared as Human prepares it. */
export class ObjectDetector {
  private readonly spec: ModelSpec;
  private readonly runner: ModelRunner;
  private readonly maxPixels: number;

  constructor(spec: ModelSpec, runner: ModelRunner, maxPixels: number) {
    this.spec = spec;
    this.runner = runner;
    this.maxPixels = maxPixels;
  }

  get modelId(): string {
    return this.spec.id;
  }

  async detect(bytes: Uint8Array): Promise<ObjectsResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const { rgb, width, height } = await decodeWithin(bytes, info, DECODE_SIDE, this.maxPixels);
    const outputs = await this.runner.run({
      [this.spec.input.name]: {
        data: centernetInput(rgb, width, height),
        dims: [1, CENTERNET_SIZE, CENTERNET_SIZE, 3],
      },
    });
    const detections = centernetDetections(
      outputs['tower_0/detections']!.data as Float32Array,
      MIN_OBJECT_SCORE,
    );
    // Suppression within each label: a dog and a bed may share a box, two dogs may not.
    const labels = [...new Set(detections.map((d) => d.label))];
    const objects = labels
      .flatMap((label) =>
        nonMaxSuppression(
          detections.filter((d) => d.label === label),
          IOU_THRESHOLD,
        ),
      )
      .sort((a, b) => b.score - a.score);
    return { type: 'objects', model: this.spec.id, width: info.width, height: info.height, objects };
  }
}
