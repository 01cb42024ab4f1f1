import { cropRgb } from '@veneer/shared/images';
import { EMOTION_SIZE, EMOTIONS, emotionInput, emotionScores, type ModelSpec } from '@veneer/shared/models';
import type { EmotionResult } from '@veneer/shared/protocol';
import { decodeWithin, inspectImage } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';
import type { FaceDetector } from './face-detector.ts';

/** The image is decoded once at most this large for cropping faces. */
const DECODE_SIDE = 1024;
/** At most this many faces (the largest) get an expression. */
export const MAX_EMOTION_FACES = 20;

/** Faces found by YuNet, each with its expression from Human's emotion model (model-import/). */
export class EmotionReader {
  private readonly spec: ModelSpec;
  private readonly runner: ModelRunner;
  private readonly faces: FaceDetector;
  private readonly maxPixels: number;

  constructor(spec: ModelSpec, runner: ModelRunner, faces: FaceDetector, maxPixels: number) {
    this.spec = spec;
    this.runner = runner;
    this.faces = faces;
    this.maxPixels = maxPixels;
  }

  get modelId(): string {
    return `${this.faces.modelId}+${this.spec.id}`;
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
      const outputs = await this.runner.run({
        [this.spec.input.name]: {
          data: emotionInput(crop.rgb, crop.width, crop.height),
          dims: [1, EMOTION_SIZE, EMOTION_SIZE, 1],
        },
      });
      const scores = emotionScores(outputs[this.spec.outputs[0]!]!.data as Float32Array);
      const emotion = EMOTIONS.reduce((a, b) => (scores[a] >= scores[b] ? a : b));
      result.faces.push({ ...face, emotion, scores });
    }
    return result;
  }
}
