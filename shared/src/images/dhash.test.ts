import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { dHash, hammingDistance, isSimilar } from './dhash.ts';

const data = path.resolve(import.meta.dirname, '../../../../shared/data/images');

async function hashOf(input: Sharp): Promise<string> {
  const { data: rgba, info } = await input.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return dHash(rgba, info.width, info.height);
}

describe('dHash on real photos', () => {
  it('finds a re-encoded, resized copy and tells other photos apart', async () => {
    const file = path.join(data, 'wikimedia_hedgehog.jpg');
    const original = await hashOf(sharp(file));
    const copy = await hashOf(
      sharp(await sharp(file).resize(320).jpeg({ quality: 45 }).toBuffer()).modulate({ brightness: 1.1 }),
    );
    expect(original).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(original, copy)).toBeLessThanOrEqual(6);
    expect(isSimilar(original, copy)).toBe(true);
    for (const other of [
      'wikimedia_frog.jpg',
      'skimage_coffee.png',
      'wikimedia_penguin.jpg',
      'skimage_astronaut.png',
    ]) {
      const hash = await hashOf(sharp(path.join(data, other)));
      expect(isSimilar(original, hash), other).toBe(false);
    }
  });

  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('00000000000000f0', '0000000000000000')).toBe(4);
  });
});
