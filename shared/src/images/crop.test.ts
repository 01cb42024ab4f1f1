import { describe, expect, it } from 'vitest';
import { cropRgb } from './crop.ts';

describe('cropRgb', () => {
  it('cuts the box out of RGB bytes, clamped to the image', () => {
    // 4x2 image whose red channel is the pixel's index.
    const rgb = Uint8Array.from({ length: 4 * 2 * 3 }, (_, i) => (i % 3 === 0 ? i / 3 : 0));
    const crop = cropRgb(rgb, 4, 2, { x: 0.25, y: 0.5, width: 0.5, height: 0.5 });
    expect(crop).toMatchObject({ width: 2, height: 1 });
    expect([...crop.rgb].filter((_, i) => i % 3 === 0)).toEqual([5, 6]);
    const clamped = cropRgb(rgb, 4, 2, { x: 0.75, y: -0.5, width: 1, height: 2 });
    expect(clamped).toMatchObject({ width: 1, height: 2 });
    expect([...clamped.rgb].filter((_, i) => i % 3 === 0)).toEqual([3, 7]);
  });
});
