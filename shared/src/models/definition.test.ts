import { describe, expect, it } from 'vitest';
import { CENTERNET_SIZE, COCO_LABELS } from './centernet.ts';
import { decodedSize, runModel } from './definition.ts';
import { nsfwModel } from './nsfw-model.ts';
import { MIN_OBJECT_SCORE, objectsModel } from './objects-model.ts';
import { textClassifierModel } from './text-classifier.ts';
import { ultrafaceModel } from './ultraface-model.ts';

/** CenterNet's detection rows: x1, y1, x2, y2 (input pixels), score, class. */
const rows = (...detections: Array<[number, number, number, number, number, string]>) =>
  Float32Array.from(
    detections.flatMap(([x1, y1, x2, y2, score, label]) => [
      x1,
      y1,
      x2,
      y2,
      score,
      COCO_LABELS.indexOf(label as (typeof COCO_LABELS)[number]),
    ]),
  );

describe('model definitions', () => {
  it('say how a runtime decodes: within a side (never enlarged), or stretched', () => {
    expect(decodedSize({ within: 896 }, 1792, 896)).toEqual({ width: 896, height: 448 });
    expect(decodedSize({ within: 896 }, 100, 50)).toEqual({ width: 100, height: 50 });
    expect(ultrafaceModel('ultraface-rfb-320').decode).toEqual({ stretch: { width: 320, height: 240 } });
    expect(ultrafaceModel('ultraface-rfb-640').decode).toEqual({ stretch: { width: 640, height: 480 } });
  });

  it('objects: the floor and the suppression within a label are part of the model, for both runtimes', async () => {
    const s = CENTERNET_SIZE;
    const outputs = {
      'tower_0/detections': {
        data: rows(
          [0, 0, s / 2, s / 2, 0.9, 'dog'],
          [4, 4, s / 2 + 4, s / 2 + 4, 0.6, 'dog'], // the same dog again
          [0, 0, s / 2, s / 2, 0.5, 'bed'], // another label in the same box stays
          [s / 2, s / 2, s, s, 0.19, 'cat'], // under the floor
        ),
        dims: [1, 4, 6],
      },
    };
    const objects = await runModel(objectsModel, async () => outputs, {
      rgb: new Uint8Array(3 * 4),
      width: 2,
      height: 2,
    });
    expect(objects.map((o) => [o.label, o.score])).toEqual([
      ['dog', expect.closeTo(0.9)],
      ['bed', expect.closeTo(0.5)],
    ]);
    expect(MIN_OBJECT_SCORE).toBe(0.2);
  });

  it('nsfw: the input the registry names, in the shape nsfwjs feeds', () => {
    const feeds = nsfwModel.prepare({ rgb: new Uint8Array(10 * 10 * 3), width: 10, height: 10 });
    expect(Object.keys(feeds)).toEqual([nsfwModel.spec.input.name]);
    expect(feeds[nsfwModel.spec.input.name]!.dims).toEqual([1, 224, 224, 3]);
  });

  it('text classifiers: hashed features as int64 indices and float32 values; the probability out', async () => {
    const model = textClassifierModel('clickbait');
    expect(model.spec.file).toBe('text/clickbait.onnx');
    const feeds = model.prepare('You will not believe this');
    expect(feeds.indices!.data).toBeInstanceOf(BigInt64Array);
    expect(feeds.values!.data).toBeInstanceOf(Float32Array);
    expect(feeds.indices!.dims).toEqual(feeds.values!.dims);
    const p = await runModel(
      model,
      async () => ({ probability: { data: Float32Array.of(0.75), dims: [1] } }),
      'x',
    );
    expect(p).toBe(0.75);
  });
});
