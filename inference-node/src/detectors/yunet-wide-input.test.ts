import fs from 'node:fs';
import path from 'node:path';
import { MODELS, yunetFaces, yunetInput } from '@veneer/shared/models';
import { withInputShape } from '@veneer/shared/models/onnx-input-shape';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

/**
 * The thumbnail lab runs YuNet with a 320x192 input (withInputShape) on 16:9 images, where the
 * exported 320x320 input would spend 44% of its work on letterbox padding. The same weights must
 * find the same faces.
 */
const shared =
  process.env.VENEER_MODELS_DIR ?? path.resolve(import.meta.dirname, '../../../../shared/models');
const data = path.resolve(shared, '../data/images');
const spec = MODELS['yunet-n-320'];

async function faces(model: Uint8Array, image: string, width: number, height: number) {
  // The photo as a 16:9 thumbnail, 320x180 at the top left of a black input.
  const { data: rgb } = await sharp(path.join(data, image))
    .resize(320, 180, { fit: 'cover' })
    .removeAlpha()
    .extend({ bottom: height - 180, background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const session = await ort.InferenceSession.create(model);
  const outputs = await session.run({
    [spec.input.name]: new ort.Tensor('float32', yunetInput(new Uint8Array(rgb), width, height), [
      1,
      3,
      height,
      width,
    ]),
  });
  return yunetFaces(
    Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, t.data as Float32Array])),
    width,
    320,
    180,
  );
}

describe('YuNet with a 320x192 input', () => {
  const square = new Uint8Array(fs.readFileSync(path.join(shared, spec.file)));
  const wide = withInputShape(square, spec.input.name, [1, 3, 192, 320]);

  it('finds the faces the exported 320x320 model finds, in the same places (only the padding differs)', async () => {
    for (const image of ['skimage_astronaut.png', 'pillow_hopper.jpg', 'skimage_camera.png']) {
      const expected = await faces(square, image, 320, 320);
      const found = await faces(wide, image, 320, 192);
      expect(found.length, image).toBe(expected.length);
      for (const [i, face] of found.entries()) {
        expect(Math.abs(face.score - expected[i]!.score)).toBeLessThan(0.005);
        // Within a pixel and a half of the 320x180 thumbnail.
        for (const [key, pixels] of [
          ['x', 320],
          ['width', 320],
          ['y', 180],
          ['height', 180],
        ] as const)
          expect(Math.abs(face.box[key] - expected[i]!.box[key]) * pixels, `${image} ${key}`).toBeLessThan(
            1.5,
          );
      }
    }
    expect((await faces(wide, 'skimage_astronaut.png', 320, 192)).length).toBeGreaterThan(0);
  });

  it('answers with outputs sized for 192 rows', async () => {
    const session = await ort.InferenceSession.create(wide);
    const outputs = await session.run({
      [spec.input.name]: new ort.Tensor('float32', new Float32Array(3 * 192 * 320), [1, 3, 192, 320]),
    });
    expect(outputs.cls_8!.dims).toEqual([1, (192 / 8) * (320 / 8), 1]);
    expect(outputs.kps_32!.dims).toEqual([1, (192 / 32) * (320 / 32), 10]);
  });
});
