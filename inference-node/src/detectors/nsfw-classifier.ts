import { type ModelSpec, NSFW_CLASSES, NSFW_SIZE, nsfwInput, nsfwScores } from '@veneer/shared/models';
import type { NsfwResult } from '@veneer/shared/protocol';
import { decodeWithin, inspectImage } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';

/** Larger images are first reduced (libvips) to this longer side; nsfwjs then resizes to 224 as it does. */
export const NSFW_DECODE_SIDE = 896;

/**
 * nsfwjs's MobileNetV2 classifier, imported from TF.js (model-import/), over any image: the
 * input is prepared exactly as nsfwjs prepares it (shared/src/models/nsfw.ts).
 */
export class NsfwClassifier {
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

  async classify(bytes: Uint8Array): Promise<NsfwResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const { rgb, width, height } = await decodeWithin(bytes, info, NSFW_DECODE_SIDE, this.maxPixels);
    const outputs = await this.runner.run({
      [this.spec.input.name]: { data: nsfwInput(rgb, width, height), dims: [1, NSFW_SIZE, NSFW_SIZE, 3] },
    });
    const scores = nsfwScores(outputs[this.spec.outputs[0]!]!.data as Float32Array);
    const top = NSFW_CLASSES.reduce((a, b) => (scores[a] >= scores[b] ? a : b));
    return { type: 'nsfw', model: this.spec.id, width: info.width, height: info.height, scores, top };
  }
}
