import { objectsModel, runModel } from '@veneer/shared/models';
import type { ObjectsResult } from '@veneer/shared/protocol';
import { inspectImage } from '../images/decode.ts';
import { decodeFor } from '../images/decode-for.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';

/**
 * COCO-80 objects with Human's CenterNet (model-import/), as its definition says
 * (shared/src/models/centernet.ts: floor and suppression included): the extension runs the same one.
 */
export class ObjectDetector {
  readonly modelId = objectsModel.spec.id;

  private readonly runner: ModelRunner;
  private readonly maxPixels: number;

  constructor(runner: ModelRunner, maxPixels: number) {
    this.runner = runner;
    this.maxPixels = maxPixels;
  }

  async detect(bytes: Uint8Array): Promise<ObjectsResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const pixels = await decodeFor(bytes, info, objectsModel.decode, this.maxPixels);
    const objects = await runModel(objectsModel, (feeds) => this.runner.run(feeds), pixels);
    return { type: 'objects', model: this.modelId, width: info.width, height: info.height, objects };
  }
}
