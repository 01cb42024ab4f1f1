import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImage, resizeToRgb } from './decode.ts';
import { ImageRefusal } from './image-refusal.ts';

const models =
  process.env.VENEER_MODELS_DIR ?? path.resolve(import.meta.dirname, '../../../../shared/models');
const jpeg = fs.readFileSync(path.join(models, '..', 'data/faces/2.jpg'));

describe('decoding a broken file', () => {
  it('a JPEG cut in half passes the header check, then is refused as not decodable (no retry)', async () => {
    const half = jpeg.subarray(0, jpeg.length >> 1);
    await expect(inspectImage(half, 40e6)).resolves.toMatchObject({ format: 'jpeg' });
    const refusal = await resizeToRgb(half, 64, 64, 40e6).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ImageRefusal);
    expect(refusal).toMatchObject({ code: 'not_an_image', status: 422 });
  });

  it('the whole JPEG decodes', async () => {
    expect((await resizeToRgb(jpeg, 64, 64, 40e6)).length).toBe(64 * 64 * 3);
  });
});
