import { cropRgb } from '@veneer/shared/images';
import { emotionModel, runModel, topEmotion } from '@veneer/shared/models';
import type { EmotionResult } from '@veneer/shared/protocol';
import { decodeWithin, inspectImage } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';
import type { FaceDetector } from './face-detector.ts';

/** The image is decoded once at most this large for cropping faces. */
const DECODE_SIDE = 1024;
/** At most this many faces (the largest) get an expression. */
export const MAX_EMOTION_FACES = 20;

/**
 * Faces found by YuNet, each with its expression from Human's emotion model (model-import/), as
 * its definition says (shared/src/models/emotion.ts): the extension runs the same one.
 */
export class EmotionReader {
  private readonly runner: ModelRunner;
  private readonly faces: FaceDetector;
  private readonly maxPixels: number;

  constructor(runner: ModelRunner, faces: FaceDetector, maxPixels: number) {
    this.runner = runner;
    this.faces = faces;
    this.maxPixels = maxPixels;
  }

  get modelId(): string {
    return `${this.faces.modelId}+${emotionModel.spec.id}`;
  }

  async read(bytes: Uint8Array): Promise<EmotionResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const found = await this.faces.detect(bytes);
    const faces = [...found.faces]
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
      .slice(0, MAX_EMOTION_FACES);
    const result: EmotionResult = {
      type: 'emotion',
      model: this.modelId,
      width: info.width,
      height: info.height,
      faces: [],
    };
    if (faces.length === 0) return result;
    const { rgb, width, height } = await decodeWithin(bytes, info, DECODE_SIDE, this.maxPixels);
    for (const face of faces) {
      const crop = cropRgb(rgb, width, height, face.box);
      const scores = await runModel(emotionModel, (feeds) => this.runner.run(feeds), crop);
      result.faces.push({ ...face, emotion: topEmotion(scores), scores });
    }
    return result;
  }
}
