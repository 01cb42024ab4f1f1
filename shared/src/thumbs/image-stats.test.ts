import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageStats } from './image-stats.ts';

const data = path.resolve(import.meta.dirname, '../../../../shared/data/images');

const solid = (width: number, height: number, rgb: [number, number, number]) =>
  Uint8Array.from({ length: width * height * 3 }, (_, i) => rgb[i % 3]!);

async function photo(name: string) {
  const { data: pixels, info } = await sharp(path.join(data, name))
    .removeAlpha()
    .toColourspace('srgb')
    .resize(160, 90, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return imageStats(new Uint8Array(pixels), info.width, info.height);
}

describe('imageStats', () => {
  it('a flat grey image has no contrast, no colour and no clutter', () => {
    const stats = imageStats(solid(32, 18, [128, 128, 128]), 32, 18);
    expect(stats.brightness).toBeCloseTo(128 / 255, 3);
    expect(stats.contrast).toBeCloseTo(0, 6);
    expect(stats.colourfulness).toBeCloseTo(0, 6);
    expect(stats.clutter).toBe(0);
  });

  it('fine black-and-white stripes are all contrast and all edges', () => {
    const rgb = new Uint8Array(32 * 18 * 3);
    for (let i = 0; i < 32 * 18; i++) {
      const on = Math.floor((i % 32) / 2) % 2 ? 255 : 0;
      rgb.fill(on, i * 3, i * 3 + 3);
    }
    const stats = imageStats(rgb, 32, 18);
    expect(stats.contrast).toBeCloseTo(0.5, 2);
    expect(stats.clutter).toBeGreaterThan(0.9);
  });

  it('pure red is very colourful', () => {
    expect(imageStats(solid(8, 8, [255, 0, 0]), 8, 8).colourfulness).toBeGreaterThan(80);
  });

  it('on real photos: the grey camera man has no colour, the astronaut plenty', async () => {
    const [camera, astronaut] = await Promise.all([
      photo('skimage_camera.png'),
      photo('skimage_astronaut.png'),
    ]);
    expect(camera.colourfulness).toBeLessThan(1);
    expect(astronaut.colourfulness).toBeGreaterThan(20);
    expect(camera.contrast).toBeGreaterThan(0.15);
  });

  it('refuses too few bytes', () => {
    expect(() => imageStats(new Uint8Array(5), 4, 4)).toThrow(/expected 48 RGB bytes/);
  });
});
