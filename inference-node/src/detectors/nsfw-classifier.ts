import { NSFW_CLASSES, nsfwModel, runModel } from '@veneer/shared/models';
import type { NsfwResult } from '@veneer/shared/protocol';
import { inspectImage } from '../images/decode.ts';
import { decodeFor } from '../images/decode-for.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';

/**
 * nsfwjs's MobileNetV2 classifier, imported from TF.js (model-import/), over any image, as its
 * definition says (shared/src/models/nsfw.ts): the extension runs the same one.
 */
export class NsfwClassifier {
  readonly modelId = nsfwModel.spec.id;

  private readonly runner: ModelRunner;
  private readonly maxPixels: number;

  constructor(runner: ModelRunner, maxPixels: number) {
    this.runner = runner;
    this.maxPixels = maxPixels;
  }

  async classify(bytes: Uint8Array): Promise<NsfwResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const pixels = await decodeFor(bytes, info, nsfwModel.decode, this.maxPixels);
    const scores = await runModel(nsfwModel, (feeds) => this.runner.run(feeds), pixels);
    const top = NSFW_CLASSES.reduce((a, b) => (scores[a] >= scores[b] ? a : b));
    return { type: 'nsfw', model: this.modelId, width: info.width, height: info.height, scores, top };
  }
}
